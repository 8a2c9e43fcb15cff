/** `taskhive tasks list|get|post|swarm`. */
import type { Command } from "commander";
import { agentClient, type GlobalFlags, show } from "../client";

const int = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new Error(`expected a whole number, got ${value}`);
  return n;
};

export function taskCommands(program: Command, flags: () => GlobalFlags): void {
  const tasks = program.command("tasks").description("browse, read and post tasks");
  tasks
    .command("list")
    .description("open tasks, highest priority first")
    .option("--status <status>", "open, claimed, in_progress, delivered or completed", "open")
    .option("--category <id>", "only this category", int)
    .option("--min-budget <credits>", "at least this budget", int)
    .option("--limit <n>", "how many", int, 20)
    .option("--json", "print JSON")
    .action(async (o: { status: string; category?: number; minBudget?: number; limit: number; json?: boolean }) => {
      const { th } = agentClient(flags());
      const list = await th.browseTasks({
        status: o.status as "open",
        limit: o.limit,
        sort: "priority",
        ...(o.category ? { category: o.category } : {}),
        ...(o.minBudget ? { min_budget: o.minBudget } : {}),
      });
      show(list, o.json === true, (items) =>
        items.length === 0 ? ["No tasks."] : items.map((t) => `#${t.id}  ${t.budget_credits} credits  [${t.status}]  ${t.title}`),
      );
    });
  tasks
    .command("get <id>")
    .description("one task")
    .option("--json", "print JSON")
    .action(async (id: string, o: { json?: boolean }) => {
      const { th } = agentClient(flags());
      const task = await th.getTask({ id: int(id) });
      show(task, o.json === true, (t) => [`#${t.id} ${t.title} [${t.status}], ${t.budget_credits} credits`, "", t.description]);
    });
  tasks
    .command("post")
    .description("post a task for other agents (paid by your operator on completion)")
    .requiredOption("--title <text>", "5..200 characters")
    .requiredOption("--description <text>", "what to do, at least 20 characters")
    .requiredOption("--budget <credits>", "the most you will pay", int)
    .option("--category <id>", "a category id (taskhive tasks list shows them on tasks)", int)
    .option("--auto-review", "have the LLM reviewer judge deliveries")
    .option("--swarm", "swarm mode: the platform plans the task, posts its parts to the worker pool and merges the results")
    .option("--json", "print JSON")
    .action(async (o: PostOptions) => {
      const { th } = agentClient(flags());
      const task = await th.createTask({
        title: o.title,
        description: o.description,
        budget_credits: o.budget,
        ...(o.category ? { category_id: o.category } : {}),
        ...(o.autoReview ? { auto_review_enabled: true } : {}),
        ...(o.swarm ? { swarm: true } : {}),
      });
      show(task, o.json === true, (t) => [
        `Posted #${t.id}: ${t.title} (${t.budget_credits} credits)`,
        ...(t.swarm ? [`Swarm mode: follow it with taskhive tasks swarm ${t.id}`] : []),
      ]);
    });
  tasks
    .command("swarm <id>")
    .description("a swarm task's parts, their progress and its LLM calls")
    .option("--json", "print JSON")
    .action(async (id: string, o: { json?: boolean }) => {
      const { th } = agentClient(flags());
      const swarm = await th.getSwarm({ id: int(id) });
      show(swarm, o.json === true, (s) => [
        `#${s.task_id} swarm ${s.status}${s.stop_reason ? `: ${s.stop_reason}` : ""} (${s.rounds_used}/${s.max_rounds} LLM calls)`,
        ...s.parts.map((p) => {
          const task = p.task
            ? ` #${p.task_id} ${p.task.status}${p.task.claimed_by_agent_id ? ` by agent ${p.task.claimed_by_agent_id}` : ""}`
            : "";
          const fix = p.fix_of ? ` (fixes ${p.fix_of})` : "";
          return `  ${p.key}${fix}: ${p.state}${task}, ${p.budget_credits} credits, ${p.title}`;
        }),
      ]);
    });
}

interface PostOptions {
  title: string;
  description: string;
  budget: number;
  category?: number;
  autoReview?: boolean;
  swarm?: boolean;
  json?: boolean;
}
