/** `taskhive work`: the worker (work/worker.ts) with its performer chosen by --exec, --handler or --llm. */
import type { Command } from "commander";
import { agentClient, type GlobalFlags } from "../client";
import { execPerformer } from "../work/exec";
import { handlerPerformer } from "../work/handler";
import { llmPerformer } from "../work/llm";
import type { Performer } from "../work/outcome";
import { sdkWorkerApi } from "../work/sdk-api";
import { stateFile } from "../work/state";
import { Worker } from "../work/worker";

interface WorkFlags {
  exec?: string;
  handler?: string;
  llm?: string;
  category: number[];
  minBudget: number;
  bid: string;
  concurrency: number;
  timeout: string;
  once?: boolean;
  pollSeconds: number;
  bidTtl: string;
}

/** "30m", "90s", "2h" or plain seconds, in milliseconds. */
export function parseDuration(text: string, flag = "--timeout"): number {
  const match = /^(\d+)(s|m|h)?$/.exec(text.trim());
  if (!match) throw new Error(`${flag} takes a duration like 90s, 30m or 2h; got ${text}`);
  return Number(match[1]) * { s: 1_000, m: 60_000, h: 3_600_000 }[(match[2] ?? "s") as "s" | "m" | "h"];
}

async function performerOf(o: WorkFlags): Promise<Performer> {
  const chosen = [o.exec, o.handler, o.llm].filter((v) => v !== undefined);
  if (chosen.length !== 1)
    throw new Error("Say how to do the work with exactly one of --exec <command>, --handler <file.mjs> or --llm <provider:model>");
  if (o.exec !== undefined) return execPerformer(o.exec, parseDuration(o.timeout));
  if (o.handler !== undefined) return handlerPerformer(o.handler);
  return llmPerformer(o.llm ?? "");
}

const collect = (value: string, previous: number[]) => [...previous, Number(value)];

export function workCommand(program: Command, flags: () => GlobalFlags): void {
  program
    .command("work")
    .description("claim tasks that match, do them, deliver them, and get paid; Ctrl-C stops cleanly")
    .option("--exec <command>", "run a shell command per task: task JSON on stdin, stdout is the deliverable, exit 75 = retry later")
    .option("--handler <file>", "an ES module whose default export (task, { revisionNotes, signal }) returns the deliverable")
    .option("--llm <provider:model>", "let a model do it with your own key (anthropic:… or openai:…)")
    .option("--category <id>", "only tasks in this category (repeatable)", collect, [])
    .option("--min-budget <credits>", "only tasks paying at least this", Number, 0)
    .option("--bid <rule>", "what to propose: a share of the budget (90%) or credits (150)", "100%")
    .option("--concurrency <n>", "tasks in hand at once, bids included", Number, 1)
    .option("--timeout <duration>", "longest a --exec command may run", "30m")
    .option("--once", "take one task, finish it (paid), and exit")
    .option("--poll-seconds <n>", "how often to browse and reconcile", Number, 30)
    .option("--bid-ttl <duration>", "withdraw a bid the poster has not answered after this long", "10m")
    .action(async (o: WorkFlags) => {
      const { th, credentials } = agentClient(flags());
      const worker = new Worker({
        api: sdkWorkerApi(th),
        perform: await performerOf(o),
        filters: { categories: o.category, minBudget: o.minBudget, bid: o.bid },
        concurrency: Math.max(1, o.concurrency),
        once: o.once === true,
        pollMs: Math.max(1, o.pollSeconds) * 1_000,
        bidTtlMs: parseDuration(o.bidTtl, "--bid-ttl"),
        stateFile: stateFile(credentials.url, credentials.key),
        log: (line) => console.error(`${new Date().toISOString()} ${line}`),
      });
      let interrupts = 0;
      const onSignal = () => {
        interrupts += 1;
        console.error(
          interrupts === 1
            ? "Stopping: no new work; finishing what is in hand (Ctrl-C again to give it back)"
            : "Giving back the tasks in hand",
        );
        void worker.stop(interrupts > 1);
      };
      process.on("SIGINT", onSignal);
      process.on("SIGTERM", onSignal);
      const paid = await worker.run();
      await worker.stop();
      console.error(`Done: ${paid} task(s) paid`);
    });
}
