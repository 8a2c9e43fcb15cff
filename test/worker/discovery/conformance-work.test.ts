// Binding between the API and its description, for the work itself (tasks, claims, deliverables):
// every answer below, success or error, must match the served OpenAPI document (status, body
// schema, required headers) and every error must appear in the operation's skill file. The last
// test fails when an operation with these tags has no successful call here yet.
import { beforeAll, describe, expect, it } from "vitest";
import { type Agent, claim, createAgent, type Person, personWithAgent, postTask, registerPerson } from "../../helpers/api";
import { Conformance, WORK_TAGS } from "../../helpers/conformance";
import { taskInStatus } from "../../helpers/flows";
import { part, plan, scriptedModel, swarmTask, swarmWhen } from "../../helpers/swarm";

const conf = new Conformance();
let poster: Person;
let postersAgent: Agent;
let worker: Agent;
let other: Agent;

beforeAll(async () => {
  poster = await registerPerson("Poster");
  postersAgent = await createAgent(poster);
  worker = await personWithAgent("Worker");
  other = await personWithAgent("Other");
});

const TASK_BODY = {
  title: "Summarise conformance papers",
  description: "Compare the three conformance papers in one page.",
  budget_credits: 200,
};

describe("tasks", () => {
  it("browse and search answer as documented", async () => {
    await postTask(poster, TASK_BODY);
    await conf.expect(200, "GET", "/api/v1/tasks", worker);
    await conf.expect(200, "GET", "/api/v1/tasks?status=open&sort=budget_high&limit=5", poster);
    await conf.error(400, "INVALID_PARAMETER", "GET", "/api/v1/tasks?sort=sideways", worker);
    await conf.error(400, "INVALID_PARAMETER", "GET", "/api/v1/tasks?category=999999", worker);
    await conf.error(400, "INVALID_PARAMETER", "GET", "/api/v1/tasks?cursor=not-a-cursor", worker);
    await conf.error(401, "UNAUTHORIZED", "GET", "/api/v1/tasks", null);
    await conf.expect(200, "GET", "/api/v1/tasks/search?q=conformance", worker);
    await conf.error(400, "INVALID_PARAMETER", "GET", "/api/v1/tasks/search", worker);
    await conf.error(400, "INVALID_PARAMETER", "GET", "/api/v1/tasks/search?q=***", worker);
  });

  it("posting and reading a task answer as documented", async () => {
    const task = await conf.expect<{ id: number }>(201, "POST", "/api/v1/tasks", poster, { body: TASK_BODY });
    await conf.expect(201, "POST", "/api/v1/tasks", postersAgent, { body: { ...TASK_BODY, category_id: 1, max_revisions: 0 } });
    await conf.error(422, "VALIDATION_ERROR", "POST", "/api/v1/tasks", poster, { body: { budget_credits: 200 } });
    await conf.error(404, "CATEGORY_NOT_FOUND", "POST", "/api/v1/tasks", poster, { body: { ...TASK_BODY, category_id: 999999 } });
    await conf.error(422, "INVALID_DEADLINE", "POST", "/api/v1/tasks", poster, {
      body: { ...TASK_BODY, deadline: "2020-01-01T00:00:00Z" },
    });
    const text = { rawBody: "title=x", headers: { "content-type": "text/plain" } };
    await conf.error(415, "UNSUPPORTED_MEDIA_TYPE", "POST", "/api/v1/tasks", poster, text);
    await conf.error(422, "VALIDATION_ERROR", "POST", "/api/v1/tasks", poster, {
      rawBody: "{",
      headers: { "content-type": "application/json" },
    });
    await conf.expect(200, "GET", `/api/v1/tasks/${task.id}`, worker);
    await conf.error(404, "TASK_NOT_FOUND", "GET", "/api/v1/tasks/999999", worker);
    await conf.error(400, "INVALID_PARAMETER", "GET", "/api/v1/tasks/abc", worker);
  });

  it("cancel and rollback answer as documented", async () => {
    const open = await postTask(poster);
    await conf.error(403, "FORBIDDEN", "POST", `/api/v1/tasks/${open.id}/cancel`, worker);
    await conf.expect(200, "POST", `/api/v1/tasks/${open.id}/cancel`, poster);
    const claimed = await taskInStatus(poster, worker, "claimed");
    await conf.expect(200, "POST", `/api/v1/tasks/${claimed.task.id}/rollback`, poster);
    await conf.error(409, "TASK_NOT_CLAIMED", "POST", `/api/v1/tasks/${claimed.task.id}/rollback`, poster);
    await conf.error(409, "ASSIGNMENT_ENDED", "POST", `/api/v1/tasks/${claimed.task.id}/heartbeat`, worker);
    const held = await taskInStatus(poster, worker, "claimed");
    await conf.expect(200, "POST", `/api/v1/tasks/${held.task.id}/cancel`, poster);
    await conf.error(409, "TASK_CANCELLED", "POST", `/api/v1/tasks/${held.task.id}/heartbeat`, worker);
    const done = await taskInStatus(poster, worker, "completed");
    await conf.error(409, "INVALID_STATUS", "POST", `/api/v1/tasks/${done.task.id}/cancel`, poster);
  });
});

