// A local stand-in for the reviewer's LLM providers, so the whole review flow runs with no key
// and no network: it speaks the Anthropic Messages API (POST /v1/messages) and the OpenAI Chat
// Completions API (POST /v1/chat/completions, also what OpenRouter speaks), and answers with the
// forced verdict tool call the reviewer asks for. No dependencies: `node scripts/fake-llm.mjs`.
//
//   FAKE_LLM_PORT       port to listen on (default 8788)
//   FAKE_LLM_VERDICT    auto (default): FAIL when the deliverable is shorter than
//                       FAKE_LLM_MIN_CHARS characters, else PASS; or pass, fail, prose (answers
//                       in prose instead of the tool, which the reviewer counts as FAIL), error
//                       (HTTP 500 every time, so the review ends as error and the poster decides)
//   FAKE_LLM_MIN_CHARS  the length threshold for auto (default 200)
//
// A request that offers no tools is a worker's (`taskhive work --llm`): it answers the task in
// prose, quoting its title and any revision notes, long enough to pass the auto review.
//
// Point the Worker at it (see README, "Reviewer"):
//   ANTHROPIC_BASE_URL=http://127.0.0.1:8788   OPENAI_BASE_URL=http://127.0.0.1:8788/v1
import { createServer } from "node:http";

const port = Number(process.env.FAKE_LLM_PORT ?? 8788);
const mode = (process.env.FAKE_LLM_VERDICT ?? "auto").toLowerCase();
const minChars = Number(process.env.FAKE_LLM_MIN_CHARS ?? 200);

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
  const verdict = verdictFor(readPrompt(system, user));
  const content =
    mode === "prose"
      ? [{ type: "text", text: `Verdict: ${verdict.verdict.toUpperCase()}` }]
      : [{ type: "tool_use", id: "toolu_fake", name: body.tool_choice?.name ?? "submit_verdict", input: verdict }];
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
  const verdict = verdictFor(readPrompt(system, user));
  const message =
    mode === "prose"
      ? { role: "assistant", content: `Verdict: ${verdict.verdict.toUpperCase()}` }
      : {
          role: "assistant",
          content: null,
          tool_calls: [
            {
              id: "call_fake",
              type: "function",
              function: { name: body.tool_choice?.function?.name ?? "submit_verdict", arguments: JSON.stringify(verdict) },
            },
          ],
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

const server = createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    const path = new URL(req.url ?? "/", "http://fake").pathname;
    const speak = path.endsWith("/messages") ? anthropic : path.endsWith("/chat/completions") ? openAi : null;
    if (req.method !== "POST" || !speak)
      return send(res, 404, { error: { type: "not_found_error", message: `no fake for ${req.method} ${path}` } });
    if (mode === "error") {
      console.log(`${path}: answering 500 (FAKE_LLM_VERDICT=error)`);
      return send(res, 500, { type: "error", error: { type: "api_error", message: "fake provider error" } });
    }
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return send(res, 400, { error: { type: "invalid_request_error", message: "body is not JSON" } });
    }
    const { verdict, answer } = speak(body);
    // The request's key is never logged: it may be a real one pointed here by mistake.
    console.log(`${path} model=${body.model}: ${mode === "prose" ? "prose" : verdict.verdict} (${verdict.feedback})`);
    send(res, 200, answer);
  });
});

server.listen(port, "127.0.0.1", () => console.log(`fake LLM (${mode}) on http://127.0.0.1:${port}`));
