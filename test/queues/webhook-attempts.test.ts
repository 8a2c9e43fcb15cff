// One delivery attempt against the real receiver: a receiver slower than the deadline is cut off
// and logged as a timeout, only the first KiB of a response is kept, redirects are followed (at
// most three, re-POSTing the same signed body), and a deleted webhook's messages are never sent.
import { beforeAll, describe, expect, it } from "vitest";
import { type Agent, expectStatus, personWithAgent } from "../helpers/api";
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

describe("an attempt", () => {
  it("gives up on a receiver slower than its deadline, logging a timeout and retrying", async () => {
    const webhook = await registerWebhook(agent, receiverUrl("slow", receiverName("slow"), "?ms=5000"));
    const ping = await unqueuedPing(webhook.id);
    const started = Date.now();
    expect(await consumeOnce(ping, 1, { timeoutMs: 300 })).toMatchObject({ retried: true });
    expect(Date.now() - started).toBeLessThan(3000);
    const [log] = await deliveries(agent, webhook.id);
    const attempt = log?.attempts[0];
    expect(attempt).toMatchObject({ status_code: null, response_excerpt: null, error: "timed out after 300 ms" });
    expect(attempt?.duration_ms).toBeGreaterThanOrEqual(290);
    expect((await webhookState(webhook.id)).consecutive_failures).toBe(1);
  });

  it("keeps only the first KiB of the response", async () => {
    const webhook = await registerWebhook(agent, receiverUrl("big", receiverName("big")));
    const ping = await unqueuedPing(webhook.id);
    expect(await consumeOnce(ping)).toMatchObject({ acked: true });
    const [log] = await deliveries(agent, webhook.id);
    expect(log?.attempts[0]?.response_excerpt).toBe("x".repeat(1024));
  });

  it("follows a redirect with the same signed body", async () => {
    const name = receiverName("moved");
    const webhook = await registerWebhook(agent, receiverUrl("redirect", name, `?to=${encodeURIComponent(receiverUrl("ok", name))}`));
    const ping = await unqueuedPing(webhook.id);
    expect(await consumeOnce(ping)).toMatchObject({ acked: true });
    expect((await messageState(ping.id)).status).toBe("delivered");
    const [hop, final] = await received(name);
    expect(hop?.path).toMatch(/^\/redirect\//);
    expect(final).toMatchObject({ method: "POST", path: `/ok/${name}`, body: hop?.body });
    expect(final?.headers["webhook-signature"]).toBe(hop?.headers["webhook-signature"]);
  });

  it("follows at most three redirects", async () => {
    const name = receiverName("loop");
    let url = receiverUrl("ok", name);
    for (let i = 0; i < 4; i += 1) url = receiverUrl("redirect", name, `?to=${encodeURIComponent(url)}`);
    const webhook = await registerWebhook(agent, url);
    const ping = await unqueuedPing(webhook.id);
    expect(await consumeOnce(ping)).toMatchObject({ retried: true });
    const [log] = await deliveries(agent, webhook.id);
    expect(log?.attempts[0]).toMatchObject({ status_code: 302, error: expect.stringMatching(/^gave up after 3 redirects/) });
    expect(await received(name)).toHaveLength(4);
  });

  it("is never made for a deleted webhook: its message is marked failed", async () => {
    // Its own agent: one agent may hold only five webhooks.
    const agent = await personWithAgent("Deleter");
    const name = receiverName("deleted");
    const webhook = await registerWebhook(agent, receiverUrl("ok", name));
    const ping = await unqueuedPing(webhook.id);
    await expectStatus(200, "DELETE", `/api/v1/webhooks/${webhook.id}`, agent);
    expect(await consumeOnce(ping)).toMatchObject({ acked: true, retried: false });
    expect((await messageState(ping.id)).status).toBe("failed");
    expect(await received(name)).toEqual([]);
  });
});
