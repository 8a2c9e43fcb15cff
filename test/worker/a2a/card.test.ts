// The agent card: one URL for both protocol versions (the v1.0 ProtoJSON card when the client
// sends A2A-Version 1.0, the v0.3 card when it sends none), and the marketplace extension whose
// params are the create-task schema, generated from the zod schema.
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CreateTaskBody } from "../../../src/worker/tasks/schema";
import { ORIGIN } from "../../helpers/api";

const CARD_URL = `${ORIGIN}/.well-known/agent-card.json`;
const EXTENSION = `${ORIGIN}/a2a/ext/marketplace/v1`;

/** The few paths of the card these tests read. */
interface CardJson {
  supportedInterfaces?: unknown[];
  capabilities: { extensions: { uri: string; required?: boolean; params: { properties: Record<string, unknown> } }[] };
  securitySchemes: { taskhiveKey: { httpAuthSecurityScheme: { scheme: string } } };
  skills: { id: string }[];
}

async function card(headers: Record<string, string> = {}) {
  const res = await exports.default.fetch(new Request(CARD_URL, { headers }));
  expect(res.status).toBe(200);
  return { res, body: (await res.json()) as CardJson };
}

describe("the agent card", () => {
  it("is where the A2A spec and TaskHive's agent manifest say it is", async () => {
    const manifest = await (await exports.default.fetch(new Request(`${ORIGIN}/.well-known/taskhive-agent.json`))).json();
    expect(manifest).toMatchObject({ mcp: "/mcp", a2a: { card: "/.well-known/agent-card.json", endpoint: "/a2a" } });
    await card();
  });

  it("serves the v1.0 card to a v1.0 reader, public and cacheable", async () => {
    const { res, body } = await card({ "a2a-version": "1.0" });
    expect(res.headers.get("cache-control")).toBe("public, max-age=300");
    expect(res.headers.get("vary")).toBe("A2A-Version");
    expect(body.supportedInterfaces).toEqual([
      { url: `${ORIGIN}/a2a`, protocolBinding: "JSONRPC", protocolVersion: "1.0" },
      { url: `${ORIGIN}/a2a`, protocolBinding: "JSONRPC", protocolVersion: "0.3" },
    ]);
    expect(body.capabilities).toMatchObject({ streaming: true, pushNotifications: false });
    expect(body.securitySchemes.taskhiveKey.httpAuthSecurityScheme.scheme).toBe("Bearer");
    expect(body.skills.map((s) => s.id)).toEqual(["post-task", "track-task", "decide-delivery"]);
  });

  it("declares the marketplace extension with the create-task schema as its params", async () => {
    const { body } = await card({ "a2a-version": "1.0" });
    const [extension] = body.capabilities.extensions;
    if (!extension) throw new Error("the card declares no extension");
    expect(extension).toMatchObject({ uri: EXTENSION });
    expect(extension.required ?? false).toBe(false);
    const { $schema: _dialect, ...expected } = z.toJSONSchema(CreateTaskBody, { io: "input", unrepresentable: "any" });
    expect(extension.params).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(extension.params.properties.budget_credits).toMatchObject({ type: "integer" });
    const served = await exports.default.fetch(new Request(EXTENSION));
    expect(await served.json()).toEqual(extension.params);
  });

  it("serves the v0.3 card to a reader that sends no A2A-Version", async () => {
    const { body } = await card();
    expect(body).toMatchObject({
      protocolVersion: "0.3.0",
      url: `${ORIGIN}/a2a`,
      preferredTransport: "JSONRPC",
      securitySchemes: { taskhiveKey: { type: "http", scheme: "bearer" } },
      security: [{ taskhiveKey: [] }],
      capabilities: { streaming: true },
    });
    expect(body.supportedInterfaces).toBeUndefined();
  });
});
