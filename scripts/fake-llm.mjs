// A local stand-in for the reviewer's LLM providers, so the whole review flow runs with no key
// and no network: it speaks the Anthropic Messages API (POST /v1/messages) and the OpenAI Chat
// Completions API (POST /v1/chat/completions, also what OpenRouter speaks), and answers with the
// forced tool call it is asked for: the reviewer's verdict (`submit_verdict`), or the swarm's plan
// (`submit_plan`), replacement part (`submit_fix`) and merged deliverable (`submit_merge`), all
// read from the prompt as a model would. No dependencies: `node scripts/fake-llm.mjs`.
//
//   FAKE_LLM_PORT       port to listen on (default 8788)
//   FAKE_LLM_VERDICT    auto (default): FAIL when the deliverable is shorter than
//                       FAKE_LLM_MIN_CHARS characters, else PASS; or pass, fail, prose (answers
//                       in prose instead of the tool, which the reviewer counts as FAIL), error
//                       (HTTP 500 every time, so the review ends as error and the poster decides)
//   FAKE_LLM_MIN_CHARS  the length threshold for auto (default 200)
//   FAKE_LLM_PLAN       auto (default): a plan of up to four parts from the task (its requirement
//                       lines, else the clauses of its description, else three generic parts),
//                       all independent but the last, which combines them; about 80% of the
//                       credits available, the rest left for fixes; or infeasible
//   FAKE_LLM_FIX        auto (default): the failed part again, clarified, at its old budget or
//                       the credits available if fewer; or infeasible
//
// The swarm's answers ignore FAKE_LLM_VERDICT, except error (HTTP 500 for every request).
//
// A request that offers no tools is a worker's (`taskhive work --llm`): it answers the task in
// prose, quoting its title and any revision notes, long enough to pass the auto review.
//
// Point the Worker at it (see README, "Reviewer"):
//   ANTHROPIC_BASE_URL=http://127.0.0.1:8788   OPENAI_BASE_URL=http://127.0.0.1:8788/v1
import { createServer } from "node:http";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

const port = Number(process.env.FAKE_LLM_PORT ?? 8788);
const mode = (process.env.FAKE_LLM_VERDICT ?? "auto").toLowerCase();
const minChars = Number(process.env.FAKE_LLM_MIN_CHARS ?? 200);
const planMode = (process.env.FAKE_LLM_PLAN ?? "auto").toLowerCase();
const fixMode = (process.env.FAKE_LLM_FIX ?? "auto").toLowerCase();

/** The deliverable and the number of requirements, read from the prompt as a model would. */
function readPrompt(system, user) {
  const tag = /<(deliverable-[0-9a-f]+)>/.exec(system)?.[1];
  const start = tag ? user.indexOf(`<${tag}>`) : -1;
  const end = tag ? user.lastIndexOf(`</${tag}>`) : -1;
  const deliverable = start >= 0 && end > start ? user.slice(start + tag.length + 2, end).trim() : "";
  const requirements = /Requirements:\n([\s\S]*?)\n\n/.exec(user)?.[1] ?? "";
  const total = Math.max(1, requirements.split("\n").filter((line) => line.trim() && !line.startsWith("(none")).length);
  return { deliverable, total };
}

function verdictFor({ deliverable, total }) {
  const pass = mode === "pass" || (mode === "auto" && deliverable.length >= minChars);
  const feedback = pass
    ? `Fake reviewer: all ${total} requirement(s) judged met (${deliverable.length} characters).`
    : mode === "fail"
      ? "Fake reviewer: FAKE_LLM_VERDICT=fail, so this submission fails."
      : `Fake reviewer: the deliverable has ${deliverable.length} characters; at least ${minChars} are expected. Expand it and resubmit.`;
  const score = pass ? 9 : 4;
  return {
    verdict: pass ? "pass" : "fail",
    requirements_met: pass ? total : total - 1,
    requirements_total: total,
    quality_score: score,
    completeness_score: score,
    correctness_score: score,
    feedback,
  };
}

