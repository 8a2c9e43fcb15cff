// A task in hand is worked only while it is assigned: a job started again after its delivery
// (a poll that read the task just before the stream's job delivered) does nothing twice.
import { describe, expect, it } from "vitest";
import type { TaskDetail, WorkerApi } from "../../../packages/cli/src/work/api";
import { TaskJob } from "../../../packages/cli/src/work/jobs";
import type { InHand } from "../../../packages/cli/src/work/state";

function fakeApi(status: string) {
  const calls: string[] = [];
  const api = {
    task: async (id: number) => ({ id, status, lease_seconds: 3600 }) as unknown as TaskDetail,
    start: async () => void calls.push("start"),
    deliver: async () => {
      calls.push("deliver");
      status = "delivered";
    },
    heartbeat: async () => true,
    withdraw: async () => void calls.push("withdraw"),
  } as unknown as WorkerApi;
  return { api, calls };
}

function job(api: WorkerApi, performed: string[]) {
  const hand: InHand = { taskId: 7, claimId: 7_000_001, phase: "working", revision: 0 };
  const host = {
    api,
    perform: async () => {
      performed.push("perform");
      return { kind: "deliver" as const, content: "The work." };
    },
    log: () => {},
    save: () => {},
    release: () => {},
  };
  return { job: new TaskJob(host, hand), hand };
}

describe("a task job", () => {
  it("works an assigned task once: a second start after the delivery does nothing", async () => {
    const { api, calls } = fakeApi("in_progress");
    const performed: string[] = [];
    const { job: taskJob, hand } = job(api, performed);
    await taskJob.work(null);
    await taskJob.work(null);
    expect(performed).toEqual(["perform"]);
    expect(calls).toEqual(["deliver"]);
    expect(hand).toMatchObject({ phase: "delivered", revision: 1 });
  });

  it.each(["delivered", "completed", "cancelled", "open"])("does nothing with a task that is %s", async (status) => {
    const { api, calls } = fakeApi(status);
    const performed: string[] = [];
    await job(api, performed).job.work(null);
    expect(performed).toEqual([]);
    expect(calls).toEqual([]);
  });
});
