import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "../../src/domain/cursor";
import { ftsQuery, searchSort } from "../../src/domain/search-query";

describe("ftsQuery", () => {
  it("quotes each word and requires all of them", () => {
    expect(ftsQuery("summarise papers")).toBe('"summarise" AND "papers"');
    expect(ftsQuery("caching")).toBe('"caching"');
  });

  it("splits on any whitespace and ignores leading, trailing and repeated separators", () => {
    expect(ftsQuery("  edge\tcaching\n\r papers  ")).toBe('"edge" AND "caching" AND "papers"');
    expect(ftsQuery("a\u00a0b\u2003c")).toBe('"a" AND "b" AND "c"');
  });

  it("treats control characters (NUL included) as separators, never sending them to FTS5", () => {
    expect(ftsQuery("a\u0000b")).toBe('"a" AND "b"');
    expect(ftsQuery("\u0000\u0007x\u001f")).toBe('"x"');
  });

  it("doubles quotes inside a word so they stay literal", () => {
    expect(ftsQuery('say "hi"')).toBe('"say" AND """hi"""');
    expect(ftsQuery('"unbalanced')).toBe('"""unbalanced"');
    expect(ftsQuery('a"b')).toBe('"a""b"');
  });

  it.each([
    ["a*", '"a*"'],
    ["NEAR(a b)", '"NEAR(a" AND "b)"'],
    ["title:x", '"title:x"'],
    ["a OR b", '"a" AND "OR" AND "b"'],
    ["NOT a", '"NOT" AND "a"'],
    ["(a", '"(a"'],
    ["a)", '"a)"'],
    ["^a", '"^a"'],
    ["-a", '"-a"'],
    ["a AND", '"a" AND "AND"'],
    ["'; DROP TABLE tasks; --", '"DROP" AND "TABLE" AND "tasks;"'],
    ["{title description}: x", '"{title" AND "description}:" AND "x"'],
  ])("keeps FTS5 syntax in %j as literal text", (input, expected) => {
    expect(ftsQuery(input)).toBe(expected);
  });

  it("produces only quoted strings joined by AND, whatever the input", () => {
    const inputs = ['"', '""', "***", 'a"b"c d\' e', "x".repeat(200), "ünïcödé 漢字 ٣", "🚀 rocket"];
    for (const input of inputs) {
      const query = ftsQuery(input);
      if (query === null) continue;
      // Every term is "…" whose inside has only doubled quotes, so nothing can escape it.
      for (const term of query.split(" AND ")) expect(term).toMatch(/^"(?:[^"]|"")*"$/);
    }
  });

  it("keeps letters and digits of any script and drops words without any", () => {
    expect(ftsQuery("café 漢字 ٣")).toBe('"café" AND "漢字" AND "٣"');
    expect(ftsQuery("🚀 rocket")).toBe('"rocket"');
    expect(ftsQuery("rocket🚀")).toBe('"rocket🚀"');
  });

  it.each(['"', '""', "*", "()", "🚀", "-- ;", "   ", ""])("returns null for %j: nothing to search for", (input) => {
    expect(ftsQuery(input)).toBeNull();
  });
});

describe("searchSort", () => {
  it("ties a cursor to one expression and status", () => {
    const sort = searchSort('"caching"', "open");
    expect(sort).toBe(searchSort('"caching"', "open"));
    expect(sort).not.toBe(searchSort('"papers"', "open"));
    expect(sort).not.toBe(searchSort('"caching"', "claimed"));
    const cursor = encodeCursor({ sort, value: -1.5e-6, id: 7 });
    expect(decodeCursor(cursor, sort)).toEqual({ sort, value: -1.5e-6, id: 7 });
    expect(decodeCursor(cursor, searchSort('"papers"', "open"))).toBeNull();
  });
});