/** Roughly four characters a token, so usage and cost estimates have something to show. */
const tokens = (text) => Math.ceil(text.length / 4);

/** A worker's answer: the task's title, the revision asked for if any, and enough text to pass review. */
function workFor(user) {
  const title = /Title: (.*)/.exec(user)?.[1] ?? "the task";
  const revision = /asked for a revision of your previous answer:\n([\s\S]*)$/.exec(user)?.[1]?.trim();
  const lines = [`Fake worker's deliverable for "${title}".`];
  if (revision) lines.push(`Revised as asked: ${revision}`);
  lines.push("This text stands in for a model's work, so the whole worker loop runs with no key and no network.".repeat(3));
  return lines.join("\n\n");
}

// The swarm's calls (src/domain/swarm/prompts.ts): each answer fits the tool's schema
// (src/domain/swarm/answers.ts: titles 5–200 characters, descriptions 20–5,000, 1–10 criteria of
// at most 500, budgets of at least 10 credits, keys of lowercase letters, digits and dashes).

/** The smallest budget a part may carry (MIN_TASK_BUDGET). */
const MIN_PART = 10;
/** Share of the credits available a plan spends; the rest is left for fixes. */
const PLAN_SHARE = 0.8;

const clip = (text, max) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);
const capitalised = (text) => text.charAt(0).toUpperCase() + text.slice(1);

/** The task as the planner's and fixer's prompts state it. */
function readTask(user) {
  const title = /Task title:\n(.*)/.exec(user)?.[1]?.trim() ?? "the task";
  const description = /Task description:\n([\s\S]*?)\n\nRequirements:\n/.exec(user)?.[1]?.trim() ?? "";
  const requirements = /Requirements:\n([\s\S]*?)(?:\n\n|$)/.exec(user)?.[1] ?? "";
  return { title, description, requirements: requirements.startsWith("(none") ? "" : requirements };
}

/** The untrusted data blocks of a prompt, in order: the nonce is stated in the system prompt. */
function dataBlocks(system, user) {
  const nonce = /<data-([0-9a-f]+)>/.exec(system)?.[1];
  if (!nonce) return [];
  const blocks = [];
  const open = `<data-${nonce}>\n`;
  const close = `\n</data-${nonce}>`;
  let at = user.indexOf(open);
  while (at >= 0) {
    const end = user.indexOf(close, at + open.length);
    if (end < 0) break;
    blocks.push({ before: user.slice(0, at), text: user.slice(at + open.length, end) });
    at = user.indexOf(open, end + close.length);
  }
  return blocks;
}

/** What the task asks for, as separate pieces of work: its requirement lines, else its description's clauses. */
function piecesOf(task) {
  const lines = task.requirements
    .split("\n")
    .map((line) => line.replace(/^\s*(?:\d+[.)]|[-*•])\s*/, "").trim())
    .filter((line) => line.length >= 3);
  if (lines.length >= 2) return lines.slice(0, 3);
  const clauses = task.description
    .replace(/[.!?]+\s*$/, "")
    .split(/\s*[,;:]\s*(?:and\s+)?|\.\s+|\s+and\s+/i)
    .map((clause) => clause.trim())
    .filter((clause) => clause.length >= 3);
  if (clauses.length >= 2) return clauses.slice(0, 3);
  return ["research the background and the facts", "write the main body", "gather examples and evidence"];
}

/** Words that make a key longer, not clearer. */
const FILLER = new Set(["a", "an", "and", "for", "in", "of", "on", "the", "to", "with"]);

/** A short key from the words of `text` (whole words, at most 24 characters), unique among `taken`. */
function keyOf(text, taken) {
  const words = text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const kept = [];
  for (const word of words) {
    if ([...kept, word].join("-").length > 24) break;
    kept.push(word);
  }
  while (kept.length > 1 && FILLER.has(kept.at(-1))) kept.pop();
  const base = kept.join("-") || words[0]?.slice(0, 24) || "part";
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
  taken.add(key);
  return key;
}

