/**
 * Starts a swarm's LLM calls: every `swarm.call_requested` event becomes a job on the swarm
 * queue. A redelivered event queues the job again, which is harmless: the room lets one message
 * take a call and finishes it once.
 */
import type { SwarmMessage } from "../contracts/swarm-message";
import type { EventSink } from "./event-sink";

export const swarmSink: EventSink = {
  name: "swarm",
  async deliver(env, deliveries) {
    const jobs: SwarmMessage[] = [];
    for (const { event } of deliveries) {
      if (event.type === "swarm.call_requested") jobs.push({ v: 1, task_id: event.task_id, round: event.data.round });
    }
    if (jobs.length > 0) await env.SWARM.sendBatch(jobs.map((body) => ({ body, contentType: "json" })));
  },
};
