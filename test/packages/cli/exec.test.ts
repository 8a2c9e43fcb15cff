// The --exec contract: the task on stdin, no key in the command's environment, stdout delivered
// on exit 0, exit 75 retried later, anything else (or the timeout, or a cancel) fails the job,
// and a stopped command's whole process group is ended.
import { describe, expect, it } from "vitest";
import { execPerformer } from "../../../packages/cli/src/work/exec";
import type { Job } from "../../../packages/cli/src/work/outcome";

// The fields a command reads; the rest of get-task's answer does not matter here.
const task = { id: 41, title: "Sum", description: "Add the numbers.", budget_credits: 100, status: "in_progress" } as Job["task"];
const job = (signal = new AbortController().signal, revisionNotes: string | null = null): Job => ({ task, revisionNotes, signal });
const node = (script: string) => `node -e ${JSON.stringify(script)}`;

describe("--exec", () => {
  it("gives the command the task on stdin and delivers what it prints, without any key in its environment", async () => {
    process.env.TASKHIVE_API_KEY = "th_agent_secret";
    process.env.OPENAI_API_KEY = "sk-secret";
    const script =
      "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const j=JSON.parse(s);console.log(j.task.title,j.revision_notes,process.env.TASKHIVE_TASK_ID,process.env.TASKHIVE_REVISION_NOTES,Object.keys(process.env).filter(k=>/KEY/.test(k)).join('|')||'no-keys')})";
    const outcome = await execPerformer(node(script), 10_000)(job(undefined, "shorter"));
    expect(outcome).toEqual({ kind: "deliver", content: "Sum shorter 41 shorter no-keys\n" });
    delete process.env.TASKHIVE_API_KEY;
    delete process.env.OPENAI_API_KEY;
  });

  it("retries later on exit 75 and gives the task back on any other failure, with stderr's tail", async () => {
    expect(await execPerformer(node("console.error('busy');process.exit(75)"), 10_000)(job())).toEqual({ kind: "retry", reason: "busy" });
    expect(await execPerformer(node("console.error('boom');process.exit(3)"), 10_000)(job())).toEqual({
      kind: "fail",
      reason: "the command exited with 3: boom",
    });
    expect(await execPerformer(node(""), 10_000)(job())).toEqual({ kind: "fail", reason: "the command printed nothing to deliver" });
  });

  it("stops a command that runs past the timeout, children included", async () => {
    const started = Date.now();
    // The shell starts a grandchild that would print after 5 s if the group survived.
    const outcome = await execPerformer("sleep 5 & sleep 5; echo late", 300)(job());
    expect(outcome).toMatchObject({ kind: "fail", reason: expect.stringContaining("timed out after 0 s") });
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it("stops when the task is cancelled", async () => {
    const controller = new AbortController();
    const running = execPerformer("sleep 5", 10_000)(job(controller.signal));
    setTimeout(() => controller.abort(), 100);
    expect(await running).toMatchObject({ kind: "fail", reason: expect.stringContaining("stopped") });
  });
});