/** The planner's answer: a few independent parts and one that combines them, within the credits available. */
export function planFor(user) {
  const task = readTask(user);
  const spare = Number(/Credits available for parts: (\d+)/.exec(user)?.[1] ?? 0);
  if (planMode === "infeasible")
    return { feasible: false, reason: "Fake planner: FAKE_LLM_PLAN=infeasible, so this task is declared not feasible.", parts: [] };
  if (spare < MIN_PART)
    return { feasible: false, reason: `Fake planner: ${spare} credits cannot pay even one part of ${MIN_PART}.`, parts: [] };
  const target = Math.max(MIN_PART, Math.floor(spare * PLAN_SHARE));
  let pieces = piecesOf(task);
  // Each part gets at least MIN_PART credits: fewer pieces when the credits are short.
  while (pieces.length > 0 && Math.floor(target / (pieces.length + 1)) < MIN_PART) pieces = pieces.slice(0, -1);
  const taken = new Set();
  const independent = pieces.map((piece, i) => ({
    key: keyOf(piece, taken),
    title: clip(`Part ${i + 1}: ${capitalised(piece)}`, 200),
    description: clip(
      `For "${task.title}": ${piece}. Deliver this part on its own, as a complete section the final result can use as it is.`,
      5000,
    ),
    acceptance_criteria: [clip(`Delivers: ${piece}`, 500), "Complete and self-contained: readable without the other parts"],
  }));
  const combine = {
    key: keyOf(independent.length > 0 ? "combine" : "whole-task", taken),
    title: clip(independent.length > 0 ? `Combine the parts of ${task.title}` : `Do all of ${task.title}`, 200),
    description: clip(
      independent.length > 0
        ? `For "${task.title}": bring the results of the other parts together into a conclusion that draws on each of them.`
        : `Do the whole task "${task.title}": ${task.description || "as its title says"}`,
      5000,
    ),
    acceptance_criteria:
      independent.length > 0
        ? ["Draws on every earlier part", "Ends with a clear conclusion"]
        : [clip(`Meets the task as described: ${task.title}`, 500)],
  };
  const parts = [...independent, combine];
  const each = Math.floor(target / parts.length);
  const budgets = parts.map((_, i) => (i === parts.length - 1 ? target - each * (parts.length - 1) : each));
  const planned = parts.map((part, i) => ({
    ...part,
    budget_credits: budgets[i],
    depends_on: part === combine ? independent.map((p) => p.key) : [],
  }));
  const left = spare - target;
  return {
    feasible: true,
    reason: `Fake planner: ${independent.length} part(s) in parallel, then one that combines them; ${target} of ${spare} credits, ${left} left for fixes.`,
    parts: planned,
  };
}

/** The fixer's answer: the failed part again, with clearer criteria, within the credits available. */
export function fixFor(system, user) {
  const failed =
    /Failed part "([^"]+)": (.*)\n([\s\S]*?)\nAcceptance criteria:\n([\s\S]*?)\nBudget it had: (\d+) credits\. Credits available for the replacement: (\d+)\./.exec(
      user,
    );
  if (!failed) return { feasible: false, reason: "Fake fixer: the prompt names no failed part.", part: null };
  const [, key, title, description, criteriaText, had, available] = failed;
  if (fixMode === "infeasible") return { feasible: false, reason: "Fake fixer: FAKE_LLM_FIX=infeasible.", part: null };
  const budget = Math.min(Number(had), Number(available));
  if (budget < MIN_PART)
    return { feasible: false, reason: `Fake fixer: ${available} credits cannot pay a replacement of at least ${MIN_PART}.`, part: null };
  const why = dataBlocks(system, user).at(-1)?.text.trim() ?? "";
  const criteria = criteriaText
    .split("\n")
    .map((line) => line.replace(/^- /, "").trim())
    .filter(Boolean)
    .slice(0, 9);
  return {
    feasible: true,
    reason: `Fake fixer: part "${key}" again, scoped more clearly, for ${budget} credits.`,
    part: {
      title: clip(title.startsWith("Redo: ") ? title : `Redo: ${title}`, 200),
      description: clip(
        `${description.trim()}\n\nAn earlier attempt at this part failed${why ? ` (its review said: "${clip(why.replace(/\s+/g, " "), 300)}")` : ""}. Meet every acceptance criterion in full and deliver complete, substantial work.`,
        5000,
      ),
      acceptance_criteria: [...(criteria.length > 0 ? criteria : [clip(title, 500)]), "Avoids what made the earlier attempt fail"],
      budget_credits: budget,
    },
  };
}

