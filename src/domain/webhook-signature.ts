/**
 * Webhook secrets and signatures. A secret is `whsec_` + base64 of 32 random bytes: the
 * Standard Webhooks format, so its libraries accept it as is. Two signatures go with every
 * attempt, each keyed the way its receivers already expect:
 * - `webhook-signature: v1,<base64 HMAC-SHA256(key, "<webhook-id>.<webhook-timestamp>.<body>")>`,
 *   where key = the 32 bytes (base64-decode what follows `whsec_`), as Standard Webhooks says;
 * - `X-TaskHive-Signature: sha256=<hex HMAC-SHA256(secret, body)>`, keyed by the whole secret
 *   string as UTF-8, which is what existing TaskHive receivers pass to their HMAC.
 */

const SECRET_MARKER = "whsec_";
const SECRET_BYTES = 32;
/** Characters of the secret (after `whsec_`) that listings show, to tell secrets apart. */
const SECRET_PREFIX_LENGTH = 8;

export function newWebhookSecret(): string {
  return SECRET_MARKER + toBase64(crypto.getRandomValues(new Uint8Array(SECRET_BYTES)));
}

/** What `GET /webhooks` shows of a secret: the first characters after `whsec_`. */
export function secretPrefixOf(secret: string): string {
  return keyText(secret).slice(0, SECRET_PREFIX_LENGTH);
}

/** The string the Standard Webhooks signature covers. */
export function signedContent(messageId: string, timestamp: number, body: string): string {
  return `${messageId}.${timestamp}.${body}`;
}

export interface SignatureHeaders {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
  "X-TaskHive-Signature": string;
}

/** Both signatures of one attempt; the timestamp is the attempt's own (unix seconds). */
export async function signatureHeaders(secret: string, messageId: string, timestamp: number, body: string): Promise<SignatureHeaders> {
  const standard = await hmacSha256(fromBase64(keyText(secret)), signedContent(messageId, timestamp, body));
  const legacy = await hmacSha256(new TextEncoder().encode(secret), body);
  return {
    "webhook-id": messageId,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": `v1,${toBase64(standard)}`,
    "X-TaskHive-Signature": `sha256=${toHex(legacy)}`,
  };
}

function keyText(secret: string): string {
  return secret.startsWith(SECRET_MARKER) ? secret.slice(SECRET_MARKER.length) : secret;
}

async function hmacSha256(key: Uint8Array, text: string): Promise<Uint8Array> {
  // Copied into a fresh ArrayBuffer: WebCrypto's types refuse views that might be shared.
  const cryptoKey = await crypto.subtle.importKey("raw", new Uint8Array(key), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", cryptoKey, new TextEncoder().encode(text)));
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));
}

function toHex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}
