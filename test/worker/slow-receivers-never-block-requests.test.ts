// A receiver can never slow down or fail the request that caused its event: the request ends
// when the TaskRoom has recorded the event; webhooks are sent later, from a queue. Proven by
// timing a claim while another delivery to the same agent's receiver hangs.
import { describe, expect, it } from "vitest";
import { call, personWithAgent, postTask, registerPerson } from "../helpers/api";
import { deliveryWhen, receivedAtLeast, receiverName, receiverUrl, registerWebhook } from "../helpers/webhooks";

const RECEIVER_DELAY_MS = 4000;

describe("a slow or failing receiver", () => {
  it("does not slow or fail the API request that caused the event", async () => {
    const poster = await registerPerson("Poster");
    const worker = await personWithAgent("Worker");
    const name = receiverName("hanging");
    const slow = await registerWebhook(worker, receiverUrl("slow", name, `?ms=${RECEIVER_DELAY_MS}`), ["claim.created"]);
    // A receiver that fails outright (and, answering 410, is not retried in the background).
    await registerWebhook(worker, receiverUrl("gone", receiverName("failing")), ["claim.created"]);
    const first = await postTask(poster);
    const second = await postTask(poster);

    expect((await call("POST", `/api/v1/tasks/${first.id}/claims`, worker, { body: { proposed_credits: 50 } })).status).toBe(201);
    await receivedAtLeast(name, 1);

    // The receiver is now holding the first delivery open.
    const started = performance.now();
    const claimed = await call("POST", `/api/v1/tasks/${second.id}/claims`, worker, { body: { proposed_credits: 50 } });
    const elapsed = performance.now() - started;
    expect(claimed.status).toBe(201);
    expect(elapsed).toBeLessThan(RECEIVER_DELAY_MS / 4);

    const delivered = await deliveryWhen(
      worker,
      slow.id,
      (d) => d.payload.data["task_id"] === first.id && d.status === "delivered",
      20_000,
    );
    expect(delivered.attempts[0]?.duration_ms).toBeGreaterThanOrEqual(RECEIVER_DELAY_MS);
  });
});