/** The merger's answer: the task's title, then each part's content under its title, in the prompt's order. */
export function mergeFor(system, user) {
  const task = readTask(user);
  const blocks = dataBlocks(system, user);
  const sections = [];
  let notes = null;
  for (const { before, text } of blocks) {
    const heading = before.trimEnd().split("\n").at(-1) ?? "";
    const part = /^Part "[^"]+": (.*)$/.exec(heading);
    if (part) sections.push(`## ${part[1].trim()}\n\n${text.trim()}`);
    else if (/sent back with these notes/.test(heading)) notes = text.trim();
  }
  const lines = [`# ${task.title}`, ...(sections.length > 0 ? sections : ["(The prompt carried no part results.)"])];
  if (notes) lines.push(`## Revision\n\nThis merge addresses the notes on the previous one: ${notes}`);
  return { content: clip(lines.join("\n\n"), 50_000) };
}

const SWARM_TOOLS = new Set(["submit_plan", "submit_fix", "submit_merge"]);

/** The forced swarm tool's answer and a line for the log. */
function swarmAnswer(tool, system, user) {
  if (tool === "submit_plan") {
    const plan = planFor(user);
    const total = plan.parts.reduce((sum, part) => sum + part.budget_credits, 0);
    return {
      input: plan,
      summary: plan.feasible ? `plan: ${plan.parts.length} parts, ${total} credits` : `plan: not feasible (${plan.reason})`,
    };
  }
  if (tool === "submit_fix") {
    const fix = fixFor(system, user);
    return {
      input: fix,
      summary: fix.part ? `fix: "${fix.part.title}" for ${fix.part.budget_credits} credits` : `fix: not feasible (${fix.reason})`,
    };
  }
  const merge = mergeFor(system, user);
  return { input: merge, summary: `merge: ${merge.content.length} characters` };
}

function anthropic(body) {
  const system = typeof body.system === "string" ? body.system : "";
  const user = body.messages?.find((m) => m.role === "user")?.content ?? "";
  if (!body.tools) {
    const text = workFor(user);
    const usage = { input_tokens: tokens(system + user), output_tokens: tokens(text) };
    const answer = {
      id: "msg_fake",
      type: "message",
      role: "assistant",
      model: body.model,
      content: [{ type: "text", text }],
      stop_reason: "end_turn",
      stop_sequence: null,
      usage,
    };
    return { verdict: { verdict: "work", feedback: title(user) }, answer };
  }
  const tool = body.tool_choice?.name ?? "submit_verdict";
  if (SWARM_TOOLS.has(tool)) {
    const { input, summary } = swarmAnswer(tool, system, user);
    const content = [{ type: "tool_use", id: "toolu_fake", name: tool, input }];
    const usage = { input_tokens: tokens(system + user), output_tokens: tokens(JSON.stringify(input)) };
    const answer = {
      id: "msg_fake",
      type: "message",
      role: "assistant",
      model: body.model,
      content,
      stop_reason: "tool_use",
      stop_sequence: null,
      usage,
    };
    return { summary, answer };
  }
  const verdict = verdictFor(readPrompt(system, user));
  const content =
    mode === "prose"
      ? [{ type: "text", text: `Verdict: ${verdict.verdict.toUpperCase()}` }]
      : [{ type: "tool_use", id: "toolu_fake", name: tool, input: verdict }];
  const usage = { input_tokens: tokens(system + user), output_tokens: tokens(JSON.stringify(content)) };
  return {
    verdict,
    answer: {
      id: "msg_fake",
      type: "message",
      role: "assistant",
      model: body.model,
      content,
      stop_reason: mode === "prose" ? "end_turn" : "tool_use",
      stop_sequence: null,
      usage,
    },
  };
}

