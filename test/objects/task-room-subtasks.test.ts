// Subtasks: an assignee posts parts of its task, paid from its budget. The parent's room reserves
// each part's budget in one synchronous step, refuses to be delivered while a part is open,
// cancels its open parts when its assignment ends, and pays itself only what its paid parts left:
// the credits minted for a whole tree never exceed its root's budget.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  type Agent,
  acceptClaim,
  acceptDeliverable,
  call,
  claim,
  claimedTask,
  deliver,
  expectStatus,
  type Person,
  personWithAgent,
  registerPerson,
  type TaskView,
} from "../helpers/api";
import { expectError } from "../helpers/flows";
import { settled } from "../helpers/rooms";
import { roomEvents, roomTask } from "../helpers/timers";

const PART = { description: "One part of the bigger piece of work, described well enough." };

function postPart(holder: Agent, parentId: number, budget: number) {
  return call<TaskView>("POST", `/api/v1/tasks/${parentId}/subtasks`, holder, {
    body: { title: `Part for ${budget}`, ...PART, budget_credits: budget },
  });
}

/** `holder` posts a part of `parentId`, and `worker` is assigned it (the holder accepts as the part's poster). */
async function assignedPart(holder: Agent, parentId: number, worker: Agent, budget: number): Promise<TaskView> {
  const posted = await postPart(holder, parentId, budget);
  expect(posted.status).toBe(201);
  const bid = await claim(worker, posted.body.data.id, budget);
  await acceptClaim(holder, posted.body.data.id, bid.id);
  return posted.body.data;
}

/** Credits minted for `taskIds` (payments and fees), from the ledger. */
async function minted(taskIds: number[]): Promise<number> {
  await settled(...taskIds);
  const marks = taskIds.map(() => "?").join(", ");
  const row = await env.DB.prepare(
    `SELECT coalesce(sum(amount), 0) AS total FROM ledger_entries WHERE task_id IN (${marks}) AND amount > 0`,
  )
    .bind(...taskIds)
    .first<{ total: number }>();
  return row?.total ?? 0;
}

async function rootHeldBy(budget: number): Promise<{ poster: Person; holder: Agent; rootId: number }> {
  const poster = await registerPerson("Root poster");
  const holder = await personWithAgent("Coordinator");
  const { task } = await claimedTask(poster, holder, { budget_credits: budget });
  return { poster, holder, rootId: task.id };
}

describe("posting parts", () => {
  it("posts an open part one level down, for the holder's operator, and reserves its budget", async () => {
    const { holder, rootId } = await rootHeldBy(200);
    const posted = await postPart(holder, rootId, 50);
    expect(posted.status).toBe(201);
    expect(posted.body.data).toMatchObject({ status: "open", budget_credits: 50, parent_task_id: rootId, depth: 1 });
    expect(posted.body.data.poster.id).toBe(holder.operator.id);

    const parent = await expectStatus<TaskView>(200, "GET", `/api/v1/tasks/${rootId}`, holder);
    expect(parent.subtasks).toEqual([{ task_id: posted.body.data.id, budget_credits: 50, state: "open" }]);
    expect(parent.delegable_credits).toBe(200 - 10 - 50);
    expect((await roomEvents(rootId)).filter((e) => e.type === "subtask.created")).toHaveLength(1);
  });

  it("never reserves more than the parent can spare, even for ten parts posted at once", async () => {
    const { holder, rootId } = await rootHeldBy(200);
    const results = await Promise.all(Array.from({ length: 10 }, () => postPart(holder, rootId, 30)));
    // 190 can be delegated: six parts of 30 fit, the rest are refused.
    expect(results.filter((r) => r.status === 201)).toHaveLength(6);
    const refused = results.filter((r) => r.status === 409);
    expect(refused).toHaveLength(4);
    for (const r of refused) expect(r.body.error.code).toBe("SUBTASK_BUDGET_EXCEEDED");
    const parent = await expectStatus<TaskView>(200, "GET", `/api/v1/tasks/${rootId}`, holder);
    expect(parent.subtasks).toHaveLength(6);
    expect(parent.delegable_credits).toBe(10);
  });

  it("is for the holder of a task being worked on only", async () => {
    const { poster, holder, rootId } = await rootHeldBy(200);
    const stranger = await personWithAgent("Stranger");
    expectError(await postPart(stranger, rootId, 20), 403, "NOT_CLAIMED_BY_YOU");
    const open = await call<{ id: number }>("POST", "/api/v1/tasks", poster, {
      body: { title: "Still open", description: "A task nobody holds yet, with a description.", budget_credits: 100 },
    });
    expectError(await postPart(holder, open.body.data.id, 20), 403, "NOT_CLAIMED_BY_YOU");
  });

  it("goes at most three levels deep", async () => {
    const { holder, rootId } = await rootHeldBy(400);
    const second = await personWithAgent("Second");
    const third = await personWithAgent("Third");
    const fourth = await personWithAgent("Fourth");
    const level1 = await assignedPart(holder, rootId, second, 200);
    const level2 = await assignedPart(second, level1.id, third, 100);
    const level3 = await assignedPart(third, level2.id, fourth, 50);
    expect([level1.depth, level2.depth, level3.depth]).toEqual([1, 2, 3]);
    expectError(await postPart(fourth, level3.id, 20), 409, "SUBTASK_DEPTH_EXCEEDED");
  });
});

