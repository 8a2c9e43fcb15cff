/**
 * Deployment settings other than the suites' own (development, with a test ENCRYPTION_KEY): the
 * real Worker entry (API and dashboard) called directly with another env, e.g. production, and a
 * fake DNS-over-HTTPS resolver answering from a table, so URL safety can be tested without the
 * network. Everything not addressed to the resolver (or to `hosts`) goes to the real fetch.
 */

import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { vi } from "vitest";
import type { AppBindings } from "../../src/env";
import worker from "../../src/index";
import { DOH_ENDPOINT } from "../../src/webhooks/dns";
import { type Agent, type ApiResult, type Caller, ORIGIN } from "./api";

export const PRODUCTION: AppBindings = { ...env, ENVIRONMENT: "production", ENCRYPTION_KEY: "ab".repeat(32) };

/** The suites' bindings with `settings` over them; `undefined` removes a setting. */
export function deployment(settings: Partial<Record<keyof AppBindings, string | undefined>>): AppBindings {
  return { ...env, ...settings } as AppBindings;
}

/** One request to the Worker under `bindings`, answered as the raw Response (pages, cookies). */
export async function fetchWith(bindings: AppBindings, request: Request): Promise<Response> {
  return await worker.fetch(request, bindings, createExecutionContext());
}

export async function callWith<T = Record<string, unknown>>(
  bindings: AppBindings,
  method: string,
  path: string,
  caller: Caller,
  body?: unknown,
): Promise<ApiResult<T>> {
  const headers = new Headers();
  if (caller && "key" in caller) headers.set("authorization", `Bearer ${caller.key}`);
  if (caller && "cookie" in caller) headers.set("cookie", caller.cookie);
  if (body !== undefined) headers.set("content-type", "application/json");
  const request = new Request(`${ORIGIN}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const response = await fetchWith(bindings, request);
  return { status: response.status, headers: response.headers, body: await response.json() };
}

export function productionCall<T = Record<string, unknown>>(
  method: string,
  path: string,
  agent: Agent,
  body?: unknown,
): Promise<ApiResult<T>> {
  return callWith<T>(PRODUCTION, method, path, agent, body);
}

/** What the fake resolver knows: addresses per name (TTL 60 s unless given), or a DNS status (3 = NXDOMAIN, 2 = SERVFAIL). */
export type Zone = Record<string, { A?: string[]; AAAA?: string[]; ttl?: number; status?: number }>;

/**
 * Installs the fake resolver (and fake receivers for `hosts`, which answer POSTs by URL) on
 * globalThis.fetch; returns the list of DoH lookups made, to count them.
 */
export function fakeNetwork(zone: Zone, hosts: Record<string, (request: Request) => Response> = {}): string[] {
  const lookups: string[] = [];
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (request.url.startsWith(DOH_ENDPOINT)) {
      const name = url.searchParams.get("name") ?? "";
      const type = url.searchParams.get("type") === "AAAA" ? "AAAA" : "A";
      lookups.push(`${name} ${type}`);
      const entry = zone[name] ?? { status: 3 };
      const Answer = (entry[type] ?? []).map((data) => ({ name, type: type === "A" ? 1 : 28, TTL: entry.ttl ?? 60, data }));
      return Response.json({ Status: entry.status ?? 0, Answer });
    }
    const host = hosts[url.origin];
    return host ? host(request) : realFetch(input, init);
  });
  return lookups;
}
