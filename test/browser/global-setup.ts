/**
 * Starts the real app once per browser-test run, the way a person does: `node scripts/dev.mjs`
 * (`npm run dev`: local D1 migrations, then `wrangler dev`), on a free port on 127.0.0.1, with
 * its local state (D1, Durable Objects) in a fresh temporary directory (`--persist-to`), so
 * every run starts from an empty database and never touches the developer's `.wrangler/state`.
 * The reviewer is pointed at scripts/fake-llm.mjs on another free port, through a platform key.
 *
 * Tests read the server's address with `inject("baseUrl")`. The server's whole output goes to
 * test-artifacts/dev-server.log, and its tail is shown when it fails to come up. Teardown ends
 * the server's whole process group (node, wrangler, workerd), so no workerd outlives the run.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import type { TestProject } from "vitest/node";
import { ARTIFACTS_DIR, ROOT } from "./paths";

declare module "vitest" {
  interface ProvidedContext {
    /** The dev server's origin, e.g. `http://127.0.0.1:41234` (no trailing slash). */
    baseUrl: string;
    /** Its `--persist-to` directory, for `wrangler d1 execute DB --local --persist-to <dir>`. */
    persistDir: string;
    /** scripts/fake-llm.mjs's origin (the reviewer's provider, and `taskhive work --llm`'s). */
    llmUrl: string;
  }
}

const STARTUP_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 10_000;
/** How much of the server's output a startup failure shows. */
const TAIL_CHARS = 8_000;

/** A port that was free a moment ago on 127.0.0.1 (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      if (address === null || typeof address === "string") return reject(new Error("no port"));
      server.close(() => resolve(address.port));
    });
  });
}

/** Terminal colours out of the server's output (esbuild colours its errors regardless of NO_COLOR). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes are what it removes
const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, "");

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The live (not zombie) processes of a process group, read from /proc on Linux; elsewhere, one
 * signal-0 probe that says only whether the group still exists.
 */
function liveMembers(pgid: number): number[] {
  if (process.platform !== "linux") {
    try {
      process.kill(-pgid, 0);
      return [pgid];
    } catch {
      return [];
    }
  }
  const live: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // pid (comm) state ppid pgrp ...; comm may hold spaces and parentheses, so split after it.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(pgrp) === pgid && state !== "Z" && state !== "X") live.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return live;
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // Already gone.
  }
}

/** SIGTERM to the whole group, then SIGKILL to whatever is still alive after STOP_TIMEOUT_MS. */
async function stopGroup(pgid: number): Promise<void> {
  signalGroup(pgid, "SIGTERM");
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (liveMembers(pgid).length > 0 && Date.now() < deadline) await sleep(100);
  if (liveMembers(pgid).length > 0) {
    signalGroup(pgid, "SIGKILL");
    while (liveMembers(pgid).length > 0 && Date.now() < deadline + 5_000) await sleep(100);
  }
  const left = liveMembers(pgid);
  if (left.length > 0) throw new Error(`dev server processes still alive after SIGKILL: ${left.join(", ")}`);
}

export default async function setup(project: TestProject) {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const logPath = join(ARTIFACTS_DIR, "dev-server.log");
  const log = createWriteStream(logPath);
  let output = "";
  const record = (chunk: Buffer) => {
    log.write(chunk);
    output = (output + chunk.toString("utf8")).slice(-TAIL_CHARS * 4);
  };

  const persistDir = mkdtempSync(join(tmpdir(), "taskhive-browser-"));
  const port = await freePort();
  const inspectorPort = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const bin = join(ROOT, "node_modules", ".bin");

  // The reviewer's provider: scripts/fake-llm.mjs (the README's local demo), paid for by a
  // platform key, so auto-reviewed tasks get real verdicts through the real SDK and queue.
  const llmPort = await freePort();
  const fakeLlm = spawn(process.execPath, ["scripts/fake-llm.mjs"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, FAKE_LLM_PORT: String(llmPort) },
  });
  fakeLlm.stdout?.on("data", record);
  fakeLlm.stderr?.on("data", record);

  // Node 22 (the `node` devDependency) runs wrangler: `.bin` first on PATH, as npm scripts have it.
  const child: ChildProcess = spawn(
    process.execPath,
    [
      "scripts/dev.mjs",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--inspector-port",
      String(inspectorPort),
      "--persist-to",
      persistDir,
      "--show-interactive-dev-session=false",
      "--var",
      `ANTHROPIC_BASE_URL:http://127.0.0.1:${llmPort}`,
      "--var",
      "LLM_PLATFORM_PROVIDER:anthropic",
      "--var",
      "LLM_PLATFORM_KEY:fake-platform-key",
    ],
    {
      cwd: ROOT,
      // Its own process group, so teardown can end wrangler and workerd with it.
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        PATH: `${bin}${delimiter}${process.env.PATH ?? ""}`,
        NO_COLOR: "1",
        FORCE_COLOR: "0",
        WRANGLER_SEND_METRICS: "false",
      },
    },
  );
  const pgid = child.pid;
  if (pgid === undefined) throw new Error("could not start scripts/dev.mjs");
  child.stdout?.on("data", record);
  child.stderr?.on("data", record);
  let exited: string | null = null;
  child.on("exit", (code, signal) => {
    exited = signal ? `signal ${signal}` : `code ${code}`;
  });
  // Last resort if vitest dies without running teardown: nothing of the server outlives it.
  const killOnExit = () => {
    signalGroup(pgid, "SIGKILL");
    fakeLlm.kill("SIGKILL");
  };
  process.on("exit", killOnExit);

  const teardown = async () => {
    process.off("exit", killOnExit);
    try {
      fakeLlm.kill("SIGTERM");
      await stopGroup(pgid);
    } finally {
      log.end();
      rmSync(persistDir, { recursive: true, force: true });
    }
  };

  const started = Date.now();
  let lastError = "";
  while (true) {
    if (exited !== null) {
      await teardown();
      throw new Error(
        `npm run dev exited (${exited}) before ${baseUrl}/api/v1/health answered; its output:\n${plain(output).slice(-TAIL_CHARS)}`,
      );
    }
    // wrangler dev keeps running after a failed build, waiting for an edit: no point waiting.
    if (/Build failed/.test(output)) {
      await teardown();
      throw new Error(`npm run dev could not build the Worker; its output:\n${plain(output).slice(-TAIL_CHARS)}`);
    }
    if (Date.now() - started > STARTUP_TIMEOUT_MS) {
      await teardown();
      throw new Error(
        `${baseUrl}/api/v1/health did not answer 200 within ${STARTUP_TIMEOUT_MS / 1000} s (last: ${lastError}); ` +
          `server output (whole log in ${logPath}):\n${plain(output).slice(-TAIL_CHARS)}`,
      );
    }
    try {
      const response = await fetch(`${baseUrl}/api/v1/health`, { signal: AbortSignal.timeout(5_000) });
      if (response.status === 200) break;
      lastError = `status ${response.status}`;
    } catch (error) {
      lastError = String((error as Error).cause ?? error);
    }
    await sleep(250);
  }
  console.log(`[browser tests] npm run dev answered on ${baseUrl} after ${((Date.now() - started) / 1000).toFixed(1)} s (log: ${logPath})`);

  project.provide("baseUrl", baseUrl);
  project.provide("persistDir", persistDir);
  project.provide("llmUrl", `http://127.0.0.1:${llmPort}`);
  return teardown;
}
