// Realtime tickets as tokens: a ticket reads back as the credential it was issued for until it
// expires, and nothing else does: not an altered one, not one signed under another secret, not
// any ticket in a deployment that has no secret to sign with.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { AppError } from "../../../src/domain/errors";
import { credentialOfTicket, issueTicket, TICKET_TTL_MS } from "../../../src/worker/auth/tickets";

const credential = { kind: "session" as const, hash: "a".repeat(64) };
const NOW = Date.parse("2026-11-21T12:00:00Z");

async function refusalOf(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return { status: error.status, message: error.message };
}

describe("realtime tickets", () => {
  it("stand for their credential until they expire, 60 seconds after issue", async () => {
    const { ticket, expiresAt } = await issueTicket(env, credential, NOW);
    expect(expiresAt).toBe(NOW + TICKET_TTL_MS);
    expect(await credentialOfTicket(env, ticket, NOW + TICKET_TTL_MS - 1)).toEqual(credential);
    expect(await refusalOf(credentialOfTicket(env, ticket, NOW + TICKET_TTL_MS))).toEqual({
      status: 401,
      message: "Realtime ticket expired",
    });
  });

  it("are refused when any character of payload or signature changes", async () => {
    const { ticket } = await issueTicket(env, credential, NOW);
    const dot = ticket.indexOf(".");
    for (const at of [0, dot - 2, dot + 1, ticket.length - 2]) {
      const altered = ticket.slice(0, at) + (ticket[at] === "A" ? "B" : "A") + ticket.slice(at + 1);
      expect(await refusalOf(credentialOfTicket(env, altered, NOW))).toEqual({ status: 401, message: "Invalid realtime ticket" });
    }
    for (const junk of ["", ".", "a.b.c", "é.é", `${"a".repeat(600)}.b`]) {
      expect(await refusalOf(credentialOfTicket(env, junk, NOW))).toEqual({ status: 401, message: "Invalid realtime ticket" });
    }
  });

  it("are bound to the deployment secret, and cannot be issued or accepted without one", async () => {
    const production = { ENCRYPTION_KEY: "cd".repeat(32) };
    const { ticket } = await issueTicket(production, credential, NOW);
    expect(await credentialOfTicket(production, ticket, NOW)).toEqual(credential);
    expect(await refusalOf(credentialOfTicket(env, ticket, NOW))).toEqual({ status: 401, message: "Invalid realtime ticket" });

    const keyless = {};
    expect((await refusalOf(issueTicket(keyless, credential, NOW))).status).toBe(503);
    expect(await refusalOf(credentialOfTicket(keyless, ticket, NOW))).toEqual({ status: 401, message: "Invalid realtime ticket" });
  });
});
