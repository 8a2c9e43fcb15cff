import { evictDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { roomOf } from "../../../src/contracts/addresses";
import { claim, deliver, personWithAgent } from "../../helpers/api";
import { settled } from "../../helpers/rooms";
import { mintedFor, part, partTask, plan, scriptedModel, swarmTask, swarmWhen, taskStatusOf } from "../../helpers/swarm";

let restore: () => void = () => {};
afterEach(() => restore());

async function count(sql: string, ...values: number[]): Promise<number> {
  const row = await env.DB.prepare(sql)
    .bind(...values)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

describe("a swarm whose rooms restart mid-way", () => {
  it("resumes from the rooms' storage without posting a part twice or paying twice", async () => {
    restore = scriptedModel({
      plan: () => plan(part("a", 40), part("b", 40), part("c", 40, ["a", "b"])),
      merge: () => ({ content: "All three parts, merged." }),
    }).restore;
    const { poster, task } = await swarmTask();
    const worker = await personWithAgent("Restart worker");
    const planned = await swarmWhen(poster, task.id, (s) => s.status === "running", "the plan applied");

    await claim(worker, partTask(planned, "a"), 40);
    await deliver(worker, partTask(planned, "a"), "Part a.");
    await swarmWhen(poster, task.id, (s) => s.parts[0]?.state === "done", "part a done");
    // Every room of the tree loses its memory; only what it stored survives.
    for (const id of [task.id, partTask(planned, "a"), partTask(planned, "b")]) await evictDurableObject(roomOf(env, id));

    await claim(worker, partTask(planned, "b"), 40);
    await deliver(worker, partTask(planned, "b"), "Part b.");
    const third = await swarmWhen(poster, task.id, (s) => s.parts[2]?.state === "posted", "part c posted after the restart");
    await evictDurableObject(roomOf(env, task.id));
    await claim(worker, partTask(third, "c"), 40);
    await deliver(worker, partTask(third, "c"), "Part c.");

    await vi.waitFor(async () => expect(await taskStatusOf(poster, task.id)).toBe("completed"), { timeout: 20_000, interval: 100 });
    const tree = [task.id, ...third.parts.map((p) => p.task_id as number)];
    await settled(...tree);
    expect(await count("SELECT count(*) AS n FROM tasks WHERE parent_task_id = ?", task.id)).toBe(3);
    for (const id of tree) {
      expect(
        await count("SELECT count(*) AS n FROM ledger_entries WHERE task_id = ? AND type = 'payment' AND account_id != 'mint'", id),
      ).toBe(1);
    }
    expect(await mintedFor(tree)).toBe(200);
  });
});
