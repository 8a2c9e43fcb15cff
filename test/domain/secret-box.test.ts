import { describe, expect, it } from "vitest";
import { isEncryptionKey, openSecret, sealSecret } from "../../src/domain/secret-box";

const KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
const OTHER_KEY = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";
const SECRET = "sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789";

const SEALED_FORMAT = /^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/;

function decode(part: string): Uint8Array {
  return Uint8Array.from(atob(part.replace(/-/g, "+").replace(/_/g, "/")), (ch) => ch.charCodeAt(0));
}
function encode(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
function parts(sealed: string): [string, string, string] {
  const [version, iv, ciphertext] = sealed.split(".");
  return [version!, iv!, ciphertext!];
}

describe("sealSecret / openSecret", () => {
  it("round-trips a secret", async () => {
    const sealed = await sealSecret(SECRET, KEY);
    expect(await openSecret(sealed, KEY)).toBe(SECRET);
  });

  it("round-trips empty, non-ASCII and long secrets", async () => {
    for (const secret of ["", "clé secrète ☕ 🚀 鍵", "x".repeat(10_000)]) {
      expect(await openSecret(await sealSecret(secret, KEY), KEY)).toBe(secret);
    }
  });

  it("writes v1.<96-bit iv>.<ciphertext and 128-bit tag> in base64url", async () => {
    const sealed = await sealSecret(SECRET, KEY);
    expect(sealed).toMatch(SEALED_FORMAT);
    const [, iv, ciphertext] = parts(sealed);
    expect(decode(iv)).toHaveLength(12);
    expect(decode(ciphertext)).toHaveLength(new TextEncoder().encode(SECRET).length + 16);
  });

  it("does not reveal the secret in the sealed value", async () => {
    const sealed = await sealSecret(SECRET, KEY);
    expect(sealed).not.toContain(SECRET);
    expect(sealed).not.toContain(encode(new TextEncoder().encode(SECRET)).slice(0, 16));
  });

  it("uses a fresh IV for every seal, so sealing the same secret twice differs", async () => {
    const a = await sealSecret(SECRET, KEY);
    const b = await sealSecret(SECRET, KEY);
    expect(a).not.toBe(b);
    expect(parts(a)[1]).not.toBe(parts(b)[1]);
    expect(parts(a)[2]).not.toBe(parts(b)[2]);
    expect(await openSecret(a, KEY)).toBe(SECRET);
    expect(await openSecret(b, KEY)).toBe(SECRET);
  });

  it("never repeats an IV across many seals", async () => {
    const ivs = new Set<string>();
    for (let i = 0; i < 50; i++) ivs.add(parts(await sealSecret(SECRET, KEY))[1]);
    expect(ivs.size).toBe(50);
  });

  it("accepts the key in upper- or lower-case hex as the same key", async () => {
    const sealed = await sealSecret(SECRET, KEY.toUpperCase());
    expect(await openSecret(sealed, KEY)).toBe(SECRET);
  });

  it("fails to open with the wrong key", async () => {
    const sealed = await sealSecret(SECRET, KEY);
    await expect(openSecret(sealed, OTHER_KEY)).rejects.toThrow();
    // A key differing in a single bit is just as wrong.
    const nearKey = `${KEY.slice(0, 63)}${KEY.endsWith("f") ? "e" : "f"}`;
    await expect(openSecret(sealed, nearKey)).rejects.toThrow();
  });

  it("fails to open when any byte of the ciphertext or tag is altered", async () => {
    const sealed = await sealSecret("sk-short", KEY);
    const [version, iv, ciphertext] = parts(sealed);
    const bytes = decode(ciphertext);
    for (let i = 0; i < bytes.length; i++) {
      const tampered = Uint8Array.from(bytes);
      tampered[i] = tampered[i]! ^ 0x01;
      await expect(openSecret([version, iv, encode(tampered)].join("."), KEY), `byte ${i}`).rejects.toThrow();
    }
  });

  it("fails to open when the IV is altered", async () => {
    const sealed = await sealSecret(SECRET, KEY);
    const [version, iv, ciphertext] = parts(sealed);
    const tampered = decode(iv);
    tampered[0] = tampered[0]! ^ 0x80;
    await expect(openSecret([version, encode(tampered), ciphertext].join("."), KEY)).rejects.toThrow();
  });

  it("fails to open a truncated or extended ciphertext", async () => {
    const sealed = await sealSecret(SECRET, KEY);
    const [version, iv, ciphertext] = parts(sealed);
    const bytes = decode(ciphertext);
    await expect(openSecret([version, iv, encode(bytes.slice(0, -1))].join("."), KEY)).rejects.toThrow();
    await expect(openSecret([version, iv, encode(bytes.slice(0, -16))].join("."), KEY)).rejects.toThrow();
    const longer = new Uint8Array(bytes.length + 1);
    longer.set(bytes);
    await expect(openSecret([version, iv, encode(longer)].join("."), KEY)).rejects.toThrow();
  });

  it("refuses sealed values of an unknown format", async () => {
    const sealed = await sealSecret(SECRET, KEY);
    const [, iv, ciphertext] = parts(sealed);
    for (const bad of ["", "v1", "v1..", `v1.${iv}`, `v1.${iv}.`, `v1..${ciphertext}`, `v2.${iv}.${ciphertext}`, SECRET]) {
      await expect(openSecret(bad, KEY), bad).rejects.toThrow("sealed secret has an unknown format");
    }
  });

  it("rejects keys that are not exactly 64 hex characters, when sealing and when opening", async () => {
    const sealed = await sealSecret(SECRET, KEY);
    for (const bad of ["", KEY.slice(0, 63), `${KEY}0`, `${KEY.slice(0, 63)}g`, ` ${KEY.slice(1)}`, `0x${KEY.slice(2)}`]) {
      await expect(sealSecret(SECRET, bad), bad).rejects.toThrow("encryption key must be 64 hex characters");
      await expect(openSecret(sealed, bad), bad).rejects.toThrow("encryption key must be 64 hex characters");
    }
  });
});

describe("isEncryptionKey", () => {
  it("accepts exactly 64 hex characters of either case", () => {
    expect(isEncryptionKey(KEY)).toBe(true);
    expect(isEncryptionKey(KEY.toUpperCase())).toBe(true);
    expect(isEncryptionKey("0".repeat(64))).toBe(true);
  });

  it("rejects undefined, empty, short, long and non-hex values", () => {
    for (const value of [undefined, "", KEY.slice(0, 63), `${KEY}a`, "g".repeat(64), `${KEY.slice(0, 32)}\n${KEY.slice(33)}`]) {
      expect(isEncryptionKey(value), String(value)).toBe(false);
    }
  });
});
