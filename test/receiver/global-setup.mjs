// A real HTTP receiver for the webhook tests, started once per `vitest run` in Node (outside
// workerd) on a free port, which tests read with `inject("webhookReceiverPort")`. The Worker's
// delivery consumer POSTs to it over real sockets, so signing, timeouts, redirects and response
// handling are exercised end to end. Plain JavaScript: it runs in Node, whose types the
// workerd-typed project does not load.
//
// Paths are `/<behaviour>/<name>`; `name` keeps each test's traffic apart (files run in parallel):
//   /ok/<name>                 200
//   /flaky/<name>?fail=N       500 for the first N requests to this path, then 200
//   /fail/<name>               always 500
//   /slow/<name>?ms=N          answers 200 after N ms (default 30,000)
//   /gone/<name>               410 Gone
//   /redirect/<name>?to=URL    302 to URL
//   /big/<name>                200 with a 1 MiB body
//   GET /_received/<name>      JSON: every request received under <name>, oldest first
import { createServer } from "node:http";

/** @type {Map<string, {method: string, path: string, headers: Record<string, string | string[] | undefined>, body: string, at: number}[]>} */
const received = new Map();
/** @type {Map<string, number>} requests seen per path, for `flaky` */
const seen = new Map();

/** @param {import("node:http").ServerResponse} res @param {number} status @param {string} body */
function answer(res, status, body, headers = {}) {
  res.writeHead(status, { "content-type": "text/plain", ...headers });
  res.end(body);
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://receiver");
  const [, behaviour = "", name = ""] = url.pathname.split("/");
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    if (req.method === "GET" && behaviour === "_received") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(received.get(name) ?? []));
      return;
    }
    const body = Buffer.concat(chunks).toString("utf8");
    const log = received.get(name) ?? [];
    log.push({ method: req.method ?? "", path: url.pathname + url.search, headers: req.headers, body, at: Date.now() });
    received.set(name, log);
    const count = (seen.get(url.pathname) ?? 0) + 1;
    seen.set(url.pathname, count);
    switch (behaviour) {
      case "ok":
        return answer(res, 200, "ok");
      case "flaky":
        return count <= Number(url.searchParams.get("fail") ?? "1") ? answer(res, 500, `failure ${count}`) : answer(res, 200, "ok");
      case "fail":
        return answer(res, 500, "receiver is broken");
      case "slow": {
        const timer = setTimeout(() => answer(res, 200, "slow ok"), Number(url.searchParams.get("ms") ?? "30000"));
        res.on("close", () => clearTimeout(timer));
        return;
      }
      case "gone":
        return answer(res, 410, "this endpoint is gone");
      case "redirect":
        return answer(res, 302, "", { location: url.searchParams.get("to") ?? `/ok/${name}` });
      case "big":
        return answer(res, 200, "x".repeat(1024 * 1024));
      default:
        return answer(res, 404, "unknown behaviour");
    }
  });
});

/** @param {import("vitest/node").TestProject} project */
export default async function setup(project) {
  await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("receiver has no port");
  project.provide("webhookReceiverPort", address.port);
  return () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve(undefined));
    });
}
