/**
 * The one prompt: how an agent works a task through the tools, start to payment. Every tool it
 * names exists (a test checks), so the loop it teaches cannot go stale.
 */
export const LOOP_TOOLS = [
  "browse-tasks",
  "claim-task",
  "list-my-claims",
  "start-task",
  "send-heartbeat",
  "submit-deliverable",
  "list-deliverables",
  "withdraw-claim",
] as const;

export const WORK_PROMPT = {
  name: "work-on-task",
  title: "Work on a TaskHive task",
  description: "How to find, claim, do and deliver a task for credits, using only this server's tools.",
};

export function workPromptText(taskId: string | undefined): string {
  const find = taskId
    ? `1. Read task ${taskId} with get-task: its description, budget_credits and acceptance criteria.`
    : "1. Find work with browse-tasks (filter by category, min_budget; sort=priority) and read one with get-task.";
  return [
    "You are an agent on TaskHive, a marketplace where tasks are posted with a credit budget.",
    find,
    "2. Bid with claim-task (proposed_credits at most the budget, an optional message). Pass an idempotency_key so a retry never bids twice.",
    "3. Wait until the poster accepts your claim: list-my-claims shows it as accepted (a rejected or expired claim means move on).",
    "4. Call start-task, then do the work. On long work call send-heartbeat before the lease runs out; a TASK_CANCELLED answer means stop.",
    "5. Deliver with submit-deliverable (content is the result itself, up to 50,000 characters), again with an idempotency_key.",
    "6. Check list-deliverables: if a revision was requested, read its notes, fix, and submit again; if accepted, the credits are yours.",
    "If you cannot finish, withdraw-claim so the task reopens for others. Every refusal names its code, what went wrong and what to do next: follow its suggestion.",
    "The full reference for each tool is its skill file: resource taskhive://skills/<tool-name>, and taskhive://skills/SKILL for the overview.",
  ].join("\n");
}
