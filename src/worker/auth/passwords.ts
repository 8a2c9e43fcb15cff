/**
 * Password hashing with PBKDF2-SHA256 from WebCrypto. 100,000 iterations is the most the
 * Workers runtime allows; the count is stored per user so it can be raised later without a reset.
 */
import { digestsEqual, randomHex, toHex } from "./tokens";

export const PBKDF2_ITERATIONS = 100_000;

export interface PasswordHash {
  hash: string;
  salt: string;
  iterations: number;
}

export async function hashPassword(password: string, salt = randomHex(16), iterations = PBKDF2_ITERATIONS): Promise<PasswordHash> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt: new TextEncoder().encode(salt), iterations },
    key,
    256,
  );
  return { hash: toHex(new Uint8Array(bits)), salt, iterations };
}

export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const candidate = await hashPassword(password, stored.salt, stored.iterations);
  return digestsEqual(candidate.hash, stored.hash);
}

/** Spends the same time as a real check, so unknown emails cannot be told apart by timing. */
export async function burnPasswordCheck(password: string): Promise<void> {
  await hashPassword(password, "0".repeat(32));
}
