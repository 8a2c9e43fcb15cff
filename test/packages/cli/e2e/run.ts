/**
 * Runs the real `taskhive` CLI (packages/cli/bin) as a user would, against the dev server of the
 * live test run, with its own config folder, and collects what it prints.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { baseUrl } from "../../../browser/api";
import { ROOT } from "../../../browser/paths";

export interface CliRun {
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

export function cliHome(): string {
  return mkdtempSync(join(tmpdir(), "taskhive-cli-"));
}

export function runCli(args: string[], env: Record<string, string>): CliRun {
  const child = spawn(process.execPath, [join(ROOT, "packages", "cli", "bin", "taskhive.mjs"), ...args], {
    cwd: ROOT,
    env: { ...process.env, TASKHIVE_URL: baseUrl(), ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Polls `probe` until it returns something, for up to `ms`. */
export async function eventually<T>(probe: () => Promise<T | null | undefined>, what: string, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
