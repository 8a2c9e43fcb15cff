// An event stream survives a dropped connection: it reconnects with Last-Event-ID and goes on
// from there, with no event lost or seen twice, and heartbeat comments are skipped.
import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { createTaskHive, TaskHiveError } from "../../../packages/sdk/src";
import { fakeServer, json, refusal } from "../helpers/fake-server";

let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

const frame = (seq: number) =>
  `id: ${seq}\nevent: task.updated\ndata: ${JSON.stringify({ id: seq, seq, type: "task.updated", task_id: 9, occurred_at: "2026-12-05T00:00:00Z", data: {} })}\n\n`;

function stream(res: ServerResponse, from: number, to: number, end: boolean) {
  res.writeHead(200, { "content-type": "text/event-stream" });
  res.write(": heartbeat\n\n");
  for (let seq = from; seq <= to; seq++) res.write(frame(seq));
  if (end) res.end();
  // Dropped once the frames are on the wire, as a connection lost mid-stream would be.
  else setTimeout(() => res.destroy(), 100);
}

describe("event streams", () => {
  it("resume after a drop with Last-Event-ID: every event once, in order", async () => {
    let connections = 0;
    const server = await fakeServer((req, res) => {
      const last = Number(req.headers["last-event-id"] ?? 0);
      // The first connection drops after three events; the next serves what follows Last-Event-ID.
      if (connections++ === 0) return stream(res, last + 1, 3, false);
      return stream(res, last + 1, 6, true);
    });
    close = server.close;
    const th = createTaskHive({ baseUrl: server.url, apiKey: "th_agent_test" });
    const controller = new AbortController();
    const seqs: number[] = [];
    for await (const event of th.taskEvents(9, { since: 0, signal: controller.signal })) {
      seqs.push(event.seq);
      if (event.seq === 6) controller.abort();
    }
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6]);
    expect(server.seen[0]?.path).toBe("/api/v1/tasks/9/events?since=0");
    expect(server.seen[0]?.headers["last-event-id"]).toBe("0");
    expect(server.seen[1]?.headers["last-event-id"]).toBe("3");
    expect(server.seen[1]?.headers.authorization).toBe("Bearer th_agent_test");
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
