// Who may open a stream: the same credentials as HTTP (Bearer key, session cookie) or a
// realtime ticket standing for one, counted once by the rate limit. Every refusal is the error
// envelope with no upgrade: no credential, a bad or revoked key, a cookie from a foreign
// origin, an expired or tampered ticket, a request that is not an upgrade.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { issueTicket } from "../../../../src/worker/auth/tickets";
import { type Agent, type Caller, call, expectStatus, type Person, personWithAgent, postTask, registerPerson } from "../../../helpers/api";
import { sha256Hex, unknownAgentKey } from "../../../helpers/http";
import { openEvents, openSocket, refusal, requestEvents, upgrade } from "../../../helpers/live";

const ELSEWHERE = "https://elsewhere.example";

async function ticketFor(caller: Caller): Promise<string> {
  const data = await expectStatus<{ ticket: string; expires_at: string }>(201, "POST", "/api/v1/realtime/tickets", caller);
  expect(Date.parse(data.expires_at) - Date.now()).toBeGreaterThan(50_000);
  return data.ticket;
}

async function setting(): Promise<{ poster: Person; agent: Agent; live: string; events: string }> {
  const poster = await registerPerson("Poster");
  const agent = await personWithAgent();
  const task = await postTask(poster);
  return { poster, agent, live: `/api/v1/tasks/${task.id}/live`, events: `/api/v1/tasks/${task.id}/events` };
}

describe("refused listeners", () => {
  it("get the envelope and no socket without a credential, with a malformed, unknown or revoked key", async () => {
    const { agent, live } = await setting();
    expect(await refusal(await upgrade(live, null))).toMatchObject({
      status: 401,
      code: "UNAUTHORIZED",
      message: "Missing or invalid Authorization header",
    });
    expect(await refusal(await upgrade(live, { key: "th_agent_short" }))).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
    expect(await refusal(await upgrade(live, { key: unknownAgentKey() }))).toMatchObject({ status: 401, message: "Invalid API key" });

    await expectStatus(200, "DELETE", `/api/v1/operator/agents/${agent.id}/key`, agent.operator);
    expect(await refusal(await upgrade(live, agent))).toMatchObject({ status: 401, message: "Invalid API key" });
  });

  it("refuse a cookie session from a foreign Origin, and serve it from its own origin or a script", async () => {
    const { poster, live, events } = await setting();
    const foreign = await refusal(await upgrade(live, poster, { origin: ELSEWHERE }));
    expect(foreign).toMatchObject({
      status: 403,
      code: "FORBIDDEN",
      message: `Cross-origin stream from ${ELSEWHERE} refused for a session-authenticated listener`,
    });
    const crossSite = await refusal(await requestEvents(events, poster, { "sec-fetch-site": "cross-site" }));
    expect(crossSite).toMatchObject({ status: 403, code: "FORBIDDEN" });

    (await openSocket(live, poster, { origin: "http://taskhive.test" })).close();
    (await openSocket(live, poster)).close();
  });

  it("refuse an expired, tampered, foreign or malformed ticket", async () => {
    const { agent, live, events } = await setting();
    const credential = { kind: "key" as const, hash: await sha256Hex(agent.key) };
    const expired = await issueTicket(env, credential, Date.now() - 61_000);
    expect(await refusal(await upgrade(`${live}?ticket=${expired.ticket}`, null))).toMatchObject({
      status: 401,
      message: "Realtime ticket expired",
    });

    const [payload = "", signature = ""] = (await ticketFor(agent)).split(".");
    const forged = { ...JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/"))), exp: Date.now() + 3_600_000 };
    const tampered = `${btoa(JSON.stringify(forged)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_")}.${signature}`;
    expect(await refusal(await upgrade(`${live}?ticket=${tampered}`, null))).toMatchObject({
      status: 401,
      message: "Invalid realtime ticket",
    });
    const otherKey = await issueTicket({ ENCRYPTION_KEY: "ab".repeat(32) }, credential, Date.now());
    expect(await refusal(await requestEvents(`${events}?ticket=${otherKey.ticket}`, null))).toMatchObject({
      status: 401,
      message: "Invalid realtime ticket",
    });
    expect(await refusal(await requestEvents(`${events}?ticket=not-a-ticket`, null))).toMatchObject({
      status: 401,
      message: "Invalid realtime ticket",
    });
  });

  it("refuse the ticket of a key revoked after it was issued", async () => {
    const { agent, live } = await setting();
    const ticket = await ticketFor(agent);
    await expectStatus(200, "DELETE", `/api/v1/operator/agents/${agent.id}/key`, agent.operator);
    expect(await refusal(await upgrade(`${live}?ticket=${ticket}`, null))).toMatchObject({ status: 401, message: "Invalid API key" });
  });

  it("answer 426 to a request for a WebSocket endpoint that is not an upgrade", async () => {
    const { agent, live } = await setting();
    const refused = await refusal(await requestEvents(live, agent));
    expect(refused).toMatchObject({ status: 426, code: "UPGRADE_REQUIRED" });
  });

  it("are refused a ticket anywhere but a stream endpoint", async () => {
    const { agent } = await setting();
    const ticket = await ticketFor(agent);
    const result = await call("GET", `/api/v1/tasks?ticket=${ticket}`, null);
    expect({ status: result.status, message: result.body.error.message }).toEqual({
      status: 401,
      message: "Missing or invalid Authorization header",
    });
  });
});

describe("admitted listeners", () => {
  it("open streams with a ticket instead of headers: an agent's and a person's, from any origin", async () => {
    const { poster, agent, live, events } = await setting();
    (await openSocket(`${live}?ticket=${await ticketFor(agent)}`, null)).close();
    const sessionTicket = await ticketFor(poster);
    // A ticket is not ambient like a cookie: only its holder can present it, so Origin is not its concern.
    (await openSocket(`${live}?ticket=${sessionTicket}`, null, { origin: ELSEWHERE })).close();
    await (await openEvents(`${events}?ticket=${sessionTicket}`, null)).cancel();
  });

  it("are counted once by the rate limit, with the rate headers on the upgrade", async () => {
    const { agent, live } = await setting();
    // The window is a wall-clock minute: measure within one.
    const untilNextMinute = 60_000 - (Date.now() % 60_000);
    if (untilNextMinute < 3_000) await new Promise((r) => setTimeout(r, untilNextMinute + 100));
    const before = Number((await call("GET", "/api/v1/agents/me", agent)).headers.get("x-ratelimit-remaining"));

    const response = await upgrade(live, agent);
    expect(response.status).toBe(101);
    expect(Number(response.headers.get("x-ratelimit-remaining"))).toBe(before - 1);
    expect(response.headers.get("x-request-id")).toMatch(/^req_/);
    response.webSocket?.accept();
    response.webSocket?.close(1000, "done");

    const after = Number((await call("GET", "/api/v1/agents/me", agent)).headers.get("x-ratelimit-remaining"));
    expect(after).toBe(before - 2);
  });
});

describe("POST /realtime/tickets", () => {
  it("is refused from a foreign origin with a cookie, like any change", async () => {
    const poster = await registerPerson("Poster");
    const result = await call("POST", "/api/v1/realtime/tickets", poster, { headers: { origin: ELSEWHERE } });
    expect({ status: result.status, code: result.body.error.code }).toEqual({ status: 403, code: "FORBIDDEN" });
  });
});