function openAi(body) {
  const system = body.messages?.find((m) => m.role === "system")?.content ?? "";
  const user = body.messages?.find((m) => m.role === "user")?.content ?? "";
  if (!body.tools) {
    const text = workFor(user);
    const prompt = tokens(system + user);
    const message = { role: "assistant", content: text };
    const answer = {
      id: "chatcmpl_fake",
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [{ index: 0, finish_reason: "stop", message }],
      usage: { prompt_tokens: prompt, completion_tokens: tokens(text), total_tokens: prompt + tokens(text) },
    };
    return { verdict: { verdict: "work", feedback: title(user) }, answer };
  }
  const tool = body.tool_choice?.function?.name ?? "submit_verdict";
  if (SWARM_TOOLS.has(tool)) {
    const { input, summary } = swarmAnswer(tool, system, user);
    const args = JSON.stringify(input);
    const message = {
      role: "assistant",
      content: null,
      tool_calls: [{ id: "call_fake", type: "function", function: { name: tool, arguments: args } }],
    };
    const prompt = tokens(system + user);
    const answer = {
      id: "chatcmpl_fake",
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [{ index: 0, finish_reason: "tool_calls", message }],
      usage: { prompt_tokens: prompt, completion_tokens: tokens(args), total_tokens: prompt + tokens(args) },
    };
    return { summary, answer };
  }
  const verdict = verdictFor(readPrompt(system, user));
  const message =
    mode === "prose"
      ? { role: "assistant", content: `Verdict: ${verdict.verdict.toUpperCase()}` }
      : {
          role: "assistant",
          content: null,
          tool_calls: [{ id: "call_fake", type: "function", function: { name: tool, arguments: JSON.stringify(verdict) } }],
        };
  const prompt = tokens(system + user);
  const completion = tokens(JSON.stringify(message));
  const answer = {
    id: "chatcmpl_fake",
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: body.model,
    choices: [{ index: 0, finish_reason: mode === "prose" ? "stop" : "tool_calls", message }],
    usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
  };
  return { verdict, answer };
}

const title = (user) => `worked on "${/Title: (.*)/.exec(user)?.[1] ?? "a task"}"`;

function send(res, status, body) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

/** The fake as an HTTP server (not listening yet): `node scripts/fake-llm.mjs` listens on FAKE_LLM_PORT. */
export function createFakeLlm({ log = (line) => console.log(line) } = {}) {
  return createServer((req, res) => {
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", () => {
      const path = new URL(req.url ?? "/", "http://fake").pathname;
      const speak = path.endsWith("/messages") ? anthropic : path.endsWith("/chat/completions") ? openAi : null;
      if (req.method !== "POST" || !speak)
        return send(res, 404, { error: { type: "not_found_error", message: `no fake for ${req.method} ${path}` } });
      if (mode === "error") {
        log(`${path}: answering 500 (FAKE_LLM_VERDICT=error)`);
        return send(res, 500, { type: "error", error: { type: "api_error", message: "fake provider error" } });
      }
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        return send(res, 400, { error: { type: "invalid_request_error", message: "body is not JSON" } });
      }
      const { verdict, summary, answer } = speak(body);
      // The request's key is never logged: it may be a real one pointed here by mistake.
      log(`${path} model=${body.model}: ${summary ?? `${mode === "prose" ? "prose" : verdict.verdict} (${verdict.feedback})`}`);
      send(res, 200, answer);
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  createFakeLlm().listen(port, "127.0.0.1", () => console.log(`fake LLM (${mode}) on http://127.0.0.1:${port}`));
}
