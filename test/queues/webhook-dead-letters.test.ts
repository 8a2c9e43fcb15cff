// Messages that run out of retries: the webhooks dead-letter queue's consumer records each one and
// marks its webhook message dead, unless it was redelivered since (a newer dispatch is running);
// a message no deployment could have written is recorded and acknowledged without retrying.

import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { database } from "../../src/db/client";
import { requeueMessage } from "../../src/db/webhook-messages";
import { consumeWebhookDeadLetters } from "../../src/queues/webhook-dead-letters";
import { consumeWebhooks } from "../../src/queues/webhooks";
import { personWithAgent } from "../helpers/api";
import { deliveries, messageState, receiverName, receiverUrl, registerWebhook, unqueuedPing } from "../helpers/webhooks";

function message(body: unknown, attempts = 13) {
  return { id: crypto.randomUUID(), timestamp: new Date(), attempts, body };
}

async function deadLetter(queue: string, messageId: string) {
  return env.DB.prepare("SELECT queue, attempts, body FROM dead_letters WHERE queue = ? AND message_id = ?")
    .bind(queue, messageId)
    .first<{ queue: string; attempts: number; body: string }>();
}

describe("the webhooks dead-letter queue", () => {
  it("marks an exhausted message dead and records it", async () => {
    const agent = await personWithAgent();
    const webhook = await registerWebhook(agent, receiverUrl("fail", receiverName("dlq")));
    const ping = await unqueuedPing(webhook.id);
    const body = { v: 1, message_id: ping.id, dispatch: ping.dispatch };
    const exhausted = message(body);
    const batch = createMessageBatch("taskhive-webhooks-dlq", [exhausted]);

    await consumeWebhookDeadLetters(batch, env);

    expect((await getQueueResult(batch, createExecutionContext())).explicitAcks).toEqual([exhausted.id]);
    expect((await messageState(ping.id)).status).toBe("dead");
    expect(await deadLetter("taskhive-webhooks-dlq", exhausted.id)).toEqual({
      queue: "taskhive-webhooks-dlq",
      attempts: 13,
      body: JSON.stringify(body),
    });
    const [log] = await deliveries(agent, webhook.id);
    expect(log?.status).toBe("dead");
  });

  it("leaves a message redelivered since as it is", async () => {
    const agent = await personWithAgent();
    const webhook = await registerWebhook(agent, receiverUrl("ok", receiverName("dlq-redelivered")));
    const ping = await unqueuedPing(webhook.id);
    const again = await requeueMessage(database(env.DB), ping.id, new Date().toISOString());
    const batch = createMessageBatch("taskhive-webhooks-dlq", [message({ v: 1, message_id: ping.id, dispatch: ping.dispatch })]);
    await consumeWebhookDeadLetters(batch, env);
    expect(await messageState(ping.id)).toMatchObject({ status: "pending", dispatch: again.dispatch });
  });

  it("records an unreadable message on either queue and acknowledges it", async () => {
    for (const [queue, consume] of [
      ["taskhive-webhooks", consumeWebhooks],
      ["taskhive-webhooks-dlq", consumeWebhookDeadLetters],
    ] as const) {
      const bad = message({ v: 7, nonsense: true }, 1);
      const batch = createMessageBatch(queue, [bad]);
      await consume(batch, env);
      const result = await getQueueResult(batch, createExecutionContext());
      expect(result.explicitAcks, queue).toEqual([bad.id]);
      expect(result.retryMessages, queue).toEqual([]);
      expect((await deadLetter(queue, bad.id))?.queue).toBe(queue);
    }
  });
});
