/**
 * AES-256-GCM for secrets we must store but never show (LLM keys). A sealed value is
 * `v1.<iv>.<ciphertext>` in base64url; the 96-bit IV is random per seal.
 */

import { fromBase64Url, toBase64Url } from "./base64url";

const VERSION = "v1";

export async function sealSecret(plaintext: string, keyHex: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await importKey(keyHex);
  const ciphertext = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, new TextEncoder().encode(plaintext));
  return [VERSION, toBase64Url(iv), toBase64Url(new Uint8Array(ciphertext))].join(".");
}

export async function openSecret(sealed: string, keyHex: string): Promise<string> {
  const [version, iv, ciphertext] = sealed.split(".");
  if (version !== VERSION || !iv || !ciphertext) throw new Error("sealed secret has an unknown format");
  const key = await importKey(keyHex);
  const plaintext = await crypto.subtle.decrypt({ name: "AES-GCM", iv: fromBase64Url(iv) }, key, fromBase64Url(ciphertext));
  return new TextDecoder().decode(plaintext);
}

export function isEncryptionKey(value: string | undefined): value is string {
  return value !== undefined && /^[0-9a-fA-F]{64}$/.test(value);
}

/** The 32 bytes of a 64-hex-character key: what AES-GCM here, and key derivation elsewhere, take. */
export function encryptionKeyBytes(keyHex: string): Uint8Array<ArrayBuffer> {
  if (!isEncryptionKey(keyHex)) throw new Error("encryption key must be 64 hex characters");
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[i] = Number.parseInt(keyHex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

function importKey(keyHex: string): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", encryptionKeyBytes(keyHex), "AES-GCM", false, ["encrypt", "decrypt"]);
}