describe("a parent and its parts", () => {
  it("cannot be delivered while a part is open, and pays itself what its paid parts left: the tree mints its root budget", async () => {
    const { poster, holder, rootId } = await rootHeldBy(200);
    const helper = await personWithAgent("Helper");
    const part = await assignedPart(holder, rootId, helper, 50);

    const early = await call("POST", `/api/v1/tasks/${rootId}/deliverables`, holder, { body: { content: "Too early" } });
    expectError(early, 409, "SUBTASKS_OPEN");

    const partWork = await deliver(helper, part.id);
    await acceptDeliverable(holder, part.id, partWork.id);
    await settled(part.id);
    const parent = await expectStatus<TaskView>(200, "GET", `/api/v1/tasks/${rootId}`, holder);
    expect(parent.subtasks).toEqual([{ task_id: part.id, budget_credits: 50, state: "paid" }]);

    const work = await deliver(holder, rootId);
    const paid = await acceptDeliverable(poster, rootId, work.id);
    expect(paid).toMatchObject({ credits_paid: 135, platform_fee: 15 });
    expect(await minted([rootId, part.id])).toBe(200);
  });

  it("frees a cancelled part's budget, and pays the parent its whole budget when no part was paid", async () => {
    const { poster, holder, rootId } = await rootHeldBy(200);
    const posted = await postPart(holder, rootId, 80);
    await expectStatus(200, "POST", `/api/v1/tasks/${posted.body.data.id}/cancel`, holder);
    await settled(posted.body.data.id);
    const parent = await expectStatus<TaskView>(200, "GET", `/api/v1/tasks/${rootId}`, holder);
    expect(parent.subtasks).toEqual([{ task_id: posted.body.data.id, budget_credits: 80, state: "released" }]);
    expect(parent.delegable_credits).toBe(190);

    const work = await deliver(holder, rootId);
    expect(await acceptDeliverable(poster, rootId, work.id)).toMatchObject({ credits_paid: 180, platform_fee: 20 });
    expect(await minted([rootId, posted.body.data.id])).toBe(200);
  });

  it("cancels its open parts when it is cancelled, and when it is rolled back", async () => {
    for (const end of ["cancel", "rollback"] as const) {
      const { poster, holder, rootId } = await rootHeldBy(200);
      const helper = await personWithAgent("Helper");
      const assigned = await assignedPart(holder, rootId, helper, 40);
      const waiting = (await postPart(holder, rootId, 30)).body.data;

      await expectStatus(200, "POST", `/api/v1/tasks/${rootId}/${end}`, poster);
      await settled(rootId);
      await settled(assigned.id, waiting.id);
      for (const part of [assigned, waiting]) {
        expect(await roomTask(part.id)).toMatchObject({ status: "cancelled" });
        const cancel = (await roomEvents(part.id)).find((e) => e.type === "task.cancelled");
        expect(cancel?.data).toMatchObject({ reason: "parent" });
      }
      await settled(rootId);
      const parent = await expectStatus<TaskView>(200, "GET", `/api/v1/tasks/${rootId}`, poster);
      expect(parent.subtasks.map((s) => s.state)).toEqual(["released", "released"]);
      expect(await minted([rootId, assigned.id, waiting.id])).toBe(0);
    }
  });

  it("keeps a later assignee's parts when an earlier assignment's reopening is followed late", async () => {
    const { poster, holder, rootId } = await rootHeldBy(200);
    const early = (await postPart(holder, rootId, 30)).body.data;
    await expectStatus(200, "POST", `/api/v1/tasks/${rootId}/rollback`, poster);
    const next = await personWithAgent("Next");
    const bid = await claim(next, rootId);
    await acceptClaim(poster, rootId, bid.id);
    const late = (await postPart(next, rootId, 30)).body.data;
    await settled(rootId);
    await settled(early.id, late.id);
    await settled(rootId);
    expect(await roomTask(early.id)).toMatchObject({ status: "cancelled" });
    expect(await roomTask(late.id)).toMatchObject({ status: "open" });
    const parent = await expectStatus<TaskView>(200, "GET", `/api/v1/tasks/${rootId}`, poster);
    expect(parent.subtasks).toEqual([
      { task_id: early.id, budget_credits: 30, state: "released" },
      { task_id: late.id, budget_credits: 30, state: "open" },
    ]);
  });
});
