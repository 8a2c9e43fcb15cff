/**
 * Debian's Chromium, driven headless by playwright-core (never a downloaded browser). One
 * browser per test file, launched on first use and closed after the file (setup.ts); each
 * `newPage()` gets a context of its own (its own cookies and storage), with `baseURL` set to
 * the dev server, so `page.goto("/dashboard")` works.
 *
 *   const page = await newPage({ as: await registerPerson("Poster") });
 *   await page.goto("/dashboard");
 *   await snap(page, "dashboard");
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { inject } from "vitest";
import type { Person } from "./api";
import { SCREENSHOTS_DIR } from "./paths";

/** Override with CHROMIUM_PATH; Debian's package installs /usr/bin/chromium. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * The network here is closed: without the background-networking flags Chromium keeps trying
 * Google's services and floods refused connections. Playwright gives every `launch()` a fresh
 * temporary --user-data-dir of its own and deletes it on close.
 */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** How long a page action or expectation waits before failing (well inside the test timeout). */
const ACTION_TIMEOUT_MS = 15_000;

let browser: Browser | null = null;

/** The file's browser, launched on first use. */
export async function openBrowser(): Promise<Browser> {
  if (browser?.isConnected()) return browser;
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: install Debian's (sudo apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  return browser;
}

/** Closes the file's browser and every page in it (setup.ts calls it after each file). */
export async function closeBrowser(): Promise<void> {
  const open = browser;
  browser = null;
  await open?.close();
}

export interface PageOptions {
  /** Signed in as this person: their session cookie is set on the context before any request. */
  as?: Person;
  /** Defaults to DESKTOP; PHONE for the narrow layout. */
  viewport?: { width: number; height: number };
}

/** A page in a new context of its own, pointed at the dev server. */
export async function newPage(options: PageOptions = {}): Promise<Page> {
  const base = inject("baseUrl");
  const context = await (await openBrowser()).newContext({ baseURL: base, viewport: options.viewport ?? DESKTOP });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  if (options.as) await signIn(context, options.as);
  return context.newPage();
}

/** Puts a person's session cookie (from registerPerson) into a browser context. */
export async function signIn(context: BrowserContext, person: Person): Promise<void> {
  const at = person.cookie.indexOf("=");
  await context.addCookies([
    { name: person.cookie.slice(0, at), value: person.cookie.slice(at + 1), url: inject("baseUrl"), httpOnly: true, sameSite: "Lax" },
  ]);
}

/** Saves a full-page PNG to test-artifacts/screenshots/<name>.png and returns its path. */
export async function snap(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const path = join(SCREENSHOTS_DIR, `${name.replace(/[^\w.-]+/g, "-")}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Every URL the page asks for from now on (documents, scripts, styles, fetches, WebSockets),
 * in order: assert that all are on the dev server (no CDN, no third party).
 */
export function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (request) => urls.push(request.url()));
  page.on("websocket", (socket) => urls.push(socket.url()));
  return urls;
}

/** The URLs among `urls` that leave the page for anywhere but the dev server (data: and blob: stay). */
export function foreignRequests(urls: string[]): string[] {
  const base = new URL(inject("baseUrl"));
  return urls.filter((url) => {
    const u = new URL(url);
    if (u.protocol === "data:" || u.protocol === "blob:") return false;
    return u.host !== base.host || !["http:", "ws:"].includes(u.protocol);
  });
}

/** Uncaught page errors and console errors from now on: a clean page leaves this empty. */
export function recordErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  return errors;
}
