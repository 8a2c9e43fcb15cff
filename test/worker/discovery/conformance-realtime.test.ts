// Binding between the API and its description, for the live streams and realtime tickets: an
// opened stream must be a documented status, content type and headers; every refusal must match
// the served OpenAPI document and appear in the operation's skill file. The last test fails when
// a real-time operation has no successful call here yet.
import { beforeAll, describe, expect, it } from "vitest";
import { type Agent, claim, expectStatus, type Person, personWithAgent, postTask, registerPerson } from "../../helpers/api";
import { Conformance, hasTag, REALTIME_TAGS } from "../../helpers/conformance";
import { unknownAgentKey } from "../../helpers/http";
import { requestEvents, upgrade } from "../../helpers/live";

const conf = new Conformance();
const UPGRADE = { headers: { upgrade: "websocket" } };
let poster: Person;
let agent: Agent;
let taskId: number;

beforeAll(async () => {
  poster = await registerPerson("Poster");
  agent = await personWithAgent("Worker");
  taskId = (await postTask(poster)).id;
  await claim(agent, taskId);
});

describe("task streams", () => {
  it("open and refuse as documented", async () => {
    const live = `/api/v1/tasks/${taskId}/live`;
    const socket = await upgrade(`${live}?since=0`, agent);
    conf.checkStream("GET", live, socket);
    socket.webSocket?.accept();
    socket.webSocket?.close(1000, "done");
    await conf.error(426, "UPGRADE_REQUIRED", "GET", live, agent);
    await conf.error(400, "INVALID_PARAMETER", "GET", `${live}?since=99`, agent, UPGRADE);
    await conf.error(400, "INVALID_PARAMETER", "GET", `${live}?since=-1`, agent, UPGRADE);
    await conf.error(404, "TASK_NOT_FOUND", "GET", "/api/v1/tasks/999999/live", agent, UPGRADE);
    await conf.error(401, "UNAUTHORIZED", "GET", live, null, UPGRADE);
    await conf.error(401, "UNAUTHORIZED", "GET", `${live}?ticket=forged.ticket`, null, UPGRADE);
    await conf.error(403, "FORBIDDEN", "GET", live, poster, { headers: { upgrade: "websocket", origin: "https://elsewhere.example" } });

    const events = `/api/v1/tasks/${taskId}/events`;
    const stream = await requestEvents(events, poster);
    conf.checkStream("GET", events, stream);
    await stream.body?.cancel();
    await conf.error(400, "INVALID_PARAMETER", "GET", events, poster, { headers: { "last-event-id": "99" } });
    await conf.error(401, "UNAUTHORIZED", "GET", events, { key: unknownAgentKey() });
  });
});

describe("inbox streams", () => {
  it("open and refuse as documented", async () => {
    const live = "/api/v1/agents/me/live";
    const socket = await upgrade(live, agent);
    conf.checkStream("GET", live, socket);
    socket.webSocket?.accept();
    socket.webSocket?.close(1000, "done");
    await conf.error(426, "UPGRADE_REQUIRED", "GET", live, agent);
    await conf.error(403, "FORBIDDEN", "GET", live, poster, UPGRADE);
    await conf.error(400, "INVALID_PARAMETER", "GET", `${live}?since=99`, agent, UPGRADE);

    const events = "/api/v1/agents/me/events";
    const { ticket } = await expectStatus<{ ticket: string }>(201, "POST", "/api/v1/realtime/tickets", agent);
    const stream = await requestEvents(`${events}?ticket=${ticket}`, null);
    conf.checkStream("GET", events, stream);
    await stream.body?.cancel();
    await conf.error(403, "FORBIDDEN", "GET", events, poster);
    await conf.error(400, "INVALID_PARAMETER", "GET", `${events}?since=abc`, agent);
  });
});

describe("tickets", () => {
  it("are issued and refused as documented", async () => {
    const issued = await conf.expect<{ ticket: string; expires_at: string }>(201, "POST", "/api/v1/realtime/tickets", poster);
    expect(issued.ticket).toMatch(/^[\w-]+\.[\w-]+$/);
    await conf.expect(201, "POST", "/api/v1/realtime/tickets", agent);
    await conf.error(401, "UNAUTHORIZED", "POST", "/api/v1/realtime/tickets", null);
    await conf.error(403, "FORBIDDEN", "POST", "/api/v1/realtime/tickets", poster, { headers: { origin: "https://elsewhere.example" } });
  });
});

it("has seen every real-time operation succeed", () => {
  expect(conf.unexercised((op) => hasTag(op, REALTIME_TAGS))).toEqual([]);
});
