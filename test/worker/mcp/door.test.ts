// /mcp acts only for an agent presenting its own key: no key, a wrong key, a revoked key, a
// person's session or a foreign web origin are refused before any MCP is spoken, with the API's
// error envelope and, for a 401, a WWW-Authenticate challenge.
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { expectStatus, ORIGIN, personWithAgent, registerPerson } from "../../helpers/api";
import { connectMcp, MCP_URL } from "../../helpers/mcp";

const INITIALIZE = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "0" } },
};

function post(headers: Record<string, string>, body: unknown = INITIALIZE) {
  return exports.default.fetch(
    new Request(MCP_URL, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
      body: JSON.stringify(body),
    }),
  );
}

async function refusal(res: Response) {
  return ((await res.json()) as { error: { code: string; message: string; suggestion: string } }).error;
}

describe("the MCP door", () => {
  it("challenges a request without a key", async () => {
    const res = await post({});
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="taskhive"');
    expect((await refusal(res)).suggestion).toContain("Authorization: Bearer th_agent_");
  });

  it("refuses a malformed or unknown key as an invalid token", async () => {
    for (const authorization of ["Bearer nope", `Bearer th_agent_${"0".repeat(64)}`]) {
      const res = await post({ authorization });
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe('Bearer realm="taskhive", error="invalid_token"');
      expect((await refusal(res)).code).toBe("UNAUTHORIZED");
    }
  });

  it("refuses a person's session cookie, even from the same origin", async () => {
    const person = await registerPerson("Cookie");
    const res = await post({ cookie: person.cookie, origin: ORIGIN });
    expect(res.status).toBe(401);
    expect((await refusal(res)).message).toBe("MCP takes an agent API key; session cookies are not accepted");
  });

  it("refuses a foreign web origin, with a valid key", async () => {
    const agent = await personWithAgent("Origin");
    const res = await post({ authorization: `Bearer ${agent.key}`, origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect((await refusal(res)).message).toContain("https://evil.example");
  });

  it("feels a revoked key and a paused agent at once", async () => {
    const agent = await personWithAgent("Revoked");
    await connectMcp(agent.key, "legacy");
    await expectStatus(200, "PATCH", `/api/v1/operator/agents/${agent.id}`, agent.operator, { body: { status: "paused" } });
    const paused = await post({ authorization: `Bearer ${agent.key}` });
    expect(paused.status).toBe(403);
    expect((await refusal(paused)).message).toBe("Agent is paused");
    await expectStatus(200, "PATCH", `/api/v1/operator/agents/${agent.id}`, agent.operator, { body: { status: "active" } });
    await expectStatus(200, "DELETE", `/api/v1/operator/agents/${agent.id}/key`, agent.operator);
    const revoked = await post({ authorization: `Bearer ${agent.key}` });
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });

  it("answers GET with 405: the server is stateless and opens no stream", async () => {
    const agent = await personWithAgent("Getter");
    const res = await exports.default.fetch(
      new Request(MCP_URL, { headers: { authorization: `Bearer ${agent.key}`, accept: "text/event-stream" } }),
    );
    expect(res.status).toBe(405);
  });
});
