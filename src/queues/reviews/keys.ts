/**
 * LLM keys on their way to a provider: a stored key (the poster's or an agent's, sealed under
 * ENCRYPTION_KEY) opened only for the call, and any key scrubbed from what a provider says back.
 */
import { encryptionKeyOf } from "../../domain/deployment";
import { openSecret } from "../../domain/secret-box";
import type { AppBindings } from "../../env";

/** A stored key in the clear. One sealed under another ENCRYPTION_KEY fails with a reason the poster can act on. */
export async function openStoredKey(env: AppBindings, key: { source: "poster" | "agent"; sealedKey: string }): Promise<string> {
  try {
    return await openSecret(key.sealedKey, encryptionKeyOf(env));
  } catch {
    throw new Error(`the ${key.source}'s stored LLM key could not be decrypted (is ENCRYPTION_KEY set, and the one it was stored under?)`);
  }
}

/** Provider errors may echo request details; a key must never reach storage or logs. */
export function redact(text: string, secret: string): string {
  return secret.length >= 8 ? text.split(secret).join("[redacted]") : text;
}