describe("claims", () => {
  it("placing, listing and deciding claims answer as documented", async () => {
    const task = await postTask(poster);
    const base = `/api/v1/tasks/${task.id}/claims`;
    const mine = await conf.expect<{ id: number }>(201, "POST", base, worker, { body: { proposed_credits: 150, message: "On it" } });
    await conf.error(409, "DUPLICATE_CLAIM", "POST", base, worker, { body: { proposed_credits: 150 } });
    await conf.error(422, "INVALID_CREDITS", "POST", base, other, { body: { proposed_credits: 5000 } });
    await conf.error(422, "VALIDATION_ERROR", "POST", base, other, { body: {} });
    await conf.error(403, "FORBIDDEN", "POST", base, poster, { body: { proposed_credits: 150 } });
    await conf.error(409, "SELF_CLAIM", "POST", base, postersAgent, { body: { proposed_credits: 150 } });
    await conf.expect(200, "GET", base, poster);
    await conf.expect(200, "GET", base, other);

    const theirs = await claim(other, task.id);
    await conf.expect(200, "POST", `${base}/${theirs.id}/reject`, poster);
    await conf.error(409, "INVALID_STATUS", "POST", `${base}/${theirs.id}/reject`, poster);
    await conf.error(403, "FORBIDDEN", "POST", `${base}/${mine.id}/accept`, worker);
    await conf.error(404, "CLAIM_NOT_FOUND", "POST", `${base}/${task.id * 1_000_000 + 999}/accept`, poster);
    await conf.expect(200, "POST", `${base}/${mine.id}/accept`, poster);
    await conf.error(409, "TASK_NOT_OPEN", "POST", `${base}/${mine.id}/accept`, poster);
    await conf.error(409, "TASK_NOT_OPEN", "POST", base, other, { body: { proposed_credits: 10 } });

    const second = await postTask(poster);
    const bid = await claim(worker, second.id);
    await conf.error(422, "VALIDATION_ERROR", "POST", `/api/v1/tasks/${second.id}/claims/accept`, poster, { body: {} });
    await conf.expect(200, "POST", `/api/v1/tasks/${second.id}/claims/accept`, poster, { body: { claim_id: bid.id } });
  });

  it("withdrawing answers as documented", async () => {
    const task = await postTask(poster);
    const bid = await claim(worker, task.id);
    const url = `/api/v1/tasks/${task.id}/claims/${bid.id}/withdraw`;
    await conf.error(403, "FORBIDDEN", "POST", url, other);
    await conf.expect(200, "POST", url, worker);
    await conf.error(409, "INVALID_STATUS", "POST", url, worker);
    const delivered = await taskInStatus(poster, worker, "delivered");
    const claimId = delivered.claim?.id ?? 0;
    await conf.error(409, "INVALID_STATUS", "POST", `/api/v1/tasks/${delivered.task.id}/claims/${claimId}/withdraw`, worker);
  });

  it("bulk claims answer as documented, item errors included", async () => {
    const open = await postTask(poster);
    const taken = await taskInStatus(poster, other, "claimed");
    const body = {
      claims: [
        { task_id: open.id, proposed_credits: 50 },
        { task_id: taken.task.id, proposed_credits: 50 },
      ],
    };
    const data = await conf.expect<{ summary: { succeeded: number; failed: number } }>(200, "POST", "/api/v1/tasks/bulk/claims", worker, {
      body,
    });
    expect(data.summary).toMatchObject({ succeeded: 1, failed: 1 });
    const repeated = {
      claims: [
        { task_id: open.id, proposed_credits: 50 },
        { task_id: open.id, proposed_credits: 60 },
      ],
    };
    await conf.error(422, "VALIDATION_ERROR", "POST", "/api/v1/tasks/bulk/claims", worker, { body: repeated });
    await conf.error(403, "FORBIDDEN", "POST", "/api/v1/tasks/bulk/claims", poster, { body });
  });
});

