// Retry and deactivation policy, driving the delivery consumer by hand with createMessageBatch
// against the real receiver: failures retry with backoff (the delay is read from a spy on
// message.retry, which getQueueResult does not report), a success resets the webhook's run of
// failures, ten failed attempts in a row deactivate it, and 410 Gone deactivates it at once.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_CONSECUTIVE_FAILURES } from "../../src/domain/webhook-outcome";
import { type Agent, call, personWithAgent } from "../helpers/api";
import { expectError } from "../helpers/http";
import {
  consumeOnce,
  deliveries,
  messageState,
  received,
  receiverName,
  receiverUrl,
  registerWebhook,
  unqueuedPing,
  webhookState,
} from "../helpers/webhooks";

let agent: Agent;

beforeAll(async () => {
  agent = await personWithAgent("Receiver owner");
});

describe("a failed attempt", () => {
  it("is retried with backoff, and a later success delivers the message and resets the failure count", async () => {
    const name = receiverName("flaky");
    const webhook = await registerWebhook(agent, receiverUrl("flaky", name, "?fail=2"));
    const ping = await unqueuedPing(webhook.id);

    const first = await consumeOnce(ping, 1);
    expect(first).toMatchObject({ acked: false, retried: true });
    expect(first.delaySeconds).toBeGreaterThanOrEqual(5);
    expect(first.delaySeconds).toBeLessThanOrEqual(10);
    expect(await messageState(ping.id)).toMatchObject({ status: "pending", attempts: 1 });
    expect((await webhookState(webhook.id)).consecutive_failures).toBe(1);

    const second = await consumeOnce(ping, 2);
    expect(second.retried).toBe(true);
    expect(second.delaySeconds).toBeGreaterThanOrEqual(10);
    expect(second.delaySeconds).toBeLessThanOrEqual(20);

    expect(await consumeOnce(ping, 3)).toMatchObject({ acked: true, retried: false });
    expect(await messageState(ping.id)).toMatchObject({ status: "delivered", attempts: 3 });
    expect(await webhookState(webhook.id)).toMatchObject({ is_active: 1, consecutive_failures: 0 });
    const [log] = await deliveries(agent, webhook.id);
    expect(log?.attempts.map((a) => [a.status_code, a.response_excerpt])).toEqual([
      [500, "failure 1"],
      [500, "failure 2"],
      [200, "ok"],
    ]);
    // Every attempt is the same message: one webhook-id, re-signed with its own timestamp.
    const requests = await received(name);
    expect(new Set(requests.map((r) => r.headers["webhook-id"])).size).toBe(1);
    expect(new Set(requests.map((r) => r.body)).size).toBe(1);
  });
});

describe("deactivation", () => {
  it(`happens after ${MAX_CONSECUTIVE_FAILURES} failed attempts in a row; later messages are marked failed unsent`, async () => {
    const name = receiverName("broken");
    const webhook = await registerWebhook(agent, receiverUrl("fail", name));
    const ping = await unqueuedPing(webhook.id);
    for (let attempt = 1; attempt < MAX_CONSECUTIVE_FAILURES; attempt += 1) {
      expect(await consumeOnce(ping, attempt), `attempt ${attempt}`).toMatchObject({ retried: true });
    }
    expect(await consumeOnce(ping, MAX_CONSECUTIVE_FAILURES)).toMatchObject({ acked: true, retried: false });
    expect(await messageState(ping.id)).toMatchObject({ status: "failed", attempts: MAX_CONSECUTIVE_FAILURES });
    expect(await webhookState(webhook.id)).toMatchObject({
      is_active: 0,
      consecutive_failures: MAX_CONSECUTIVE_FAILURES,
      deactivated_reason: "consecutive_failures",
    });
    expect(await received(name)).toHaveLength(MAX_CONSECUTIVE_FAILURES);

    const later = await unqueuedPing(webhook.id);
    expect(await consumeOnce(later)).toMatchObject({ acked: true, retried: false });
    expect((await messageState(later.id)).status).toBe("failed");
    expect(await received(name)).toHaveLength(MAX_CONSECUTIVE_FAILURES);

    const listed = await call<{ id: number; is_active: boolean; deactivated_reason: string | null; deactivated_at: string | null }[]>(
      "GET",
      "/api/v1/webhooks",
      agent,
    );
    expect(listed.body.data.find((w) => w.id === webhook.id)).toMatchObject({
      is_active: false,
      deactivated_reason: "consecutive_failures",
    });
    expectError(await call("POST", `/api/v1/webhooks/${webhook.id}/ping`, agent), 409, "WEBHOOK_INACTIVE");
  });

  it("counts failures across messages, and a success in between starts the count again", async () => {
    const name = receiverName("recovering");
    const webhook = await registerWebhook(agent, receiverUrl("flaky", name, `?fail=${MAX_CONSECUTIVE_FAILURES - 1}`));
    for (let i = 1; i < MAX_CONSECUTIVE_FAILURES; i += 1) await consumeOnce(await unqueuedPing(webhook.id));
    expect((await webhookState(webhook.id)).consecutive_failures).toBe(MAX_CONSECUTIVE_FAILURES - 1);
    expect(await consumeOnce(await unqueuedPing(webhook.id))).toMatchObject({ acked: true });
    expect((await webhookState(webhook.id)).consecutive_failures).toBe(0);

    await env.DB.prepare("UPDATE webhooks SET url = ? WHERE id = ?").bind(receiverUrl("fail", name), webhook.id).run();
    for (let i = 1; i < MAX_CONSECUTIVE_FAILURES; i += 1) await consumeOnce(await unqueuedPing(webhook.id));
    expect(await webhookState(webhook.id)).toMatchObject({ is_active: 1, consecutive_failures: MAX_CONSECUTIVE_FAILURES - 1 });
  });

  it("happens at once when the receiver answers 410 Gone", async () => {
    const name = receiverName("gone");
    const webhook = await registerWebhook(agent, receiverUrl("gone", name));
    const ping = await unqueuedPing(webhook.id);
    expect(await consumeOnce(ping)).toMatchObject({ acked: true, retried: false });
    expect(await webhookState(webhook.id)).toMatchObject({ is_active: 0, deactivated_reason: "gone" });
    expect((await messageState(ping.id)).status).toBe("failed");
    const [log] = await deliveries(agent, webhook.id);
    expect(log?.attempts).toEqual([expect.objectContaining({ status_code: 410, response_excerpt: "this endpoint is gone" })]);
    const refused = await call("POST", `/api/v1/webhooks/${webhook.id}/deliveries/${ping.id}/redeliver`, agent);
    expectError(refused, 409, "WEBHOOK_INACTIVE", `Webhook ${webhook.id} is deactivated (its receiver answered 410 Gone)`);
  });
});
