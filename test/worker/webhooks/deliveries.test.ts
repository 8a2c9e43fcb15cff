// GET /webhooks/:id/deliveries, POST …/deliveries/:deliveryId/redeliver and POST …/ping, through
// the real queues and receiver: a ping travels the same pipeline as events, redelivery sends the
// same payload under the same webhook-id, and the log pages newest first with every attempt.
import { beforeAll, describe, expect, it } from "vitest";
import { type Agent, call, expectStatus, personWithAgent, registerPerson } from "../../helpers/api";
import { expectError } from "../../helpers/http";
import {
  type DeliveryView,
  deliveryWhen,
  receivedAtLeast,
  receiverName,
  receiverUrl,
  registerWebhook,
  unqueuedPing,
} from "../../helpers/webhooks";

let agent: Agent;

beforeAll(async () => {
  agent = await personWithAgent("Hooked");
});

describe("POST /api/v1/webhooks/:id/ping", () => {
  it("queues a signed webhook.ping that the receiver gets, and logs it", async () => {
    const name = receiverName("ping");
    const webhook = await registerWebhook(agent, receiverUrl("ok", name));
    const ping = await expectStatus<DeliveryView>(200, "POST", `/api/v1/webhooks/${webhook.id}/ping`, agent);
    expect(ping).toMatchObject({ event_type: "webhook.ping", status: "pending", attempts: [] });
    expect(ping.event_id).toBeLessThan(0);
    expect(ping.message_id).toBe(`ping_${-ping.event_id}`);
    expect(ping.payload).toMatchObject({ id: ping.event_id, type: "webhook.ping", data: { webhook_id: webhook.id } });

    const [request] = await receivedAtLeast(name, 1);
    expect(request?.headers).toMatchObject({ "webhook-id": ping.message_id, "x-taskhive-event": "webhook.ping" });
    expect(JSON.parse(request?.body ?? "{}")).toEqual(ping.payload);
    const delivered = await deliveryWhen(agent, webhook.id, (d) => d.id === ping.id && d.status === "delivered");
    expect(delivered.attempts).toEqual([expect.objectContaining({ status_code: 200 })]);
  });

  it("gives every ping its own id", async () => {
    const webhook = await registerWebhook(agent, receiverUrl("ok", receiverName("pings")));
    const first = await expectStatus<DeliveryView>(200, "POST", `/api/v1/webhooks/${webhook.id}/ping`, agent);
    const second = await expectStatus<DeliveryView>(200, "POST", `/api/v1/webhooks/${webhook.id}/ping`, agent);
    expect(second.message_id).not.toBe(first.message_id);
    expect(second.event_id).toBeLessThan(first.event_id);
  });

  it("is for agents only", async () => {
    const person = await registerPerson("Person");
    expectError(await call("POST", "/api/v1/webhooks/1/ping", person), 403, "FORBIDDEN");
  });
});

describe("POST /api/v1/webhooks/:id/deliveries/:deliveryId/redeliver", () => {
  it("sends a delivered message again, with the same body and webhook-id", async () => {
    const name = receiverName("redeliver");
    const webhook = await registerWebhook(agent, receiverUrl("ok", name));
    const ping = await expectStatus<DeliveryView>(200, "POST", `/api/v1/webhooks/${webhook.id}/ping`, agent);
    await deliveryWhen(agent, webhook.id, (d) => d.id === ping.id && d.status === "delivered");

    const again = await expectStatus<DeliveryView>(200, "POST", `/api/v1/webhooks/${webhook.id}/deliveries/${ping.id}/redeliver`, agent);
    expect(again).toMatchObject({ id: ping.id, status: "pending", message_id: ping.message_id });
    const [first, second] = await receivedAtLeast(name, 2);
    expect(second?.headers["webhook-id"]).toBe(first?.headers["webhook-id"]);
    expect(second?.body).toBe(first?.body);
    const done = await deliveryWhen(agent, webhook.id, (d) => d.id === ping.id && d.attempts.length === 2);
    expect(done).toMatchObject({ status: "delivered", attempt_count: 2 });
  });

  it("answers 404 for a delivery of another webhook or none at all", async () => {
    const mine = await registerWebhook(agent, receiverUrl("ok", receiverName("mine")));
    const sibling = await registerWebhook(agent, receiverUrl("ok", receiverName("sibling")));
    const siblings = await unqueuedPing(sibling.id);
    const wrong = await call("POST", `/api/v1/webhooks/${mine.id}/deliveries/${siblings.id}/redeliver`, agent);
    expectError(wrong, 404, "WEBHOOK_DELIVERY_NOT_FOUND", `Delivery ${siblings.id} does not exist on webhook ${mine.id}`);
    expectError(await call("POST", `/api/v1/webhooks/${mine.id}/deliveries/999999/redeliver`, agent), 404, "WEBHOOK_DELIVERY_NOT_FOUND");
  });
});

describe("GET /api/v1/webhooks/:id/deliveries", () => {
  // Each with an agent of its own: one agent may hold only five webhooks.
  it("pages newest first", async () => {
    const agent = await personWithAgent("Pager");
    const webhook = await registerWebhook(agent, receiverUrl("ok", receiverName("pages")));
    const ids: number[] = [];
    for (let i = 0; i < 3; i += 1) ids.push((await unqueuedPing(webhook.id)).id);
    const first = await call<DeliveryView[]>("GET", `/api/v1/webhooks/${webhook.id}/deliveries?limit=2`, agent);
    expect(first.body.data.map((d) => d.id)).toEqual([ids[2], ids[1]]);
    expect(first.body.meta.has_more).toBe(true);
    const rest = await call<DeliveryView[]>(
      "GET",
      `/api/v1/webhooks/${webhook.id}/deliveries?limit=2&cursor=${encodeURIComponent(first.body.meta.cursor ?? "")}`,
      agent,
    );
    expect(rest.body.data.map((d) => d.id)).toEqual([ids[0]]);
    expect(rest.body.meta.has_more).toBe(false);
  });

  it("refuses a malformed cursor and an unknown webhook", async () => {
    const agent = await personWithAgent("Cursor");
    const webhook = await registerWebhook(agent, receiverUrl("ok", receiverName("cursor")));
    expectError(
      await call("GET", `/api/v1/webhooks/${webhook.id}/deliveries?cursor=nope`, agent),
      400,
      "INVALID_PARAMETER",
      "Invalid cursor format",
    );
    expectError(await call("GET", "/api/v1/webhooks/999999/deliveries", agent), 404, "WEBHOOK_NOT_FOUND");
  });
});
