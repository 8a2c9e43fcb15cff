// Real deliveries, end to end: an event a TaskRoom appends travels through the events queue, the
// webhooks sink and the webhooks queue to the delivery consumer, which POSTs it to a real HTTP
// receiver. The test verifies both signatures itself, with WebCrypto and the algorithms as the
// README states them, not with the server's signing code.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { CHILD_ID_FACTOR } from "../../src/domain/ids";
import { claim, expectStatus, personWithAgent, postTask, registerPerson } from "../helpers/api";
import {
  deliveryWhen,
  type ReceivedRequest,
  received,
  receivedAtLeast,
  receiverName,
  receiverUrl,
  registerWebhook,
} from "../helpers/webhooks";

const encoder = new TextEncoder();

async function hmac(key: Uint8Array, text: string): Promise<Uint8Array> {
  const cryptoKey = await crypto.subtle.importKey("raw", new Uint8Array(key), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", cryptoKey, encoder.encode(text)));
}

/** Standard Webhooks verification, as a receiver library does it. */
async function verifyStandard(secret: string, request: ReceivedRequest): Promise<boolean> {
  const id = request.headers["webhook-id"] ?? "";
  const timestamp = request.headers["webhook-timestamp"] ?? "";
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const key = Uint8Array.from(atob(secret.replace(/^whsec_/, "")), (c) => c.charCodeAt(0));
  const expected = btoa(String.fromCharCode(...(await hmac(key, `${id}.${timestamp}.${request.body}`))));
  return (request.headers["webhook-signature"] ?? "").split(" ").some((s) => s === `v1,${expected}`);
}

/** The X-TaskHive-Signature check existing TaskHive receivers do: hex HMAC of the body keyed by the secret string. */
async function verifyLegacy(secret: string, request: ReceivedRequest): Promise<boolean> {
  const hex = [...(await hmac(encoder.encode(secret), request.body))].map((b) => b.toString(16).padStart(2, "0")).join("");
  return request.headers["x-taskhive-signature"] === `sha256=${hex}`;
}

describe("a delivered event", () => {
  it("arrives signed both ways, with the event as its body and its id as webhook-id", async () => {
    const poster = await registerPerson("Poster");
    const worker = await personWithAgent("Worker");
    const name = receiverName("signed");
    const webhook = await registerWebhook(worker, receiverUrl("ok", name), ["claim.created"]);
    const task = await postTask(poster);
    const bid = await claim(worker, task.id);

    const [request] = await receivedAtLeast(name, 1);
    if (!request) throw new Error("nothing received");
    expect(request.method).toBe("POST");
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers["x-taskhive-event"]).toBe("claim.created");
    expect(request.headers["user-agent"]).toMatch(/^TaskHive-Webhooks\//);
    const body = JSON.parse(request.body) as { id: number; type: string; occurred_at: string; data: Record<string, unknown> };
    expect(Object.keys(body).sort()).toEqual(["data", "id", "occurred_at", "type"]);
    expect(body).toMatchObject({
      type: "claim.created",
      data: { task_id: task.id, claim_id: bid.id, agent_id: worker.id, proposed_credits: 100 },
    });
    expect(body.id).toBe(task.id * CHILD_ID_FACTOR + 2);
    expect(request.headers["webhook-id"]).toBe(`evt_${body.id}`);

    expect(await verifyStandard(webhook.secret, request)).toBe(true);
    expect(await verifyLegacy(webhook.secret, request)).toBe(true);
    expect(await verifyStandard(webhook.secret, { ...request, body: request.body.replace("claim", "clam") })).toBe(false);
    expect(await verifyStandard(`whsec_${btoa("x".repeat(32))}`, request)).toBe(false);

    const delivery = await deliveryWhen(worker, webhook.id, (d) => d.status === "delivered");
    expect(delivery).toMatchObject({ message_id: `evt_${body.id}`, event_type: "claim.created", attempt_count: 1, payload: body });
    expect(delivery.attempts).toEqual([expect.objectContaining({ status_code: 200, response_excerpt: "ok", error: null })]);
  });

  it("reaches only webhooks subscribed to its type, and not deleted ones", async () => {
    const poster = await registerPerson("Poster");
    const worker = await personWithAgent("Worker");
    const subscribed = receiverName("subscribed");
    const elsewhere = receiverName("elsewhere");
    const deleted = receiverName("deleted");
    await registerWebhook(worker, receiverUrl("ok", subscribed), ["claim.accepted", "claim.created"]);
    const other = await registerWebhook(worker, receiverUrl("ok", elsewhere), ["deliverable.accepted"]);
    const gone = await registerWebhook(worker, receiverUrl("ok", deleted), ["claim.created"]);
    await expectStatus(200, "DELETE", `/api/v1/webhooks/${gone.id}`, worker);
    const task = await postTask(poster);
    const bid = await claim(worker, task.id);
    await expectStatus(200, "POST", `/api/v1/tasks/${task.id}/claims/${bid.id}/accept`, poster);

    const requests = await receivedAtLeast(subscribed, 2);
    expect(requests.map((r) => r.headers["x-taskhive-event"]).sort()).toEqual(["claim.accepted", "claim.created"]);
    // The sink wrote every webhook's messages before queueing any of them, so none will come.
    for (const id of [other.id, gone.id]) {
      const row = await env.DB.prepare("SELECT count(*) AS n FROM webhook_messages WHERE webhook_id = ?").bind(id).first<{ n: number }>();
      expect(row?.n).toBe(0);
    }
    expect(await received(elsewhere)).toEqual([]);
    expect(await received(deleted)).toEqual([]);
  });

  it("announces a new task in the agent's category as task.new_match", async () => {
    const poster = await registerPerson("Poster");
    const researcher = await personWithAgent("Researcher");
    await expectStatus(200, "PATCH", "/api/v1/agents/me", researcher, { body: { category_ids: [3] } });
    const name = receiverName("new-match");
    await registerWebhook(researcher, receiverUrl("ok", name), ["task.new_match"]);
    const task = await postTask(poster, { category_id: 3 });

    const [request] = await receivedAtLeast(name, 1);
    const body = JSON.parse(request?.body ?? "{}") as { id: number; type: string; data: Record<string, unknown> };
    expect(body).toMatchObject({
      type: "task.new_match",
      id: task.id * CHILD_ID_FACTOR + CHILD_ID_FACTOR - 1,
      data: { task_id: task.id, category_id: 3 },
    });
    expect(request?.headers["webhook-id"]).toBe(`evt_${body.id}`);
  });
});
