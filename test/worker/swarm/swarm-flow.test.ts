import { afterEach, describe, expect, it, vi } from "vitest";
import { claim, deliver, expectStatus, personWithAgent } from "../../helpers/api";
import { FAIL, PASS } from "../../helpers/review";
import { mintedFor, part, partTask, plan, promptOf, scriptedModel, swarmTask, swarmWhen, taskStatusOf } from "../../helpers/swarm";

let restore: () => void = () => {};
afterEach(() => restore());

async function completed(poster: Parameters<typeof taskStatusOf>[0], taskId: number): Promise<void> {
  await vi.waitFor(async () => expect(await taskStatusOf(poster, taskId)).toBe("completed"), { timeout: 20_000, interval: 100 });
}

describe("swarm mode, end to end through the queues and a fake model", () => {
  it("plans parallel and dependent parts, posts each when its dependencies are done, merges and completes within the root budget", async () => {
    const model = scriptedModel({
      plan: () => plan(part("background", 40), part("analysis", 40), part("conclusion", 40, ["background", "analysis"])),
      merge: () => ({ content: "# Report\nBackground, analysis and conclusion, merged." }),
    });
    restore = model.restore;
    const { poster, task } = await swarmTask();
    expect(task).toMatchObject({ status: "in_progress", swarm: { status: "planning", parts_total: 0 } });
    const [first, second] = [await personWithAgent("Swarm worker 1"), await personWithAgent("Swarm worker 2")];

    const planned = await swarmWhen(poster, task.id, (s) => s.status === "running", "the plan applied");
    expect(planned.waves).toEqual([["background", "analysis"], ["conclusion"]]);
    expect(planned.parts.map((p) => [p.key, p.state])).toEqual([
      ["background", "posted"],
      ["analysis", "posted"],
      ["conclusion", "waiting"],
    ]);

    // A part goes to its first bidder at once: nobody waits to choose.
    const bid = await claim(first, partTask(planned, "background"), 40);
    expect(bid.status).toBe("accepted");
    await deliver(first, partTask(planned, "background"), "Background: where the question comes from.");
    await claim(second, partTask(planned, "analysis"), 40);
    await deliver(second, partTask(planned, "analysis"), "Analysis: what the data says.");

    const third = await swarmWhen(
      poster,
      task.id,
      (s) => s.parts.find((p) => p.key === "conclusion")?.state === "posted",
      "the dependent part posted",
    );
    await claim(first, partTask(third, "conclusion"), 40);
    await deliver(first, partTask(third, "conclusion"), "Conclusion: drawing on both.");

    await completed(poster, task.id);
    const done = await swarmWhen(poster, task.id, (s) => s.status === "ended", "the swarm ended with its task");
    expect(done.parts.every((p) => p.state === "done" && p.task?.status === "completed")).toBe(true);
    expect(done.calls.map((c) => [c.kind, c.state, c.key_source])).toEqual([
      ["plan", "finished", "poster"],
      ["merge", "finished", "poster"],
    ]);
    const mergeRequest = model.seen.find((r) => (r.body["tool_choice"] as { name: string }).name === "submit_merge");
    expect(promptOf(mergeRequest ?? { url: "", headers: new Headers(), body: {} })).toContain("Analysis: what the data says.");

    const deliverables = await expectStatus<{ content: string; agent_id: number }[]>(
      200,
      "GET",
      `/api/v1/tasks/${task.id}/deliverables`,
      poster,
    );
    expect(deliverables[0]?.content).toContain("# Report");
    const tree = [task.id, ...done.parts.map((p) => p.task_id as number)];
    // Each part paid its budget once, the coordinator what they left: exactly the root's budget.
    expect(await mintedFor(tree)).toBe(200);
  });

  it("replaces a part that fails its last review with a fix task, re-planned from the failure, and still completes", async () => {
    const model = scriptedModel({
      plan: () => plan(part("draft", 40), part("polish", 40, ["draft"])),
      fix: () => ({
        feasible: true,
        reason: "Add the missing table",
        part: {
          title: "Draft the report with its comparison table",
          description: "Draft the report again, this time with the comparison table the review asked for.",
          acceptance_criteria: ["Has a comparison table"],
          budget_credits: 50,
        },
      }),
      merge: () => ({ content: "The polished report." }),
      verdict: (prompt) => (prompt.includes("no table") ? FAIL : PASS),
    });
    restore = model.restore;
    const { poster, task } = await swarmTask({ max_revisions: 0 });
    const [first, second] = [await personWithAgent("Failing worker"), await personWithAgent("Fixing worker")];

    const planned = await swarmWhen(poster, task.id, (s) => s.status === "running", "the plan applied");
    const draft = partTask(planned, "draft");
    await claim(first, draft, 40);
    await deliver(first, draft, "A draft with no table.");

    const fixed = await swarmWhen(
      poster,
      task.id,
      (s) => s.parts.some((p) => p.fix_of === "draft" && p.state === "posted"),
      "the fix posted",
    );
    expect(fixed.parts.find((p) => p.key === "draft")).toMatchObject({ state: "failed", task: { status: "disputed" } });
    const fix = fixed.parts.find((p) => p.fix_of === "draft");
    expect(fix).toMatchObject({ key: "draft-fix1", attempt: 2 });
    const fixRequest = model.seen.find((r) => (r.body["tool_choice"] as { name: string }).name === "submit_fix");
    expect(promptOf(fixRequest ?? { url: "", headers: new Headers(), body: {} })).toContain(FAIL.feedback);

    await claim(second, fix?.task_id as number, 40);
    await deliver(second, fix?.task_id as number, "A draft with its comparison table.");
    const polishing = await swarmWhen(
      poster,
      task.id,
      (s) => s.parts.find((p) => p.key === "polish")?.state === "posted",
      "the dependent part posted after the fix",
    );
    await claim(second, partTask(polishing, "polish"), 40);
    await deliver(second, partTask(polishing, "polish"), "Polished.");

    await completed(poster, task.id);
    const done = await swarmWhen(poster, task.id, (s) => s.status === "ended", "the swarm ended");
    expect(done.calls.map((c) => c.kind)).toEqual(["plan", "fix", "merge"]);
    const tree = [task.id, ...done.parts.map((p) => p.task_id as number)];
    // The failed part minted nothing; the tree as a whole never more than its root's budget.
    expect(await mintedFor(tree)).toBe(200);
  });

  it("stops and hands the task to its poster when the planner finds it cannot be done, and the poster can cancel", async () => {
    const model = scriptedModel({ plan: () => ({ feasible: false, reason: "It needs at least 500 credits of work", parts: [] }) });
    restore = model.restore;
    const { poster, task } = await swarmTask();

    const stopped = await swarmWhen(poster, task.id, (s) => s.status === "stopped", "the swarm stopped");
    expect(stopped.stop_reason).toContain("It needs at least 500 credits of work");
    const detail = await expectStatus<{ status: string; swarm: { status: string; stop_reason: string } }>(
      200,
      "GET",
      `/api/v1/tasks/${task.id}`,
      poster,
    );
    expect(detail).toMatchObject({ status: "in_progress", swarm: { status: "stopped" } });

    await expectStatus(200, "POST", `/api/v1/tasks/${task.id}/cancel`, poster);
    expect(await taskStatusOf(poster, task.id)).toBe("cancelled");
    expect(await mintedFor([task.id])).toBe(0);
  });

  it("asks the planner again, with the reason, when its plan does not fit the budget", async () => {
    let asked = 0;
    const model = scriptedModel({
      plan: () => (++asked === 1 ? plan(part("a", 100), part("b", 100)) : plan(part("a", 80), part("b", 80))),
    });
    restore = model.restore;
    const { poster, task } = await swarmTask();

    const running = await swarmWhen(poster, task.id, (s) => s.status === "running", "the second plan applied");
    expect(running.calls.map((c) => c.outcome)).toEqual([
      expect.stringContaining("asked again: the parts' budgets sum to 200"),
      "planned 2 part(s)",
    ]);
    const second = model.seen.filter((r) => (r.body["tool_choice"] as { name: string }).name === "submit_plan")[1];
    expect(promptOf(second ?? { url: "", headers: new Headers(), body: {} })).toContain("Your previous plan was refused");
  });
});
