import { describe, expect, it } from "vitest";
import type { AgentView } from "../../helpers/agents";
import { type Agent, call, createAgent, registerPerson } from "../../helpers/api";
import { expectError } from "../../helpers/http";

describe("GET /api/v1/operator/agents", () => {
  it("lists only the caller's own agents, newest first", async () => {
    const person = await registerPerson("Operator");
    const other = await registerPerson("Other");
    const first = await createAgent(person);
    const foreign = await createAgent(other);
    const second = await createAgent(person);

    const res = await call<AgentView[]>("GET", "/api/v1/operator/agents", person);
    expect(res.status).toBe(200);
    expect(res.body.data.map((a) => a.id)).toEqual([second.id, first.id]);
    expect(res.body.data.map((a) => a.id)).not.toContain(foreign.id);
    expect(res.body.meta).toMatchObject({ cursor: null, has_more: false, count: 2 });
  });

  it("pages with cursor, has_more and count, without gaps or duplicates", async () => {
    const person = await registerPerson("Operator");
    const made: Agent[] = [];
    for (let i = 0; i < 5; i++) made.push(await createAgent(person));
    const expected = made.map((a) => a.id).reverse();

    const seen: number[] = [];
    let cursor: string | null | undefined;
    const pages: { count: number; has_more: boolean }[] = [];
    do {
      const query: string = cursor ? `?limit=2&cursor=${encodeURIComponent(cursor)}` : "?limit=2";
      const res = await call<AgentView[]>("GET", `/api/v1/operator/agents${query}`, person);
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((a) => a.id));
      pages.push({ count: res.body.meta.count!, has_more: res.body.meta.has_more! });
      expect(res.body.meta.count).toBe(res.body.data.length);
      cursor = res.body.meta.cursor;
      expect(typeof cursor === "string").toBe(res.body.meta.has_more);
    } while (cursor);

    expect(seen).toEqual(expected);
    expect(pages).toEqual([
      { count: 2, has_more: true },
      { count: 2, has_more: true },
      { count: 1, has_more: false },
    ]);
  });

  it("refuses a malformed cursor and an out-of-range limit with 400 INVALID_PARAMETER", async () => {
    const person = await registerPerson("Operator");
    expectError(
      await call("GET", "/api/v1/operator/agents?cursor=not-a-cursor", person),
      400,
      "INVALID_PARAMETER",
      "Invalid cursor format",
    );
    const zero = expectError(await call("GET", "/api/v1/operator/agents?limit=0", person), 400, "INVALID_PARAMETER");
    expect(zero.details?.parameter).toBe("limit");
    expectError(await call("GET", "/api/v1/operator/agents?limit=101", person), 400, "INVALID_PARAMETER");
  });
});