describe("deliverables", () => {
  it("starting, delivering and revisions answer as documented", async () => {
    const { task } = await taskInStatus(poster, worker, "claimed");
    const base = `/api/v1/tasks/${task.id}`;
    await conf.error(403, "NOT_CLAIMED_BY_YOU", "POST", `${base}/start`, other);
    await conf.expect(200, "POST", `${base}/start`, worker);
    await conf.expect(200, "POST", `${base}/heartbeat`, worker, { body: { progress: 30, note: "Reading", resources: { model: "m" } } });
    await conf.expect(200, "POST", `${base}/heartbeat`, worker);
    const part = { title: "A part of the work", description: "One part of the bigger piece of work, described.", budget_credits: 20 };
    const posted = await conf.expect<{ id: number }>(201, "POST", `${base}/subtasks`, worker, { body: part });
    await conf.error(409, "SUBTASK_BUDGET_EXCEEDED", "POST", `${base}/subtasks`, worker, { body: { ...part, budget_credits: 10_000 } });
    await conf.error(403, "NOT_CLAIMED_BY_YOU", "POST", `${base}/subtasks`, other, { body: part });
    await conf.error(409, "SUBTASKS_OPEN", "POST", `${base}/deliverables`, worker, { body: { content: "Too early" } });
    await conf.expect(200, "POST", `/api/v1/tasks/${posted.id}/cancel`, worker);
    await conf.error(403, "NOT_CLAIMED_BY_YOU", "POST", `${base}/heartbeat`, other);
    await conf.error(422, "VALIDATION_ERROR", "POST", `${base}/heartbeat`, worker, { body: { progress: -1 } });
    await conf.error(422, "VALIDATION_ERROR", "POST", `${base}/deliverables`, worker, { body: { content: "   " } });
    const first = await conf.expect<{ id: number }>(201, "POST", `${base}/deliverables`, worker, { body: { content: "First draft" } });
    await conf.expect(200, "GET", `${base}/deliverables`, poster);
    await conf.expect(200, "GET", `${base}/deliverables`, worker);
    await conf.error(403, "FORBIDDEN", "GET", `${base}/deliverables`, other);
    await conf.expect(200, "GET", `${base}/reviews`, poster);
    await conf.error(404, "SWARM_NOT_FOUND", "GET", `${base}/swarm`, poster);
    await conf.error(403, "FORBIDDEN", "GET", `${base}/reviews`, other);
    await conf.error(409, "INVALID_STATUS", "POST", `${base}/heartbeat`, worker);
    await conf.expect(200, "POST", `${base}/deliverables/${first.id}/revision`, poster, { body: { revision_notes: "More detail" } });
    await conf.error(409, "INVALID_STATUS", "POST", `${base}/deliverables/${first.id}/accept`, poster);
    const second = await conf.expect<{ id: number }>(201, "POST", `${base}/deliverables`, worker, { body: { content: "Second draft" } });
    const byBody = { deliverable_id: second.id, revision_notes: "Even more" };
    await conf.expect(200, "POST", `${base}/deliverables/revision`, poster, { body: byBody });
    const third = await conf.expect<{ id: number }>(201, "POST", `${base}/deliverables`, worker, { body: { content: "Final" } });
    await conf.error(409, "MAX_REVISIONS", "POST", `${base}/deliverables/${third.id}/revision`, poster, {
      body: { revision_notes: "Again" },
    });
    await conf.error(409, "MAX_REVISIONS", "POST", `${base}/deliverables`, worker, { body: { content: "One more" } });
    await conf.error(404, "DELIVERABLE_NOT_FOUND", "POST", `${base}/deliverables/${task.id * 1_000_000 + 999}/accept`, poster);
    await conf.expect(200, "POST", `${base}/deliverables/${third.id}/accept`, poster);

    const open = await postTask(poster);
    await conf.error(409, "INVALID_STATUS", "POST", `/api/v1/tasks/${open.id}/deliverables`, worker, { body: { content: "Early" } });
  });

  it("accepting by body and rejecting answer as documented", async () => {
    const delivered = await taskInStatus(poster, worker, "delivered");
    const base = `/api/v1/tasks/${delivered.task.id}/deliverables`;
    const id = delivered.deliverable?.id ?? 0;
    await conf.error(409, "REVISIONS_REMAINING", "POST", `${base}/${id}/reject`, poster, { body: { reason: "Not it" } });
    await conf.error(403, "FORBIDDEN", "POST", `${base}/accept`, worker, { body: { deliverable_id: id } });
    await conf.expect(200, "POST", `${base}/accept`, poster, { body: { deliverable_id: id } });

    const last = await taskInStatus(poster, worker, "delivered", { max_revisions: 0 });
    const lastId = last.deliverable?.id ?? 0;
    await conf.expect(200, "POST", `/api/v1/tasks/${last.task.id}/deliverables/${lastId}/reject`, poster, {
      body: { reason: "Missing the comparison" },
    });
  });
});

describe("swarm", () => {
  it("a swarm task's tree and the refusals of swarm mode answer as documented", async () => {
    const model = scriptedModel({ plan: () => plan(part("a", 40)) });
    try {
      const { poster: owner, task } = await swarmTask();
      await swarmWhen(owner, task.id, (s) => s.status === "running", "the plan applied");
      await conf.expect(200, "GET", `/api/v1/tasks/${task.id}/swarm`, owner);
      await conf.expect(200, "GET", `/api/v1/tasks/${task.id}/swarm`, worker);
      await conf.error(422, "SWARM_BUDGET_TOO_SMALL", "POST", "/api/v1/tasks", poster, {
        body: { ...TASK_BODY, budget_credits: 15, swarm: true },
      });
      await conf.error(422, "SWARM_NEEDS_LLM_KEY", "POST", "/api/v1/tasks", poster, { body: { ...TASK_BODY, swarm: true } });
    } finally {
      model.restore();
    }
  });
});

it("has seen every task, claim and deliverable operation succeed", () => {
  expect(conf.unexercised((op) => (op.operation.tags ?? []).some((t) => WORK_TAGS.has(t)))).toEqual([]);
});
