// POST, GET and DELETE /api/v1/webhooks: registration returns the secret once, listings show
// only its prefix, every agent sees and deletes only its own, and the per-agent limit holds.
// (URL refusals outside development are in webhooks-url-safety.test.ts.)
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_WEBHOOKS_PER_AGENT } from "../../../src/domain/constants";
import { type Agent, call, expectStatus, type Person, personWithAgent, registerPerson } from "../../helpers/api";
import { expectError, expectValidationError } from "../../helpers/http";
import { receiverName, receiverUrl, registerWebhook } from "../../helpers/webhooks";

let agent: Agent;
let other: Agent;
let person: Person;

beforeAll(async () => {
  agent = await personWithAgent("Hooked");
  other = await personWithAgent("Other");
  person = await registerPerson("Person");
});

const url = () => receiverUrl("ok", receiverName("routes"));

describe("POST /api/v1/webhooks", () => {
  it("registers a webhook and shows its Standard Webhooks secret once", async () => {
    const target = url();
    const created = await registerWebhook(agent, target, ["claim.accepted", "task.new_match"]);
    expect(created).toMatchObject({ url: target, events: ["claim.accepted", "task.new_match"], is_active: true, consecutive_failures: 0 });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created.secret_prefix).toBe(created.secret.slice(6, 14));
    expect(Date.parse(created.created_at)).not.toBeNaN();
  });

  it("stores the secret sealed, never as given", async () => {
    const created = await registerWebhook(agent, url());
    const row = await env.DB.prepare("SELECT secret_sealed FROM webhooks WHERE id = ?").bind(created.id).first<{ secret_sealed: string }>();
    expect(row?.secret_sealed).toMatch(/^v1\./);
    expect(row?.secret_sealed).not.toContain(created.secret.slice(6));
  });

  it("validates events: at least one, known types, no repeats", async () => {
    const post = (events: unknown) => call("POST", "/api/v1/webhooks", agent, { body: { url: url(), events } });
    expectValidationError(await post([]), "events");
    expectValidationError(await post(["task.exploded"]), "events.0");
    expectValidationError(await post(["claim.accepted", "claim.accepted"]), "events");
    expectValidationError(await call("POST", "/api/v1/webhooks", agent, { body: { events: ["claim.accepted"] } }), "url");
  });

  it("accepts http only for localhost and 127.0.0.1 in development", async () => {
    const result = await call("POST", "/api/v1/webhooks", agent, {
      body: { url: "http://hooks.example.com/x", events: ["claim.accepted"] },
    });
    expectError(result, 422, "INVALID_WEBHOOK_URL", "url must use https (http is allowed only for localhost and 127.0.0.1 in development)");
    await registerWebhook(agent, `http://localhost:1/${receiverName("local")}`);
  });

  it(`allows at most ${MAX_WEBHOOKS_PER_AGENT} per agent; deleting one makes room`, async () => {
    const busy = await personWithAgent("Busy");
    const ids: number[] = [];
    for (let i = 0; i < MAX_WEBHOOKS_PER_AGENT; i += 1) ids.push((await registerWebhook(busy, url())).id);
    const refused = await call("POST", "/api/v1/webhooks", busy, { body: { url: url(), events: ["claim.accepted"] } });
    expectError(refused, 409, "MAX_WEBHOOKS", `Your agent already has the maximum of ${MAX_WEBHOOKS_PER_AGENT} webhooks`);
    await expectStatus(200, "DELETE", `/api/v1/webhooks/${ids[0]}`, busy);
    await registerWebhook(busy, url());
  });

  it("holds the limit under concurrent registrations", async () => {
    const racer = await personWithAgent("Racer");
    const results = await Promise.all(
      Array.from({ length: MAX_WEBHOOKS_PER_AGENT + 3 }, () =>
        call("POST", "/api/v1/webhooks", racer, { body: { url: url(), events: ["claim.accepted"] } }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(MAX_WEBHOOKS_PER_AGENT);
    expect(results.filter((r) => r.status === 409)).toHaveLength(3);
  });

  it("is for agents only", async () => {
    const result = await call("POST", "/api/v1/webhooks", person, { body: {} });
    expectError(result, 403, "FORBIDDEN", "Managing webhooks requires an agent API key; this request is signed in as a person");
  });
});

describe("GET /api/v1/webhooks", () => {
  it("lists the agent's own webhooks, newest first, with the secret only as a prefix", async () => {
    const mine = await personWithAgent("Lister");
    const first = await registerWebhook(mine, url());
    const second = await registerWebhook(mine, url(), ["deliverable.accepted"]);
    await registerWebhook(other, url());
    const list = await expectStatus<Record<string, unknown>[]>(200, "GET", "/api/v1/webhooks", mine);
    expect(list.map((w) => w["id"])).toEqual([second.id, first.id]);
    expect(list[0]).toMatchObject({
      secret_prefix: second.secret_prefix,
      events: ["deliverable.accepted"],
      deactivated_reason: null,
      last_delivery_at: null,
    });
    for (const w of list) expect(w).not.toHaveProperty("secret");
    expect(JSON.stringify(list)).not.toContain(second.secret.slice(6));
  });

  it("pages with a cursor", async () => {
    const pager = await personWithAgent("Pager");
    for (let i = 0; i < 3; i += 1) await registerWebhook(pager, url());
    const first = await call<unknown[]>("GET", "/api/v1/webhooks?limit=2", pager);
    expect(first.body.data).toHaveLength(2);
    expect(first.body.meta.has_more).toBe(true);
    const rest = await call<unknown[]>("GET", `/api/v1/webhooks?limit=2&cursor=${encodeURIComponent(first.body.meta.cursor ?? "")}`, pager);
    expect(rest.body.data).toHaveLength(1);
    expect(rest.body.meta.has_more).toBe(false);
  });
});

describe("DELETE /api/v1/webhooks/:id", () => {
  it("deletes the agent's own webhook, which then disappears", async () => {
    const created = await registerWebhook(agent, url());
    expect(await expectStatus(200, "DELETE", `/api/v1/webhooks/${created.id}`, agent)).toEqual({ id: created.id, deleted: true });
    const list = await expectStatus<{ id: number }[]>(200, "GET", "/api/v1/webhooks", agent);
    expect(list.map((w) => w.id)).not.toContain(created.id);
    expectError(await call("DELETE", `/api/v1/webhooks/${created.id}`, agent), 404, "WEBHOOK_NOT_FOUND");
  });

  it("answers 404 for another agent's webhook, and leaves it alone", async () => {
    const theirs = await registerWebhook(other, url());
    expectError(
      await call("DELETE", `/api/v1/webhooks/${theirs.id}`, agent),
      404,
      "WEBHOOK_NOT_FOUND",
      `Webhook ${theirs.id} does not exist`,
    );
    expectError(await call("GET", `/api/v1/webhooks/${theirs.id}/deliveries`, agent), 404, "WEBHOOK_NOT_FOUND");
    expectError(await call("POST", `/api/v1/webhooks/${theirs.id}/ping`, agent), 404, "WEBHOOK_NOT_FOUND");
    const list = await expectStatus<{ id: number }[]>(200, "GET", "/api/v1/webhooks", other);
    expect(list.map((w) => w.id)).toContain(theirs.id);
  });
});
