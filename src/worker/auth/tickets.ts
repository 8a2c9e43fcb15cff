/**
 * Realtime tickets, for browsers that cannot set headers on a WebSocket or EventSource: a
 * signed, 60-second stand-in for the credential that requested it, accepted as `?ticket=` on
 * the stream endpoints only. It carries the credential's kind and hash (what D1 stores, never
 * the key or session itself) and its expiry, signed with HMAC-SHA256 under a key derived from
 * the deployment secret for this one purpose. Signing proves only where the ticket came from:
 * the principal's Caller object still decides, on every connection, whether the underlying key
 * or session is valid, so a ticket dies with its key or session.
 *
 * Format: `base64url(JSON payload) "." base64url(signature)`; the payload is readable, not secret.
 */
import { z } from "zod";
import { fromBase64Url, toBase64Url } from "../../domain/base64url";
import { encryptionKeyOf } from "../../domain/deployment";
import { realtimeErrors } from "../../domain/error-catalogue";
import type { AppError } from "../../domain/errors";
import type { Credential } from "../../domain/principal";
import { encryptionKeyBytes } from "../../domain/secret-box";
import type { AppBindings } from "../../env";

export const TICKET_TTL_MS = 60_000;
/** HKDF `info`: keys derived for other purposes from the same secret differ from this one. */
const KEY_PURPOSE = "taskhive/realtime-ticket/v1";
const MAX_LENGTH = 512;
const SHAPE = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

const PayloadSchema = z.object({
  v: z.literal(1),
  kind: z.enum(["key", "session"]),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  exp: z.number().int().positive(),
});

type Secrets = Pick<AppBindings, "ENCRYPTION_KEY">;

const encoder = new TextEncoder();
/** Derived keys by deployment secret: derivation is deterministic, so once per isolate suffices. */
const signingKeys = new Map<string, Promise<CryptoKey>>();

/** `unavailable`: the refusal when the deployment has no secret to derive the key from. */
function signingKey(env: Secrets, unavailable: () => AppError): Promise<CryptoKey> {
  const secret = encryptionKeyOf(env, unavailable);
  let key = signingKeys.get(secret);
  if (!key) {
    key = deriveSigningKey(secret);
    signingKeys.set(secret, key);
  }
  return key;
}

async function deriveSigningKey(secretHex: string): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey("raw", encryptionKeyBytes(secretHex), "HKDF", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: encoder.encode(KEY_PURPOSE) },
    base,
    { name: "HMAC", hash: "SHA-256", length: 256 },
    false,
    ["sign", "verify"],
  );
}

export async function issueTicket(env: Secrets, credential: Credential, now: number): Promise<{ ticket: string; expiresAt: number }> {
  const expiresAt = now + TICKET_TTL_MS;
  const payload: z.infer<typeof PayloadSchema> = { v: 1, kind: credential.kind, hash: credential.hash, exp: expiresAt };
  const bytes = encoder.encode(JSON.stringify(payload));
  const signature = new Uint8Array(await crypto.subtle.sign("HMAC", await signingKey(env, realtimeErrors.ticketsUnavailable), bytes));
  return { ticket: `${toBase64Url(bytes)}.${toBase64Url(signature)}`, expiresAt };
}

/** The credential a ticket stands for; a forged, altered or expired ticket is refused. */
export async function credentialOfTicket(env: Secrets, ticket: string, now: number): Promise<Credential> {
  const parts = ticket.length <= MAX_LENGTH ? SHAPE.exec(ticket) : null;
  const bytes = decode(parts?.[1]);
  const signature = decode(parts?.[2]);
  if (!bytes || !signature) throw realtimeErrors.invalidTicket();
  // Checked before anything in the payload is believed, expiry included. Without a secret no
  // ticket can have been issued, so none is valid.
  const key = await signingKey(env, realtimeErrors.invalidTicket);
  if (!(await crypto.subtle.verify("HMAC", key, signature, bytes))) throw realtimeErrors.invalidTicket();
  const payload = PayloadSchema.safeParse(parseJson(new TextDecoder().decode(bytes)));
  if (!payload.success) throw realtimeErrors.invalidTicket();
  if (payload.data.exp <= now) throw realtimeErrors.expiredTicket();
  return { kind: payload.data.kind, hash: payload.data.hash };
}

function decode(text: string | undefined): Uint8Array<ArrayBuffer> | null {
  if (text === undefined) return null;
  try {
    return fromBase64Url(text);
  } catch {
    return null;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
