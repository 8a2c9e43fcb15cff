// `taskhive work` end to end, as real processes against the dev server: it bids on a matching
// task, runs the job, delivers, re-does it on a revision request, exits once paid; survives
// being killed mid-job without delivering twice; works through --llm with the official SDK
// against the fake provider; and on Ctrl-C withdraws a bid nobody accepted.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  acceptClaim,
  acceptDeliverable,
  type Caller,
  call,
  expectStatus,
  llmUrl,
  type Person,
  personWithAgent,
  postTask,
  registerPerson,
} from "../../../browser/api";
import { cliHome, eventually, runCli } from "./run";

interface Claim {
  id: number;
  agent_id: number;
  status: string;
  proposed_credits: number;
}
interface Deliverable {
  id: number;
  content: string;
  status: string;
}

const claimsOf = async (poster: Caller, taskId: number) => (await call<Claim[]>("GET", `/api/v1/tasks/${taskId}/claims`, poster)).body.data;
const deliverablesOf = async (poster: Caller, taskId: number) =>
  (await call<Deliverable[]>("GET", `/api/v1/tasks/${taskId}/deliverables`, poster)).body.data;

/** The worker's bid on the task, once it is there. */
function bidOn(poster: Person, taskId: number, agentId: number) {
  return eventually(
    async () => (await claimsOf(poster, taskId)).find((c) => c.agent_id === agentId && c.status === "pending"),
    "the worker's bid",
  );
}

function deliveries(poster: Person, taskId: number, count: number) {
  return eventually(async () => {
    const list = await deliverablesOf(poster, taskId);
    return list.length >= count ? list : null;
  }, `${count} deliveries`);
}

const SOLVER = "node test/fixtures/solver.mjs";

describe("taskhive work", () => {
  it("--exec --once: bids, works, delivers, redoes a revision, and exits once paid", async () => {
    const poster = await registerPerson("CliPoster");
    const task = await postTask(poster, { title: "Write a haiku about queues", budget_credits: 910_000 });
    const worker = await personWithAgent("CliWorker");
    const cli = runCli(["work", "--exec", SOLVER, "--once", "--poll-seconds", "1", "--bid", "90%", "--min-budget", "910000"], {
      TASKHIVE_API_KEY: worker.key,
      TASKHIVE_HOME: cliHome(),
    });
    const bid = await bidOn(poster, task.id, worker.id);
    expect(bid.proposed_credits).toBe(819_000);
    await acceptClaim(poster, task.id, bid.id);

    const [first] = await deliveries(poster, task.id, 1);
    expect(first?.content).toContain(`Solved "Write a haiku about queues" (task ${task.id}).`);
    expect(first?.content).toContain("Keys in my environment: none");
    await expectStatus(200, "POST", `/api/v1/tasks/${task.id}/deliverables/${first?.id}/revision`, poster, {
      body: { revision_notes: "Make it rhyme." },
    });

    const second = (await deliveries(poster, task.id, 2)).find((d) => d.id !== first?.id);
    expect(second?.content).toContain("Revision: Make it rhyme.");
    await acceptDeliverable(poster, task.id, second?.id ?? 0);
    expect(await cli.exited).toBe(0);
    expect(cli.output()).toContain("Done: 1 task(s) paid");
  });

  it("resumes after being killed mid-job and delivers once", async () => {
    const poster = await registerPerson("CliRestart");
    const task = await postTask(poster, { title: "Count the stars", budget_credits: 920_000 });
    const worker = await personWithAgent("CliSurvivor");
    const home = cliHome();
    const log = join(home, "solver.log");
    const env = { TASKHIVE_API_KEY: worker.key, TASKHIVE_HOME: home, SOLVER_LOG: log, SOLVER_SLEEP_MS: "1500" };
    const args = ["work", "--exec", SOLVER, "--once", "--poll-seconds", "1", "--min-budget", "920000"];
    const first = runCli(args, env);
    await acceptClaim(poster, task.id, (await bidOn(poster, task.id, worker.id)).id);
    await eventually(async () => (readFileSync(log, { flag: "a+" }).toString().trim() ? true : null), "the job to start");
    first.child.kill("SIGKILL");
    await first.exited;

    const second = runCli(args, env);
    const [only] = await deliveries(poster, task.id, 1);
    await acceptDeliverable(poster, task.id, only?.id ?? 0);
    expect(await second.exited).toBe(0);
    expect(await deliverablesOf(poster, task.id)).toHaveLength(1);
    expect((await claimsOf(poster, task.id)).filter((c) => c.agent_id === worker.id)).toHaveLength(1);
    expect(second.output()).toContain("1 task(s) in hand from before");
  });

  it("--llm: the model does the work through the official SDK (here against the fake provider)", async () => {
    const poster = await registerPerson("CliLlmPoster");
    const task = await postTask(poster, { title: "Explain leases", budget_credits: 930_000 });
    const worker = await personWithAgent("CliModel");
    const cli = runCli(["work", "--llm", "anthropic:claude-test", "--once", "--poll-seconds", "1", "--min-budget", "930000"], {
      TASKHIVE_API_KEY: worker.key,
      TASKHIVE_HOME: cliHome(),
      ANTHROPIC_API_KEY: "fake-worker-key",
      ANTHROPIC_BASE_URL: llmUrl(),
    });
    await acceptClaim(poster, task.id, (await bidOn(poster, task.id, worker.id)).id);
    const [delivered] = await deliveries(poster, task.id, 1);
    expect(delivered?.content).toContain(`Fake worker's deliverable for "Explain leases".`);
    await acceptDeliverable(poster, task.id, delivered?.id ?? 0);
    expect(await cli.exited).toBe(0);
  });

  it("withdraws a bid nobody answers within --bid-ttl, and bids on other work instead", async () => {
    const poster = await registerPerson("CliSilent");
    const ignored = await postTask(poster, { title: "Nobody will answer", budget_credits: 935_000 });
    const worker = await personWithAgent("CliPatient");
    const cli = runCli(["work", "--exec", SOLVER, "--poll-seconds", "1", "--bid-ttl", "2s", "--min-budget", "935000"], {
      TASKHIVE_API_KEY: worker.key,
      TASKHIVE_HOME: cliHome(),
    });
    const stale = await bidOn(poster, ignored.id, worker.id);
    await eventually(
      async () => ((await claimsOf(poster, ignored.id)).find((c) => c.id === stale.id)?.status === "withdrawn" ? true : null),
      "the stale bid's withdrawal",
    );
    const next = await postTask(poster, { title: "Answered at once", budget_credits: 935_000 });
    await bidOn(poster, next.id, worker.id);
    cli.child.kill("SIGINT");
    expect(await cli.exited).toBe(0);
    expect((await claimsOf(poster, ignored.id)).filter((c) => c.agent_id === worker.id)).toHaveLength(1);
  });

  it("on Ctrl-C, withdraws a bid nobody accepted and exits cleanly", async () => {
    const poster = await registerPerson("CliStopper");
    const task = await postTask(poster, { title: "Wait for me", budget_credits: 940_000 });
    const worker = await personWithAgent("CliQuitter");
    const cli = runCli(["work", "--exec", SOLVER, "--poll-seconds", "1", "--min-budget", "940000"], {
      TASKHIVE_API_KEY: worker.key,
      TASKHIVE_HOME: cliHome(),
    });
    const bid = await bidOn(poster, task.id, worker.id);
    cli.child.kill("SIGINT");
    expect(await cli.exited).toBe(0);
    expect((await claimsOf(poster, task.id)).find((c) => c.id === bid.id)?.status).toBe("withdrawn");
  });
});
