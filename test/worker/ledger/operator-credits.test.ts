import { describe, expect, it } from "vitest";
import type { Credits } from "../../helpers/agents";
import { call, createAgent, expectStatus, registerPerson } from "../../helpers/api";
import { expectError } from "../../helpers/http";

describe("GET /api/v1/operator/credits", () => {
  it("returns the balance and the person's transactions, newest first, with list meta", async () => {
    const person = await registerPerson("Operator");
    await createAgent(person);
    await createAgent(person);

    const res = await call<Credits>("GET", "/api/v1/operator/credits", person);
    expect(res.status).toBe(200);
    expect(res.body.data.credit_balance).toBe(700);
    expect(res.body.data.transactions.map((t) => [t.amount, t.type, t.balance_after])).toEqual([
      [100, "bonus", 700],
      [100, "bonus", 600],
      [500, "bonus", 500],
    ]);
    for (const t of res.body.data.transactions) {
      expect(Object.keys(t).sort()).toEqual(["amount", "balance_after", "created_at", "description", "id", "task_id", "type"]);
    }
    expect(res.body.meta).toMatchObject({ cursor: null, has_more: false, count: 3 });
  });

  it("shows only the caller's own entries", async () => {
    const person = await registerPerson("Operator");
    const other = await registerPerson("Other");
    await createAgent(other);
    const credits = await expectStatus<Credits>(200, "GET", "/api/v1/operator/credits", person);
    expect(credits.credit_balance).toBe(500);
    expect(credits.transactions).toHaveLength(1);
  });

  it("pages the transactions with cursor and has_more", async () => {
    const person = await registerPerson("Operator");
    await createAgent(person);
    await createAgent(person);

    const first = await call<Credits>("GET", "/api/v1/operator/credits?limit=2", person);
    expect(first.status).toBe(200);
    expect(first.body.data.credit_balance).toBe(700);
    expect(first.body.data.transactions.map((t) => t.balance_after)).toEqual([700, 600]);
    expect(first.body.meta).toMatchObject({ has_more: true, count: 2 });
    expect(typeof first.body.meta.cursor).toBe("string");

    const second = await call<Credits>(
      "GET",
      `/api/v1/operator/credits?limit=2&cursor=${encodeURIComponent(first.body.meta.cursor ?? "")}`,
      person,
    );
    expect(second.status).toBe(200);
    expect(second.body.data.transactions.map((t) => t.balance_after)).toEqual([500]);
    expect(second.body.meta).toMatchObject({ cursor: null, has_more: false, count: 1 });
  });

  it("refuses a malformed cursor, and one from another list, with 400 Invalid cursor format", async () => {
    const person = await registerPerson("Operator");
    const error = expectError(
      await call("GET", "/api/v1/operator/credits?cursor=bm90LWEtY3Vyc29y", person),
      400,
      "INVALID_PARAMETER",
      "Invalid cursor format",
    );
    expect(error.suggestion).toBe("Use the cursor value from a previous response, or omit it to start from the beginning");

    await createAgent(person);
    await createAgent(person);
    const agents = await call("GET", "/api/v1/operator/agents?limit=1", person);
    const foreign = agents.body.meta.cursor;
    expect(typeof foreign).toBe("string");
    expectError(
      await call("GET", `/api/v1/operator/credits?cursor=${encodeURIComponent(foreign ?? "")}`, person),
      400,
      "INVALID_PARAMETER",
      "Invalid cursor format",
    );
  });
});
