import { describe, expect, it } from "vitest";
import { type Cursor, decodeCursor, encodeCursor } from "../../src/domain/cursor";

// Independent helpers, so the tests can forge cursors byte by byte.
function b64url(text: string): string {
  let binary = "";
  for (const b of new TextEncoder().encode(text)) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
function unb64url(raw: string): string {
  const binary = atob(raw.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder().decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0)));
}
/** FNV-1a 32-bit over UTF-16 code units, as the cursor's checksum is documented to be. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
/** A cursor with a correct checksum over whatever payload is given. */
function forge(payload: unknown[]): string {
  return b64url(JSON.stringify([...payload, fnv1a(JSON.stringify(payload))]));
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

const newest: Cursor = { sort: "newest", value: "2030-01-01T12:34:56.789Z", id: 42 };
const budgetHigh: Cursor = { sort: "budget_high", value: 1500, id: 7 };

describe("encodeCursor / decodeCursor round trip", () => {
  it("round-trips a string sort value", () => {
    expect(decodeCursor(encodeCursor(newest), "newest")).toEqual(newest);
  });

  it("round-trips a number sort value, keeping it a number", () => {
    const decoded = decodeCursor(encodeCursor(budgetHigh), "budget_high");
    expect(decoded).toEqual(budgetHigh);
    expect(typeof decoded?.value).toBe("number");
  });

  it("keeps a numeric-looking string a string", () => {
    const cursor: Cursor = { sort: "oldest", value: "1500", id: 3 };
    expect(decodeCursor(encodeCursor(cursor), "oldest")).toEqual(cursor);
  });

  it("round-trips zero, negative, fractional and large numbers and large ids", () => {
    for (const value of [0, -5, 12.75, Number.MAX_SAFE_INTEGER]) {
      for (const id of [1, 42_000_001, Number.MAX_SAFE_INTEGER]) {
        const cursor: Cursor = { sort: "budget_low", value, id };
        expect(decodeCursor(encodeCursor(cursor), "budget_low")).toEqual(cursor);
      }
    }
  });

  it("round-trips empty and non-ASCII strings", () => {
    for (const value of ["", "café ☕", "日本語のタイトル", "emoji 🚀🐝", 'quotes " and \\ backslash']) {
      const cursor: Cursor = { sort: "relevance", value, id: 9 };
      expect(decodeCursor(encodeCursor(cursor), "relevance")).toEqual(cursor);
    }
  });

  it("is opaque base64url: no padding, no + or /", () => {
    for (const cursor of [newest, budgetHigh, { sort: "relevance", value: "???>>>~~~ 🚀", id: 1 }]) {
      expect(encodeCursor(cursor)).toMatch(/^[A-Za-z0-9_-]+$/);
    }
  });

  it("is deterministic, and differs for different positions", () => {
    expect(encodeCursor(newest)).toBe(encodeCursor({ ...newest }));
    expect(encodeCursor(newest)).not.toBe(encodeCursor({ ...newest, id: 43 }));
    expect(encodeCursor(newest)).not.toBe(encodeCursor({ ...newest, value: "2030-01-01T12:34:56.790Z" }));
  });

  it("carries sort, value, id and the FNV-1a checksum of the first three", () => {
    const payload = JSON.parse(unb64url(encodeCursor(budgetHigh))) as unknown[];
    expect(payload).toEqual(["budget_high", 1500, 7, fnv1a(JSON.stringify(["budget_high", 1500, 7]))]);
  });

  it("accepts a well-formed cursor built independently of encodeCursor", () => {
    expect(decodeCursor(forge(["newest", "2030-01-01T00:00:00.000Z", 5]), "newest")).toEqual({
      sort: "newest",
      value: "2030-01-01T00:00:00.000Z",
      id: 5,
    });
  });
});

describe("decodeCursor refuses", () => {
  it("garbage", () => {
    for (const raw of ["", "garbage", "abc", "x", "null", "AAAA", "____"]) {
      expect(decodeCursor(raw, "newest"), raw).toBeNull();
    }
  });

  it("text outside the base64url alphabet", () => {
    const valid = encodeCursor(newest);
    for (const raw of [
      `${valid}=`,
      `${valid}==`,
      valid.replace(/./, "+"),
      valid.replace(/./, "/"),
      ` ${valid}`,
      `${valid}\n`,
      `${valid.slice(0, 10)}.${valid.slice(10)}`,
      btoa(JSON.stringify(["newest", "a", 1, 0])),
      "%5B%22newest%22%5D",
    ]) {
      expect(decodeCursor(raw, "newest"), raw).toBeNull();
    }
  });

  it("valid base64url of something that is not JSON", () => {
    for (const text of ["hello world", "[1,2,3", "{'a':1}", "undefined", "NaN"]) {
      expect(decodeCursor(b64url(text), "newest"), text).toBeNull();
    }
  });

  it("base64url of bytes that are not UTF-8", () => {
    const raw = btoa(String.fromCharCode(0xff, 0xfe, 0x5b, 0x22)).replace(/=+$/, "");
    expect(decodeCursor(raw.replace(/\+/g, "-").replace(/\//g, "_"), "newest")).toBeNull();
  });

  it("JSON of the wrong shape, even with a correct checksum", () => {
    const shapes: unknown[] = [
      {},
      { sort: "newest", value: "a", id: 1 },
      "newest",
      42,
      null,
      [],
      ["newest", "a", 1],
      ["newest", "a", 1, fnv1a(JSON.stringify(["newest", "a", 1])), 0],
    ];
    for (const shape of shapes) {
      expect(decodeCursor(b64url(JSON.stringify(shape)), "newest"), JSON.stringify(shape)).toBeNull();
    }
    expect(decodeCursor(forge(["newest", "a"]), "newest")).toBeNull();
    expect(decodeCursor(forge(["newest", "a", 1, 2]), "newest")).toBeNull();
  });

  it("a checksum that is not a number", () => {
    const sum = fnv1a(JSON.stringify(["newest", "a", 1]));
    expect(decodeCursor(b64url(JSON.stringify(["newest", "a", 1, String(sum)])), "newest")).toBeNull();
    expect(decodeCursor(b64url(JSON.stringify(["newest", "a", 1, null])), "newest")).toBeNull();
  });

  it("a value that is neither a string nor a finite number", () => {
    for (const value of [null, true, {}, [1], ["a"]]) {
      expect(decodeCursor(forge(["newest", value, 1]), "newest"), JSON.stringify(value)).toBeNull();
    }
    expect(decodeCursor(encodeCursor({ sort: "budget_high", value: Number.POSITIVE_INFINITY, id: 1 }), "budget_high")).toBeNull();
    expect(decodeCursor(encodeCursor({ sort: "budget_high", value: Number.NaN, id: 1 }), "budget_high")).toBeNull();
  });

  it("a cursor issued for another sort", () => {
    expect(decodeCursor(encodeCursor(newest), "oldest")).toBeNull();
    expect(decodeCursor(encodeCursor(budgetHigh), "budget_low")).toBeNull();
    expect(decodeCursor(encodeCursor(budgetHigh), "BUDGET_HIGH")).toBeNull();
    expect(decodeCursor(encodeCursor(newest), "")).toBeNull();
  });

  it("an edited payload whose base64 was recomputed but whose checksum is stale", () => {
    const [sort, value, id, sum] = JSON.parse(unb64url(encodeCursor(newest))) as [string, string, number, number];
    const edits: unknown[][] = [
      [sort, value, id + 1, sum],
      [sort, value, id - 1, sum],
      [sort, "2031-01-01T12:34:56.789Z", id, sum],
      [sort, value, id, sum + 1],
      ["oldest", value, id, sum],
    ];
    for (const edit of edits) {
      expect(decodeCursor(b64url(JSON.stringify(edit)), edit[0] as string), JSON.stringify(edit)).toBeNull();
    }
    // The same edit with the checksum recomputed is accepted, so the stale checksum is what refused it.
    expect(decodeCursor(forge([sort, value, id + 1]), sort)).toEqual({ sort, value, id: id + 1 });
  });

  it("a stale checksum on a number value", () => {
    const [sort, value, id, sum] = JSON.parse(unb64url(encodeCursor(budgetHigh))) as [string, number, number, number];
    expect(decodeCursor(b64url(JSON.stringify([sort, value + 1, id, sum])), sort)).toBeNull();
    expect(decodeCursor(b64url(JSON.stringify([sort, String(value), id, sum])), sort)).toBeNull();
  });

  it("ids that are not positive safe integers, even with a correct checksum", () => {
    for (const id of [0, -1, -42, 1.5, 0.999, Number.MAX_SAFE_INTEGER + 2]) {
      expect(decodeCursor(forge(["newest", "a", id]), "newest"), String(id)).toBeNull();
      expect(decodeCursor(encodeCursor({ sort: "newest", value: "a", id }), "newest"), String(id)).toBeNull();
    }
    for (const id of ["1", null, true]) {
      expect(decodeCursor(forge(["newest", "a", id]), "newest"), JSON.stringify(id)).toBeNull();
    }
    expect(decodeCursor(forge(["newest", "a", 1]), "newest")).not.toBeNull();
  });
});

describe("decodeCursor and single-character tampering", () => {
  const cursors: [string, Cursor][] = [
    ["string value", newest],
    ["number value", budgetHigh],
    ["non-ASCII value", { sort: "relevance", value: "café ☕ 🚀", id: 123_000_004 }],
  ];

  for (const [label, cursor] of cursors) {
    it(`refuses every single-character substitution of a real cursor (${label})`, () => {
      const raw = encodeCursor(cursor);
      let checked = 0;
      for (let i = 0; i < raw.length; i++) {
        for (const ch of ALPHABET) {
          if (ch === raw[i]) continue;
          checked++;
          expect(decodeCursor(raw.slice(0, i) + ch + raw.slice(i + 1), cursor.sort), `position ${i} → ${ch}`).toBeNull();
        }
      }
      expect(checked).toBe(raw.length * (ALPHABET.length - 1));
    });

    it(`refuses every deletion and every duplication of a single character (${label})`, () => {
      const raw = encodeCursor(cursor);
      for (let i = 0; i < raw.length; i++) {
        expect(decodeCursor(raw.slice(0, i) + raw.slice(i + 1), cursor.sort), `delete ${i}`).toBeNull();
        expect(decodeCursor(raw.slice(0, i) + raw[i] + raw.slice(i), cursor.sort), `duplicate ${i}`).toBeNull();
      }
    });
  }
});
