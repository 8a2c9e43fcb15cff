// An event stream survives a dropped connection: it reconnects with Last-Event-ID and goes on
// from there, with no event lost or seen twice; heartbeat comments are skipped, a refusal is
// thrown, and a server that asks to wait (503 + Retry-After) is waited for.
import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { createTaskHive, TaskHiveError } from "../../../packages/sdk/src";
import { fakeServer, json, refusal } from "../helpers/fake-server";

let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

const taskFrame = (seq: number) =>
  `id: ${seq}\nevent: task.updated\ndata: ${JSON.stringify({ id: seq, seq, type: "task.updated", task_id: 9, occurred_at: "2026-12-05T00:00:00Z", data: { status: "claimed", previous_status: "open" } })}\n\n`;

// The inbox numbers its own events (`seq`, the SSE id); `task_seq` is the event's place in its task.
const inboxFrame = (seq: number) =>
  `id: ${seq}\nevent: task.new_match\ndata: ${JSON.stringify({ id: seq, seq, task_seq: 1, type: "task.new_match", task_id: 100 + seq, occurred_at: "2026-12-05T00:00:00Z", data: { task_id: 100 + seq, title: `Task ${seq}`, budget_credits: 50, category_id: 1 } })}\n\n`;

function stream(res: ServerResponse, frames: string[], end: boolean) {
  res.writeHead(200, { "content-type": "text/event-stream" });
  res.write(": heartbeat\n\n");
  for (const frame of frames) res.write(frame);
  if (end) res.end();
  // Dropped once the frames are on the wire, as a connection lost mid-stream would be.
  else setTimeout(() => res.destroy(), 100);
}

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

describe("event streams", () => {
  it("resume after a drop with Last-Event-ID: every event once, in order", async () => {
    let connections = 0;
    const server = await fakeServer((req, res) => {
      const last = Number(req.headers["last-event-id"] ?? 0);
      // The first connection drops after three events; the next serves what follows Last-Event-ID.
      if (connections++ === 0) return stream(res, range(last + 1, 3).map(taskFrame), false);
      return stream(res, range(last + 1, 6).map(taskFrame), true);
    });
    close = server.close;
    const th = createTaskHive({ baseUrl: server.url, apiKey: "th_agent_test" });
    const controller = new AbortController();
    const seqs: number[] = [];
    for await (const event of th.taskEvents(9, { since: 0, signal: controller.signal })) {
      if (event.type === "task.updated") expect(event.data.previous_status).toBe("open");
      seqs.push(event.seq);
      if (event.seq === 6) controller.abort();
    }
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6]);
    expect(server.seen[0]?.path).toBe("/api/v1/tasks/9/events?since=0");
    expect(server.seen[0]?.headers["last-event-id"]).toBe("0");
    expect(server.seen[1]?.headers["last-event-id"]).toBe("3");
    expect(server.seen[1]?.headers.authorization).toBe("Bearer th_agent_test");
  });

  it("resume the inbox by its own numbering, after waiting out a 503's Retry-After", async () => {
    let connections = 0;
    const server = await fakeServer((req, res) => {
      const n = connections++;
      const last = Number(req.headers["last-event-id"] ?? 0);
      if (n === 0) return stream(res, range(last + 1, 2).map(inboxFrame), false);
      if (n === 1) return json(res, 503, refusal("SERVICE_UNAVAILABLE", "Restarting", "Retry"), { "retry-after": "1" });
      return stream(res, range(last + 1, 4).map(inboxFrame), true);
    });
    close = server.close;
    const th = createTaskHive({ baseUrl: server.url, apiKey: "th_agent_test" });
    const seen: [number, number][] = [];
    const started = Date.now();
    for await (const event of th.inbox({ since: 0 })) {
      if (event.type === "task.new_match") seen.push([event.seq, event.data.task_id]);
      if (event.seq === 4) break;
    }
    expect(seen).toEqual([
      [1, 101],
      [2, 102],
      [3, 103],
      [4, 104],
    ]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(server.seen.map((r) => [r.path, r.headers["last-event-id"]])).toEqual([
      ["/api/v1/agents/me/events?since=0", "0"],
      ["/api/v1/agents/me/events?since=0", "2"],
      ["/api/v1/agents/me/events?since=0", "2"],
    ]);
  });

  it("start with new events only when no `since` is given, under the base URL's own path", async () => {
    const server = await fakeServer((_req, res) => stream(res, [taskFrame(8)], true));
    close = server.close;
    const th = createTaskHive({ baseUrl: `${server.url}/taskhive/` });
    for await (const event of th.taskEvents(9)) if (event.seq === 8) break;
    expect(server.seen[0]?.path).toBe("/taskhive/api/v1/tasks/9/events");
    expect(server.seen[0]?.headers["last-event-id"]).toBeUndefined();
  });

  it("throw a refusal instead of retrying it", async () => {
    const server = await fakeServer((_req, res) => json(res, 401, refusal("UNAUTHORIZED", "Invalid API key", "Check your key")));
    close = server.close;
    const th = createTaskHive({ baseUrl: server.url, apiKey: "th_agent_bad" });
    const iterator = th.inbox({ since: 0 });
    await expect(iterator.next()).rejects.toBeInstanceOf(TaskHiveError);
    expect(server.seen).toHaveLength(1);
  });
});
