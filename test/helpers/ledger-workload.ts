/**
 * The workload generator of the randomized ledger run (test/invariants): the kinds of operation,
 * how often each is drawn, and `plan`, which turns a kind into one HTTP call against the world
 * as the projection last showed it, or null when nothing fits that kind.
 */
import { type Agent, type ApiResult, type Caller, type Person, send } from "./api";
import type { ClaimRow, DeliverableRow, TaskRow, World } from "./ledger-world";
import type { Random } from "./random";

const MAX_PEOPLE = 24;
const MAX_AGENTS_PER_PERSON = 4;

export const KINDS = [
  "register",
  "createAgent",
  "postTask",
  "claim",
  "acceptClaim",
  "rejectClaim",
  "start",
  "deliver",
  "requestRevision",
  "acceptDeliverable",
  "rejectDeliverable",
  "cancel",
  "rollback",
  "withdraw",
  "stray",
] as const;
export type Kind = (typeof KINDS)[number];

export const WEIGHTS: Record<Kind, number> = {
  register: 2,
  createAgent: 3,
  postTask: 8,
  claim: 16,
  acceptClaim: 12,
  rejectClaim: 2,
  start: 4,
  deliver: 16,
  requestRevision: 7,
  acceptDeliverable: 14,
  rejectDeliverable: 2,
  cancel: 3,
  rollback: 3,
  withdraw: 4,
  // An action by someone it does not belong to (a non-poster deciding, a stranger delivering).
  stray: 4,
};

/** One planned HTTP call: what it is, how to run it, and what a 2xx answer adds to the world. */
export interface Operation {
  kind: Kind;
  describe: string;
  run: () => Promise<ApiResult>;
  onSuccess?: (result: ApiResult) => void;
}

const inStatus =
  (...statuses: string[]) =>
  (t: TaskRow) =>
    statuses.includes(t.status);

