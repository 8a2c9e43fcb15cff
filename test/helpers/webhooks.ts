/**
 * Webhook test helpers: URLs on the real receiver (test/receiver/global-setup.mjs) and what it
 * received, registering webhooks through the API, reading their state straight from D1, and
 * building queue batches for driving the delivery consumer by hand.
 */

import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, inject, vi } from "vitest";
import { database } from "../../src/db/client";
import { createPing, type Dispatch } from "../../src/db/webhook-messages";
import { consumeWebhooks, type DeliveryOptions } from "../../src/queues/webhooks";
import { type Agent, call, expectStatus } from "./api";

declare module "vitest" {
  export interface ProvidedContext {
    webhookReceiverPort: number;
  }
}

export type Behaviour = "ok" | "flaky" | "fail" | "slow" | "gone" | "redirect" | "big";

/** A name no other test uses, so the receiver keeps this test's requests apart. */
export function receiverName(label: string): string {
  return `${label}-${crypto.randomUUID().slice(0, 8)}`;
}

export function receiverUrl(behaviour: Behaviour, name: string, query = ""): string {
  return `http://127.0.0.1:${inject("webhookReceiverPort")}/${behaviour}/${name}${query}`;
}

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  at: number;
}

export async function received(name: string): Promise<ReceivedRequest[]> {
  const response = await fetch(`http://127.0.0.1:${inject("webhookReceiverPort")}/_received/${name}`);
  return response.json<ReceivedRequest[]>();
}

/** Waits until the receiver has `count` requests under `name`, and returns them. */
export async function receivedAtLeast(name: string, count: number, timeout = 15_000): Promise<ReceivedRequest[]> {
  let requests: ReceivedRequest[] = [];
  await vi.waitFor(
    async () => {
      requests = await received(name);
      expect(requests.length).toBeGreaterThanOrEqual(count);
    },
    { timeout, interval: 100 },
  );
  return requests;
}

export interface WebhookCreated {
  id: number;
  url: string;
  events: string[];
  is_active: boolean;
  secret: string;
  secret_prefix: string;
  created_at: string;
}

export function registerWebhook(agent: Agent, url: string, events: string[] = ["claim.accepted"]): Promise<WebhookCreated> {
  return expectStatus<WebhookCreated>(201, "POST", "/api/v1/webhooks", agent, { body: { url, events } });
}

export interface DeliveryView {
  id: number;
  message_id: string;
  event_id: number;
  event_type: string;
  status: string;
  attempt_count: number;
  payload: { id: number; type: string; occurred_at: string; data: Record<string, unknown> };
  attempts: {
    status_code: number | null;
    duration_ms: number;
    response_excerpt: string | null;
    error: string | null;
    attempted_at: string;
  }[];
}

export async function deliveries(agent: Agent, webhookId: number): Promise<DeliveryView[]> {
  return expectStatus<DeliveryView[]>(200, "GET", `/api/v1/webhooks/${webhookId}/deliveries`, agent);
}

/** Waits until a delivery of the webhook satisfies `done`, and returns it. */
export async function deliveryWhen(
  agent: Agent,
  webhookId: number,
  done: (d: DeliveryView) => boolean,
  timeout = 15_000,
): Promise<DeliveryView> {
  let found: DeliveryView | undefined;
  await vi.waitFor(
    async () => {
      found = (await deliveries(agent, webhookId)).find(done);
      expect(found, JSON.stringify(await call("GET", `/api/v1/webhooks/${webhookId}/deliveries`, agent))).toBeDefined();
    },
    { timeout, interval: 100 },
  );
  if (!found) throw new Error("unreachable");
  return found;
}

export interface WebhookState {
  is_active: number;
  consecutive_failures: number;
  deactivated_reason: string | null;
  last_delivery_at: string | null;
}

export async function webhookState(id: number): Promise<WebhookState> {
  const row = await env.DB.prepare(
    "SELECT is_active, consecutive_failures, deactivated_reason, last_delivery_at FROM webhooks WHERE id = ?",
  )
    .bind(id)
    .first<WebhookState>();
  if (!row) throw new Error(`webhook ${id} not found`);
  return row;
}

export async function messageState(id: number): Promise<{ status: string; attempts: number; dispatch: number }> {
  const row = await env.DB.prepare("SELECT status, attempts, dispatch FROM webhook_messages WHERE id = ?")
    .bind(id)
    .first<{ status: string; attempts: number; dispatch: number }>();
  if (!row) throw new Error(`webhook message ${id} not found`);
  return row;
}

/** A ping message in D1 that is on no queue: tests hand it to the consumer themselves. */
export function unqueuedPing(webhookId: number): Promise<Dispatch> {
  return createPing(database(env.DB), webhookId, new Date().toISOString());
}

export interface Consumed {
  acked: boolean;
  retried: boolean;
  /** The delay passed to message.retry (getQueueResult does not report it). */
  delaySeconds: number | undefined;
}

/** Runs the delivery consumer on one queue message for `dispatch`, as its `attempts`-th delivery. */
export async function consumeOnce(dispatch: Dispatch, attempts = 1, options?: DeliveryOptions, bindings: Env = env): Promise<Consumed> {
  const id = crypto.randomUUID();
  const batch = createMessageBatch("taskhive-webhooks", [
    { id, timestamp: new Date(), attempts, body: { v: 1, message_id: dispatch.id, dispatch: dispatch.dispatch } },
  ]);
  const retry = vi.spyOn(batch.messages[0] as Message<unknown>, "retry");
  await consumeWebhooks(batch, bindings, options);
  const result = await getQueueResult(batch, createExecutionContext());
  return {
    acked: result.explicitAcks.includes(id),
    retried: result.retryMessages.some((m) => m.msgId === id),
    delaySeconds: retry.mock.calls[0]?.[0]?.delaySeconds,
  };
}
