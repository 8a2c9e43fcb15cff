/**
 * Which key seals stored secrets (LLM keys, webhook signing secrets). Production must set
 * ENCRYPTION_KEY; development falls back to a published key so `npm run dev` works with no
 * setup (never use it for real keys).
 */
import { requestErrors } from "../domain/error-catalogue";
import type { AppError } from "../domain/errors";
import { isEncryptionKey, sealSecret } from "../domain/secret-box";
import type { AppBindings } from "../env";

/** Documented in README: the development-only fallback for ENCRYPTION_KEY. */
export const DEVELOPMENT_ENCRYPTION_KEY = "7461736b686976652d646576656c6f706d656e742d6b65792d6e6f742d736563";

/** `unavailable` is the refusal when there is no key, worded for what was being stored. */
export function encryptionKeyOf(
  env: Pick<AppBindings, "ENCRYPTION_KEY" | "ENVIRONMENT">,
  unavailable: () => AppError = requestErrors.encryptionUnavailable,
): string {
  if (isEncryptionKey(env.ENCRYPTION_KEY)) return env.ENCRYPTION_KEY;
  if (env.ENVIRONMENT === "development") return DEVELOPMENT_ENCRYPTION_KEY;
  throw unavailable();
}

/** Seals an LLM key for storage, or passes null through. */
export async function sealLlmKey(env: AppBindings, key: string | null | undefined): Promise<string | null> {
  if (key === null || key === undefined) return null;
  return sealSecret(key, encryptionKeyOf(env));
}
