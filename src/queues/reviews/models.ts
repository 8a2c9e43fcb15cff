/**
 * The LLM providers behind the reviewer, through their official SDKs: Anthropic with
 * `@anthropic-ai/sdk`, OpenAI and OpenRouter with `openai` (OpenRouter at its base URL). Base
 * URLs come from configuration so a gateway (or a local fake) can stand in. The SDKs retry 429
 * and 5xx with backoff on their own; what still fails after that reaches the caller as an error.
 * Every provider is asked for its answer (the reviewer's verdict, the swarm's plan or merge) as a
 * forced tool call, so the answer is structured.
 */
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import type { LlmProvider, Prompt } from "../../domain/llm";
import { type ReviewSubject, reviewPrompt, VERDICT_JSON_SCHEMA, VERDICT_TOOL } from "../../domain/reviews/prompt";

export interface ModelConfig {
  provider: LlmProvider;
  apiKey: string;
  model: string;
  /** Null: the provider's public endpoint. */
  baseUrl: string | null;
  timeoutMs: number;
  maxRetries: number;
}

export interface ModelAnswer {
  /** The tool call's arguments, or null when the model answered anything else. */
  answer: unknown;
  model: string;
  usage: { inputTokens: number; outputTokens: number } | null;
}

/** The one tool the model must call, with the JSON Schema of its input. */
export interface ForcedTool {
  name: string;
  description: string;
  schema: Record<string, unknown>;
}

const VERDICT: ForcedTool = {
  name: VERDICT_TOOL,
  description: "Record the review verdict for the deliverable.",
  schema: VERDICT_JSON_SCHEMA,
};

export async function evaluate(config: ModelConfig, subject: ReviewSubject, nonce: string): Promise<ModelAnswer> {
  return askForTool(config, reviewPrompt(subject, nonce), VERDICT);
}

/**
 * Asks the model, which must answer by calling `tool`; its arguments are the answer. `maxTokens`
 * bounds Anthropic's answer (OpenAI's reasoning models count their thinking against theirs, so
 * none is set there).
 */
export function askForTool(config: ModelConfig, prompt: Prompt, tool: ForcedTool, maxTokens = 1024): Promise<ModelAnswer> {
  return config.provider === "anthropic" ? askAnthropic(config, prompt, tool, maxTokens) : askOpenAiCompatible(config, prompt, tool);
}

async function askAnthropic(config: ModelConfig, prompt: Prompt, tool: ForcedTool, maxTokens: number): Promise<ModelAnswer> {
  const client = new Anthropic({
    apiKey: config.apiKey,
    baseURL: config.baseUrl,
    timeout: config.timeoutMs,
    maxRetries: config.maxRetries,
  });
  const message = await client.messages.create({
    model: config.model,
    max_tokens: maxTokens,
    system: prompt.system,
    messages: [{ role: "user", content: prompt.user }],
    tools: [{ name: tool.name, description: tool.description, input_schema: { ...tool.schema, type: "object" } }],
    tool_choice: { type: "tool", name: tool.name },
  });
  const call = message.content.find((block) => block.type === "tool_use" && block.name === tool.name);
  return {
    answer: call && call.type === "tool_use" ? call.input : null,
    model: message.model,
    usage: { inputTokens: message.usage.input_tokens, outputTokens: message.usage.output_tokens },
  };
}

async function askOpenAiCompatible(config: ModelConfig, prompt: Prompt, tool: ForcedTool): Promise<ModelAnswer> {
  const client = new OpenAI({
    apiKey: config.apiKey,
    baseURL: config.baseUrl ?? (config.provider === "openrouter" ? "https://openrouter.ai/api/v1" : undefined),
    timeout: config.timeoutMs,
    maxRetries: config.maxRetries,
  });
  const completion = await client.chat.completions.create({
    model: config.model,
    messages: [
      { role: "system", content: prompt.system },
      { role: "user", content: prompt.user },
    ],
    tools: [{ type: "function", function: { name: tool.name, description: tool.description, parameters: tool.schema, strict: true } }],
    tool_choice: { type: "function", function: { name: tool.name } },
  });
  const call = completion.choices[0]?.message.tool_calls?.find((c) => c.type === "function" && c.function.name === tool.name);
  return {
    answer: call && call.type === "function" ? parseArguments(call.function.arguments) : null,
    model: completion.model,
    usage: completion.usage ? { inputTokens: completion.usage.prompt_tokens, outputTokens: completion.usage.completion_tokens } : null,
  };
}

/** Tool arguments arrive as a JSON string; anything unparsable is no answer (a FAIL later). */
function parseArguments(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
