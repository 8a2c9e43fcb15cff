/**
 * Fake LLM providers speaking the real wire formats (Anthropic Messages, OpenAI Chat
 * Completions), installed as a spy on the isolate's fetch: the real SDKs run unchanged and
 * their HTTP requests are answered here, with no network. Each fake decides its verdict from the
 * request, like a model would.
 */
import { type MockInstance, vi } from "vitest";

export interface SeenRequest {
  url: string;
  headers: Headers;
  body: Record<string, unknown>;
}

export type Responder = (request: SeenRequest) => Response | Promise<Response>;

// One spy for every fake: requests go to the responder registered for their host, others pass.
const responders = new Map<string, (request: Request) => Promise<Response>>();
let spy: MockInstance<typeof fetch> | null = null;

/** Answers requests to `host` with `respond` (recording them) until `restore()`. */
export function fakeProvider(host: string, respond: Responder) {
  const seen: SeenRequest[] = [];
  responders.set(host, async (request) => {
    const entry = { url: request.url, headers: request.headers, body: (await request.json()) as Record<string, unknown> };
    seen.push(entry);
    return respond(entry);
  });
  if (!spy) {
    const realFetch = globalThis.fetch;
    spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      const request = new Request(input, init);
      const responder = responders.get(new URL(request.url).host);
      return responder ? responder(request) : realFetch(input, init);
    });
  }
  return {
    seen,
    restore: () => {
      responders.delete(host);
      if (responders.size === 0 && spy) {
        spy.mockRestore();
        spy = null;
      }
    },
  };
}

export function anthropicToolAnswer(input: unknown, usage = { input_tokens: 1200, output_tokens: 90 }, tool = "submit_verdict"): Response {
  return Response.json({
    id: "msg_fake",
    type: "message",
    role: "assistant",
    model: "claude-fake",
    content: [{ type: "tool_use", id: "toolu_1", name: tool, input }],
    stop_reason: "tool_use",
    stop_sequence: null,
    usage,
  });
}

export function anthropicText(text: string): Response {
  return Response.json({
    id: "msg_fake",
    type: "message",
    role: "assistant",
    model: "claude-fake",
    content: [{ type: "text", text }],
    stop_reason: "end_turn",
    stop_sequence: null,
    usage: { input_tokens: 1000, output_tokens: 20 },
  });
}

export function openAiToolAnswer(args: string, usage = { prompt_tokens: 1100, completion_tokens: 80, total_tokens: 1180 }): Response {
  return Response.json({
    id: "chatcmpl_fake",
    object: "chat.completion",
    created: 1,
    model: "gpt-fake",
    choices: [
      {
        index: 0,
        finish_reason: "tool_calls",
        message: {
          role: "assistant",
          content: null,
          tool_calls: [{ id: "call_1", type: "function", function: { name: "submit_verdict", arguments: args } }],
        },
      },
    ],
    usage,
  });
}

export function providerError(status: number): Response {
  return Response.json({ type: "error", error: { type: "api_error", message: `fake ${status}` } }, { status });
}
