/**
 * A local HTTP server that speaks TaskHive's wire format as a test scripts it: each request is
 * recorded and answered by the test's handler, so the SDK's and the CLI's real network code runs
 * against it unchanged.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Seen {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export type Handler = (request: Seen, response: ServerResponse) => void;

export async function fakeServer(handler: Handler) {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request = {
        method: req.method ?? "GET",
        path: req.url ?? "/",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      seen.push(request);
      handler(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", "x-request-id": "req_fake", ...headers });
  res.end(JSON.stringify(body));
}

export const ok = (data: unknown, meta: Record<string, unknown> = {}) => ({ ok: true, data, meta: { request_id: "req_fake", ...meta } });
export const refusal = (code: string, message: string, suggestion: string) => ({ ok: false, error: { code, message, suggestion } });
