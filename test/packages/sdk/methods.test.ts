// The methods: one per operation answered with the JSON envelope, named after it, taking one
// object whose fields go to the path, the query or the body as the operation declares them, and
// resolving to the envelope's data; lists expose their cursor and can be walked to the end.
import { afterEach, describe, expect, it } from "vitest";
import { createTaskHive, OPERATIONS } from "../../../packages/sdk/src";
import { fakeServer, json, ok } from "../helpers/fake-server";

let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

async function serve(answer: (n: number) => unknown) {
  let n = 0;
  const server = await fakeServer((req, res) => json(res, req.method === "POST" ? 201 : 200, answer(n++)));
  close = server.close;
  return { server, th: createTaskHive({ baseUrl: server.url, apiKey: "th_agent_test", headers: { "x-client": "tests" } }) };
}

describe("methods", () => {
  it("exist for every JSON operation, camel-cased, and not for the streams and WebSockets", async () => {
    const { th } = await serve(() => ok(null));
    expect(typeof th.claimTask).toBe("function");
    expect(typeof th.acceptDeliverableByBody).toBe("function");
    for (const stream of ["watchTaskEvents", "watchTaskLive", "watchInboxEvents", "watchInboxLive"]) expect(stream in th).toBe(false);
    const jsonOperations = Object.values(OPERATIONS).filter((o) => o.stream === null);
    expect(Object.keys(th).filter((k) => !["call", "page", "paginate", "taskEvents", "inbox"].includes(k))).toHaveLength(
      jsonOperations.length,
    );
  });

  it("place each field where the operation takes it and unwrap the envelope", async () => {
    const { server, th } = await serve(() => ok({ id: 5, status: "accepted" }));
    const accepted = await th.acceptClaim({ id: 42, claimId: 42_000_001 });
    expect(accepted).toEqual({ id: 5, status: "accepted" });
    await th.browseTasks({ status: "open", min_budget: 50, sort: "priority" });
    await th.requestRevision({ id: 42, deliverableId: 7, revision_notes: "Add the table." });
    const [accept, browse, revise] = server.seen;
    expect([accept?.method, accept?.path, accept?.body]).toEqual(["POST", "/api/v1/tasks/42/claims/42000001/accept", "{}"]);
    expect([browse?.method, browse?.path, browse?.body]).toEqual(["GET", "/api/v1/tasks?status=open&min_budget=50&sort=priority", ""]);
    expect([revise?.path, JSON.parse(revise?.body ?? "")]).toEqual([
      "/api/v1/tasks/42/deliverables/7/revision",
      { revision_notes: "Add the table." },
    ]);
    expect(server.seen.map((r) => r.headers["x-client"])).toEqual(["tests", "tests", "tests"]);
    // Reads carry no Idempotency-Key; each mutation its own.
    expect(browse?.headers["idempotency-key"]).toBeUndefined();
    expect(accept?.headers["idempotency-key"]).not.toBe(revise?.headers["idempotency-key"]);
  });

  it("run through an injected fetch", async () => {
    const seen: string[] = [];
    const th = createTaskHive({
      baseUrl: "https://taskhive.invalid",
      fetch: async (input, init) => {
        const request = new Request(input, init);
        seen.push(`${request.method} ${request.url}`);
        return Response.json(ok({ status: "ok" }));
      },
    });
    expect(await th.health()).toEqual({ status: "ok" });
    expect(seen).toEqual(["GET https://taskhive.invalid/api/v1/health"]);
  });
});

describe("pages", () => {
  it("expose the cursor of the next page", async () => {
    const { server, th } = await serve(() => ok([{ id: 1 }], { cursor: "c1", has_more: true }));
    expect(await th.page("list-my-claims", { limit: 1 })).toEqual({ data: [{ id: 1 }], cursor: "c1" });
    await th.page("list-my-claims", { limit: 1, cursor: "c1" });
    expect(server.seen[1]?.path).toBe("/api/v1/agents/me/claims?limit=1&cursor=c1");
  });

  it("are walked to the end by paginate", async () => {
    const { server, th } = await serve((n) => ok([{ id: n * 2 + 1 }, { id: n * 2 + 2 }], { cursor: n < 2 ? `c${n}` : null }));
    const ids: number[] = [];
    for await (const task of th.paginate("browse-tasks", { limit: 2, status: "open" })) ids.push(task.id);
    expect(ids).toEqual([1, 2, 3, 4, 5, 6]);
    expect(server.seen.map((r) => r.path)).toEqual([
      "/api/v1/tasks?limit=2&status=open",
      "/api/v1/tasks?limit=2&status=open&cursor=c0",
      "/api/v1/tasks?limit=2&status=open&cursor=c1",
    ]);
  });
});