/** Plans one operation of `kind` against the world, or null when nothing fits that kind. */
export function plan(kind: Kind, world: World, rng: Random): Operation | null {
  const post = (path: string, caller: Caller, body?: unknown) => () => send("POST", path, caller, body === undefined ? {} : { body });
  switch (kind) {
    case "register": {
      if (world.people.length >= MAX_PEOPLE) return null;
      const email = world.nextEmail();
      const name = `Person ${email.split("@")[0]}`;
      return {
        kind,
        describe: `register ${email}`,
        run: post("/auth/register", null, { email, password: "correct horse battery", name }),
        onSuccess: (r) => {
          const cookie = (r.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
          world.addPerson({ id: (r.body.data as { id: number }).id, email, name, cookie });
        },
      };
    }
    case "createAgent": {
      const person = rng.pick(world.people.filter((p) => (world.agentsOf.get(p.id)?.length ?? 0) < MAX_AGENTS_PER_PERSON));
      if (!person) return null;
      return {
        kind,
        describe: `create agent for user ${person.id}`,
        run: post("/api/v1/operator/agents", person, { name: `agent-${rng.int(1, 1e9)}`, description: "Does careful work" }),
        onSuccess: (r) => {
          const data = r.body.data as { agent: { id: number }; api_key: string };
          world.addAgent({ id: data.agent.id, key: data.api_key, operator: person });
        },
      };
    }
    case "postTask": {
      const caller = rng.pick<Person | Agent>([...world.people, ...world.agents]);
      if (!caller) return null;
      const budget = rng.chance(0.2) ? rng.int(10, 20) : rng.int(10, 500);
      return {
        kind,
        describe: `post task (budget ${budget}) as ${"key" in caller ? `agent ${caller.id}` : `user ${caller.id}`}`,
        run: post("/api/v1/tasks", caller, {
          title: `Invariant task ${rng.int(1, 1e9)}`,
          description: "A task posted by the randomized ledger invariants run.",
          budget_credits: budget,
          max_revisions: rng.int(0, 2),
        }),
      };
    }
    case "claim": {
      const task = rng.pick(world.tasks.filter(inStatus("open")));
      if (!task) return null;
      const pendingAgents = new Set((world.claimsByTask.get(task.id) ?? []).filter((c) => c.status === "pending").map((c) => c.agent_id));
      const eligible = world.agents.filter((a) => a.operator.id !== task.poster_id && !pendingAgents.has(a.id));
      // Now and then any agent at all: a self-claim or a second pending bid must be refused.
      const agent = rng.chance(0.1) ? rng.pick(world.agents) : rng.pick(eligible);
      if (!agent) return null;
      const credits = rng.int(1, task.budget_credits);
      return {
        kind,
        describe: `agent ${agent.id} claims task ${task.id} for ${credits}`,
        run: post(`/api/v1/tasks/${task.id}/claims`, agent, { proposed_credits: credits, message: "I can do this" }),
      };
    }
    case "acceptClaim":
    case "rejectClaim": {
      const task = rng.pick(world.tasks.filter((t) => t.status === "open" && pending(world, t).length > 0));
      const claim = task && rng.pick(pending(world, task));
      const caller = task && world.posterCaller(task);
      if (!task || !claim || !caller) return null;
      const verb = kind === "acceptClaim" ? "accept" : "reject";
      const byBody = verb === "accept" && rng.chance(0.3);
      return {
        kind,
        describe: `${verb} claim ${claim.id} of task ${task.id}`,
        run: byBody
          ? post(`/api/v1/tasks/${task.id}/claims/accept`, caller, { claim_id: claim.id })
          : post(`/api/v1/tasks/${task.id}/claims/${claim.id}/${verb}`, caller),
      };
    }
    case "start":
    case "deliver": {
      const task = rng.pick(world.tasks.filter(inStatus("claimed", "in_progress")));
      const agent = task?.claimed_by_agent_id == null ? undefined : world.agentById.get(task.claimed_by_agent_id);
      if (!task || !agent) return null;
      return kind === "start"
        ? { kind, describe: `agent ${agent.id} starts task ${task.id}`, run: post(`/api/v1/tasks/${task.id}/start`, agent) }
        : {
            kind,
            describe: `agent ${agent.id} delivers task ${task.id}`,
            run: post(`/api/v1/tasks/${task.id}/deliverables`, agent, { content: `Work for task ${task.id}, take ${rng.int(1, 1e6)}.` }),
          };
    }
    case "requestRevision":
    case "acceptDeliverable":
    case "rejectDeliverable": {
      const task = rng.pick(world.tasks.filter(inStatus("delivered")));
      const deliverable = task && latestSubmitted(world, task);
      const caller = task && world.posterCaller(task);
      if (!task || !deliverable || !caller) return null;
      const byBody = rng.chance(0.3);
      const base = `/api/v1/tasks/${task.id}/deliverables`;
      if (kind === "requestRevision") {
        const revision_notes = "Please add more detail.";
        return {
          kind,
          describe: `request revision of deliverable ${deliverable.id} (task ${task.id})`,
          run: byBody
            ? post(`${base}/revision`, caller, { deliverable_id: deliverable.id, revision_notes })
            : post(`${base}/${deliverable.id}/revision`, caller, { revision_notes }),
        };
      }
      if (kind === "rejectDeliverable") {
        return {
          kind,
          describe: `reject deliverable ${deliverable.id} (task ${task.id})`,
          run: post(`${base}/${deliverable.id}/reject`, caller, { reason: "Not what was asked." }),
        };
      }
      return {
        kind,
        describe: `accept deliverable ${deliverable.id} (task ${task.id}, budget ${task.budget_credits})`,
        run: byBody ? post(`${base}/accept`, caller, { deliverable_id: deliverable.id }) : post(`${base}/${deliverable.id}/accept`, caller),
        onSuccess: (r) => {
          const data = r.body.data as { task_id: number; credits_paid: number; platform_fee: number };
          world.completions.push({ taskId: data.task_id, creditsPaid: data.credits_paid, platformFee: data.platform_fee });
        },
      };
    }
    case "cancel":
    case "rollback": {
      const task = rng.pick(
        world.tasks.filter(kind === "cancel" ? inStatus("open", "claimed", "in_progress") : inStatus("claimed", "in_progress")),
      );
      const caller = task && world.posterCaller(task);
      if (!task || !caller) return null;
      return { kind, describe: `${kind} task ${task.id}`, run: post(`/api/v1/tasks/${task.id}/${kind}`, caller) };
    }
    case "withdraw": {
      const candidates = world.tasks.flatMap((t) =>
        (world.claimsByTask.get(t.id) ?? []).filter(
          (c) => c.status === "pending" || (c.status === "accepted" && ["claimed", "in_progress"].includes(t.status)),
        ),
      );
      const claim = rng.pick(candidates);
      const agent = claim && world.agentById.get(claim.agent_id);
      if (!claim || !agent) return null;
      return {
        kind,
        describe: `agent ${agent.id} withdraws claim ${claim.id} (${claim.status}) of task ${claim.task_id}`,
        run: post(`/api/v1/tasks/${claim.task_id}/claims/${claim.id}/withdraw`, agent),
      };
    }
    case "stray": {
      const task = rng.pick(world.tasks.filter(inStatus("claimed", "in_progress", "delivered")));
      if (!task) return null;
      const involved = new Set((world.claimsByTask.get(task.id) ?? []).map((c) => c.agent_id));
      // Never the poster (nor their agents), never an agent that ever bid on the task.
      const stranger = rng.pick(world.agents.filter((a) => a.operator.id !== task.poster_id && !involved.has(a.id)));
      if (!stranger) return null;
      const deliverable = latestSubmitted(world, task);
      const attempts: [string, () => Promise<ApiResult>][] = [
        [
          `stranger agent ${stranger.id} delivers task ${task.id}`,
          post(`/api/v1/tasks/${task.id}/deliverables`, stranger, { content: "Not mine to deliver." }),
        ],
        [`stranger agent ${stranger.id} rolls back task ${task.id}`, post(`/api/v1/tasks/${task.id}/rollback`, stranger)],
        [`stranger user ${stranger.operator.id} cancels task ${task.id}`, post(`/api/v1/tasks/${task.id}/cancel`, stranger.operator)],
      ];
      if (deliverable) {
        attempts.push([
          `stranger agent ${stranger.id} accepts deliverable ${deliverable.id} of task ${task.id}`,
          post(`/api/v1/tasks/${task.id}/deliverables/${deliverable.id}/accept`, stranger),
        ]);
      }
      const [describe, run] = rng.pick(attempts) ?? attempts[0]!;
      return { kind, describe, run };
    }
  }
}

function pending(world: World, task: TaskRow): ClaimRow[] {
  return (world.claimsByTask.get(task.id) ?? []).filter((c) => c.status === "pending");
}

function latestSubmitted(world: World, task: TaskRow): DeliverableRow | undefined {
  const submitted = (world.deliverablesByTask.get(task.id) ?? []).filter((d) => d.status === "submitted");
  return submitted.sort((a, b) => b.revision_number - a.revision_number)[0];
}
