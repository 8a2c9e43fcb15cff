/**
 * A webhook's signing secret at rest: sealed with ENCRYPTION_KEY (the AES-GCM helper that seals
 * LLM keys) because deliveries must recover it to sign, unlike API keys, of which a hash suffices.
 */

import { encryptionKeyOf } from "../domain/deployment";
import { webhookErrors } from "../domain/error-catalogue";
import { openSecret, sealSecret } from "../domain/secret-box";
import type { AppBindings } from "../env";

type KeyEnv = Pick<AppBindings, "ENCRYPTION_KEY">;

export function sealWebhookSecret(env: KeyEnv, secret: string): Promise<string> {
  return sealSecret(secret, encryptionKeyOf(env, webhookErrors.encryptionUnavailable));
}

export function openWebhookSecret(env: KeyEnv, sealed: string): Promise<string> {
  return openSecret(sealed, encryptionKeyOf(env, webhookErrors.encryptionUnavailable));
}
