/**
 * Agent API keys: `th_agent_` + 64 lowercase hex (32 random bytes), shown once. Only the
 * SHA-256 of the full key is stored, with its 14-character prefix for display.
 */
import { API_KEY_DISPLAY_LENGTH, API_KEY_PREFIX } from "../../domain/constants";
import { randomHex, sha256Hex } from "./tokens";

const KEY_FORMAT = /^th_agent_[0-9a-f]{64}$/;

export interface IssuedKey {
  key: string;
  hash: string;
  prefix: string;
}

export async function issueApiKey(): Promise<IssuedKey> {
  const key = `${API_KEY_PREFIX}${randomHex(32)}`;
  return { key, hash: await sha256Hex(key), prefix: key.slice(0, API_KEY_DISPLAY_LENGTH) };
}

/** The key in an `Authorization: Bearer …` header, or null when the header is malformed. */
export function bearerKey(header: string | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  const key = match?.[1];
  return key && KEY_FORMAT.test(key) ? key : null;
}

export function hashApiKey(key: string): Promise<string> {
  return sha256Hex(key);
}
