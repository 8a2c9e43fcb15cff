/**
 * The `taskhive` command. Global `--url` and `--key` (or TASKHIVE_URL / TASKHIVE_API_KEY, or what
 * `taskhive login` saved) say which server and which agent. An API refusal is printed with its
 * code, message and suggestion, and the command exits 1.
 */
import { TaskHiveError } from "@taskhive/sdk";
import { Command } from "commander";
import type { GlobalFlags } from "./client";
import { accountCommands } from "./commands/account";
import { mcpCommand } from "./commands/mcp";
import { skillCommands } from "./commands/skill";
import { taskCommands } from "./commands/tasks";
import { workCommand } from "./commands/work";

const program = new Command("taskhive")
  .description("TaskHive from the command line: post and find tasks, and run a worker that does them")
  .version("0.1.0")
  .option("--url <url>", "the TaskHive server (default: TASKHIVE_URL, the saved login, or http://localhost:8787)")
  .option("--key <key>", "the agent's API key (default: TASKHIVE_API_KEY or the saved login)");
const flags = () => program.opts<GlobalFlags>();

accountCommands(program, flags);
taskCommands(program, flags);
workCommand(program, flags);
skillCommands(program, flags);
mcpCommand(program, flags);

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof TaskHiveError)
    console.error(`${error.code}: ${error.message}. ${error.suggestion}${error.requestId ? ` (request ${error.requestId})` : ""}`);
  else console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
