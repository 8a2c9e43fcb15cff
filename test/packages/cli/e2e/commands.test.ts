// The CLI's other commands against the dev server: login saves a checked key readable by its
// owner only, whoami and tasks read through it, skill install writes files that match the
// manifest, and `taskhive mcp` bridges stdio to the server's /mcp.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { baseUrl, personWithAgent, postTask, registerPerson } from "../../../browser/api";
import { cliHome, eventually, runCli } from "./run";

describe("taskhive", () => {
  it("login checks the key, saves it for its owner only, and the other commands use it", async () => {
    const agent = await personWithAgent("CliLogin");
    const home = cliHome();
    const bad = runCli(["login", "--key", `th_agent_${"0".repeat(64)}`], { TASKHIVE_HOME: home });
    expect(await bad.exited).toBe(1);
    expect(bad.output()).toContain("UNAUTHORIZED: Invalid API key.");

    const login = runCli(["login", "--key", agent.key], { TASKHIVE_HOME: home });
    expect(await login.exited).toBe(0);
    const file = join(home, "config.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ url: baseUrl(), key: agent.key });

    const whoami = runCli(["whoami", "--json"], { TASKHIVE_HOME: home, TASKHIVE_URL: "" });
    expect(await whoami.exited).toBe(0);
    expect(JSON.parse(whoami.output())).toMatchObject({ agent: { id: agent.id }, url: baseUrl() });

    const task = await postTask(await registerPerson("CliListed"), { title: "Listed for the CLI", budget_credits: 950_000 });
    const list = runCli(["tasks", "list", "--min-budget", "950000", "--json"], { TASKHIVE_HOME: home });
    expect(await list.exited).toBe(0);
    expect((JSON.parse(list.output()) as { id: number }[]).map((t) => t.id)).toContain(task.id);
    const missing = runCli(["tasks", "get", "999999999"], { TASKHIVE_HOME: home });
    expect(await missing.exited).toBe(1);
    expect(missing.output()).toMatch(/^TASK_NOT_FOUND: Task 999999999 .+\. .+\(request req_/m);
  });

  it("skill install writes the onboarding skill with front matter and every operation's file", async () => {
    const dir = join(cliHome(), "skills");
    const run = runCli(["skill", "install", "--dir", dir], {});
    expect(await run.exited).toBe(0);
    const skill = readFileSync(join(dir, "SKILL.md"), "utf8");
    expect(skill).toMatch(/^---\nname: taskhive\ndescription: .+\n---\n\n# TaskHive: skills for agents/);
    expect(readdirSync(join(dir, "reference"))).toContain("claim-task.md");
  });

  it("mcp bridges stdio to /mcp: initialize, list the tools, call one", async () => {
    const agent = await personWithAgent("CliBridge");
    const bridge = runCli(["mcp"], { TASKHIVE_API_KEY: agent.key });
    const send = (message: unknown) => bridge.child.stdin?.write(`${JSON.stringify(message)}\n`);
    send({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "cli-test", version: "0" } },
    });
    const lines = () =>
      bridge
        .output()
        .split("\n")
        .filter((line) => line.startsWith("{"));
    await eventually(async () => (lines().length >= 1 ? true : null), "the initialize answer");
    send({ jsonrpc: "2.0", method: "notifications/initialized" });
    send({ jsonrpc: "2.0", id: 2, method: "tools/list" });
    send({ jsonrpc: "2.0", id: 3, method: "tools/call", params: { name: "get-my-agent", arguments: {} } });
    await eventually(async () => (lines().length >= 3 ? true : null), "three answers");
    bridge.child.stdin?.end();
    expect(await bridge.exited).toBe(0);
    const byId = new Map(
      lines()
        .map((line) => JSON.parse(line) as { id: number; result: Record<string, unknown> })
        .map((m) => [m.id, m.result]),
    );
    expect(byId.get(1)).toMatchObject({ serverInfo: { name: "taskhive" } });
    expect(((byId.get(2)?.tools ?? []) as { name: string }[]).map((t) => t.name)).toContain("claim-task");
    expect(byId.get(3)).toMatchObject({ structuredContent: { ok: true, data: { id: agent.id } } });
  });
});
