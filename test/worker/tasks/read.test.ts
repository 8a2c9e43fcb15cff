import { beforeAll, describe, expect, it } from "vitest";
import type { Agent, Person, TaskView } from "../../helpers/api";
import { call, claim, personWithAgent, posterAndAgents, postTask, registerPerson } from "../../helpers/api";
import { expectErrorCall, getTask, taskInStatus } from "../../helpers/flows";

let poster: Person, worker: Agent;
beforeAll(async () => {
  [poster, worker] = await posterAndAgents("Worker");
});

describe("GET /api/v1/tasks/:id", () => {
  it("returns the detail shape of the contract", async () => {
    const task = await postTask(poster, { requirements: "Be thorough", category_id: 7 });
    const result = await call<TaskView>("GET", `/api/v1/tasks/${task.id}`, worker);
    expect(result.status).toBe(200);
    expect(Object.keys(result.body.data).sort()).toEqual(
      [
        "id",
        "title",
        "description",
        "budget_credits",
        "category",
        "status",
        "poster",
        "claims_count",
        "deadline",
        "max_revisions",
        "priority",
        "created_at",
        "requirements",
        "claimed_by_agent_id",
        "deliverables_count",
        "auto_review_enabled",
        "lease_seconds",
        "lease_expires_at",
        "auto_accept_seconds",
        "auto_accept_at",
        "late",
        "last_heartbeat",
        "parent_task_id",
        "depth",
        "subtasks",
        "swarm",
        "delegable_credits",
        "updated_at",
        "next_actions",
      ].sort(),
    );
    expect(result.body.data).toMatchObject({
      id: task.id,
      requirements: "Be thorough",
      category: { id: 7, name: "General", slug: "general" },
      claimed_by_agent_id: null,
      deliverables_count: 0,
      auto_review_enabled: false,
      poster: { id: poster.id, name: "Poster" },
      lease_seconds: 3600,
      lease_expires_at: null,
      auto_accept_seconds: 259_200,
      auto_accept_at: null,
      late: false,
      last_heartbeat: null,
    });
  });

  it("reflects claims, the claimed agent and deliverables as the task moves", async () => {
    const { task } = await taskInStatus(poster, worker, "delivered");
    const seen = await getTask(poster, task.id);
    expect(seen).toMatchObject({ status: "delivered", claims_count: 1, claimed_by_agent_id: worker.id, deliverables_count: 1 });
    expect(Date.parse(seen.updated_at as string)).toBeGreaterThanOrEqual(Date.parse(seen.created_at as string));
  });

  it("gives the poster, a bidding agent and an agent with a pending claim different next_actions", async () => {
    const task = await postTask(poster, { budget_credits: 150 });
    const base = `/api/v1/tasks/${task.id}`;

    const asPoster = await getTask(poster, task.id);
    expect(asPoster.next_actions.map((a) => [a.action, a.method, a.path])).toEqual([
      ["list_claims", "GET", `${base}/claims`],
      ["accept_claim", "POST", `${base}/claims/{claim_id}/accept`],
      ["cancel", "POST", `${base}/cancel`],
    ]);

    const asAgent = await getTask(worker, task.id);
    expect(asAgent.next_actions).toHaveLength(1);
    expect(asAgent.next_actions[0]).toMatchObject({
      action: "claim",
      method: "POST",
      path: `${base}/claims`,
      body: { proposed_credits: 150 },
    });

    const bid = await claim(worker, task.id, 120);
    const withClaim = await getTask(worker, task.id);
    expect(withClaim.next_actions.map((a) => [a.action, a.method, a.path])).toEqual([
      ["withdraw_claim", "POST", `${base}/claims/${bid.id}/withdraw`],
    ]);

    const stranger = await registerPerson("Stranger");
    expect((await getTask(stranger, task.id)).next_actions).toEqual([]);
  });

  it("gives the claimed agent start, heartbeat, a subtask, deliver and abandon, and the poster rollback and cancel", async () => {
    const { task, claim: bid } = await taskInStatus(poster, worker, "claimed");
    const base = `/api/v1/tasks/${task.id}`;
    const asAgent = await getTask(worker, task.id);
    expect(asAgent.next_actions.map((a) => [a.action, a.method, a.path])).toEqual([
      ["start", "POST", `${base}/start`],
      ["heartbeat", "POST", `${base}/heartbeat`],
      ["post_subtask", "POST", `${base}/subtasks`],
      ["deliver", "POST", `${base}/deliverables`],
      ["abandon", "POST", `${base}/claims/${bid?.id}/withdraw`],
    ]);
    const asPoster = await getTask(poster, task.id);
    expect(asPoster.next_actions.map((a) => a.action)).toEqual(["wait_for_delivery", "rollback", "cancel"]);
    const other = await personWithAgent("Other");
    expect((await getTask(other, task.id)).next_actions).toEqual([]);
  });

  it("gives the poster accept and revision actions on a delivered task", async () => {
    const { task, deliverable } = await taskInStatus(poster, worker, "delivered");
    const path = `/api/v1/tasks/${task.id}/deliverables/${deliverable?.id}`;
    const asPoster = await getTask(poster, task.id);
    expect(asPoster.next_actions.map((a) => [a.action, a.path])).toEqual([
      ["accept_deliverable", `${path}/accept`],
      ["request_revision", `${path}/revision`],
    ]);
    expect((await getTask(worker, task.id)).next_actions.map((a) => a.action)).toEqual(["wait_for_review"]);
  });

  it("answers an unknown task with 404 TASK_NOT_FOUND", async () => {
    const error = await expectErrorCall(404, "TASK_NOT_FOUND", "Task 999999 does not exist", "GET", "/api/v1/tasks/999999", worker);
    expect(error.suggestion).toContain("GET /api/v1/tasks");
  });

  it.each(["0", "-1", "1.5", "abc", "1e3", "01", "+1", "99999999999999999"])(
    "refuses the task id %s with 400 INVALID_PARAMETER",
    async (id) => {
      const error = await expectErrorCall(400, "INVALID_PARAMETER", /^id /, "GET", `/api/v1/tasks/${id}`, worker);
      expect(error.details).toEqual({ parameter: "id" });
    },
  );

  it("is readable by a signed-in person as well as an agent", async () => {
    const task = await postTask(worker, {});
    const person = await registerPerson("Reader");
    expect((await getTask(person, task.id)).id).toBe(task.id);
    expect((await getTask(worker, task.id)).id).toBe(task.id);
  });

  it("is hidden from unauthenticated callers", async () => {
    const task = await postTask(poster, {});
    await expectErrorCall(401, "UNAUTHORIZED", "Missing or invalid Authorization header", "GET", `/api/v1/tasks/${task.id}`, null);
  });
});
