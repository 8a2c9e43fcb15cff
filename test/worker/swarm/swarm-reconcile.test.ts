import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { roomOf } from "../../../src/contracts/addresses";
import type { TaskRoom } from "../../../src/objects/task-room";
import { EVENT_SINKS } from "../../../src/queues/event-sinks";
import { swarmSink } from "../../../src/queues/swarm-sink";
import { reconcileRooms } from "../../../src/scheduled/reconciler";
import { part, plan, scriptedModel, swarmTask, swarmWhen } from "../../helpers/swarm";
import { roomEvents, roomTask } from "../../helpers/timers";

let restore: () => void = () => {};
afterEach(() => restore());

/** Sets the swarm's first call's request time back, as if it had waited that long. */
async function requestedLongAgo(taskId: number): Promise<void> {
  await runInDurableObject(roomOf(env, taskId), (room: TaskRoom) => {
    const store = room["store"];
    const task = store.task();
    if (!task?.swarm) throw new Error("no swarm");
    const calls = task.swarm.calls.map((call) => ({ ...call, requestedAt: new Date(Date.now() - 3_600_000).toISOString() }));
    store.saveTask({ ...task, swarm: { ...task.swarm, calls } });
  });
}

describe("the reconciler and a swarm's lost jobs", () => {
  it("asks again for a call whose job never reached the swarm queue, and the swarm goes on", async () => {
    restore = scriptedModel({ plan: () => plan(part("a", 40)) }).restore;
    // The job for the plan is lost: the events consumer hands it to no swarm queue.
    EVENT_SINKS.splice(EVENT_SINKS.indexOf(swarmSink), 1);
    let task: Awaited<ReturnType<typeof swarmTask>>;
    try {
      task = await swarmTask();
      await roomOf(env, task.task.id).settle();
      expect((await roomTask(task.task.id))?.swarm?.calls).toMatchObject([{ round: 1, state: "requested" }]);
    } finally {
      EVENT_SINKS.push(swarmSink);
    }
    // Younger than its patience, the call is left alone; older, the sweep asks for it again.
    const requests = async () => (await roomEvents(task.task.id)).filter((e) => e.type === "swarm.call_requested").length;
    await roomOf(env, task.task.id).reconcile();
    expect(await requests()).toBe(1);
    await requestedLongAgo(task.task.id);
    await reconcileRooms(env, new Date());
    expect(await requests()).toBe(2);

    const running = await swarmWhen(task.poster, task.task.id, (s) => s.status === "running", "the plan applied after the reminder");
    expect(running.calls).toMatchObject([{ round: 1, state: "finished", kind: "plan" }]);
  });
});
