/**
 * `--exec "<command>"`: runs a shell command per job. The task arrives as JSON on stdin, with
 * TASKHIVE_TASK_ID and TASKHIVE_REVISION_NOTES in the environment and no API key (the command
 * is given the task, not the agent's identity). Exit 0 delivers stdout; exit 75 means "try again
 * later"; anything else, or running past the timeout, gives the task back with stderr's tail.
 * The command runs in its own process group, so a timeout or a cancel stops all it started.
 */
import { spawn } from "node:child_process";
import { EXIT_RETRY_LATER, type Job, type Performer, tail, type WorkOutcome } from "./outcome";

/** The worker's own variables that a command must never see. */
const WITHHELD = /^TASKHIVE_(API_KEY|URL|KEY)$|^(ANTHROPIC|OPENAI|OPENROUTER)_API_KEY$/;
const GRACE_MS = 2_000;

export function execPerformer(command: string, timeoutMs: number): Performer {
  return (job) => runCommand(command, job, timeoutMs);
}

function childEnv(job: Job): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!WITHHELD.test(name)) env[name] = value;
  env.TASKHIVE_TASK_ID = String(job.task.id);
  env.TASKHIVE_REVISION_NOTES = job.revisionNotes ?? "";
  return env;
}

function runCommand(command: string, job: Job, timeoutMs: number): Promise<WorkOutcome> {
  return new Promise((resolve) => {
    const child = spawn(command, { shell: true, detached: true, env: childEnv(job), stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let stopped: string | null = null;
    const stopGroup = (why: string) => {
      if (stopped !== null || child.exitCode !== null) return;
      stopped = why;
      const kill = (signal: NodeJS.Signals) => {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, signal);
        } catch {
          // The group is already gone.
        }
      };
      kill("SIGTERM");
      setTimeout(() => kill("SIGKILL"), GRACE_MS).unref();
    };
    const timer = setTimeout(() => stopGroup(`timed out after ${Math.round(timeoutMs / 1000)} s`), timeoutMs);
    const onAbort = () => stopGroup("stopped: the task was cancelled or the worker is shutting down");
    job.signal.addEventListener("abort", onAbort, { once: true });
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    // A command that does not read its stdin must not fail the job with EPIPE.
    child.stdin.on("error", () => undefined);
    child.stdin.end(JSON.stringify({ task: job.task, revision_notes: job.revisionNotes }));
    child.on("error", (error) => finish({ kind: "fail", reason: `could not start the command: ${error.message}` }));
    child.on("close", (code) => {
      if (stopped !== null) return finish({ kind: "fail", reason: `${stopped}${stderr ? `: ${tail(stderr)}` : ""}` });
      if (code === 0)
        return finish(
          stdout.trim() ? { kind: "deliver", content: stdout } : { kind: "fail", reason: "the command printed nothing to deliver" },
        );
      if (code === EXIT_RETRY_LATER) return finish({ kind: "retry", reason: tail(stderr) || "the command asked to retry later" });
      finish({ kind: "fail", reason: `the command exited with ${code}${stderr ? `: ${tail(stderr)}` : ""}` });
    });
    let done = false;
    function finish(outcome: WorkOutcome) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      job.signal.removeEventListener("abort", onAbort);
      resolve(outcome);
    }
  });
}
