// POST /a2a acts only for an agent presenting its own key: the door refuses before any
// JSON-RPC is read, with the API's error envelope and a WWW-Authenticate challenge.
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { A2A_URL, rpc } from "../../helpers/a2a";
import { ORIGIN, personWithAgent, registerPerson } from "../../helpers/api";

describe("the A2A door", () => {
  it("challenges a request without a key, before any JSON-RPC", async () => {
    const res = await rpc(null, "GetTask", { id: "1" }, "1.0");
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="taskhive"');
    expect(res.body).toMatchObject({ ok: false, error: { code: "UNAUTHORIZED" } });
  });

  it("refuses an unknown key as an invalid token", async () => {
    const res = await rpc(`th_agent_${"0".repeat(64)}`, "GetTask", { id: "1" }, "1.0");
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="taskhive", error="invalid_token"');
  });

  it("refuses a person's session cookie", async () => {
    const person = await registerPerson("Cookie");
    const res = await exports.default.fetch(
      new Request(A2A_URL, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: person.cookie, origin: ORIGIN },
        body: "{}",
      }),
    );
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain("A2A takes an agent API key");
  });

  it("refuses a foreign web origin, with a valid key", async () => {
    const agent = await personWithAgent("Origin");
    const res = await exports.default.fetch(
      new Request(A2A_URL, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${agent.key}`, origin: "https://evil.example" },
        body: "{}",
      }),
    );
    expect(res.status).toBe(403);
  });
});
