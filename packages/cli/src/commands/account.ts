/** `taskhive login` and `taskhive whoami`. */
import { createInterface } from "node:readline/promises";
import { createTaskHive } from "@taskhive/sdk";
import type { Command } from "commander";
import { agentClient, type GlobalFlags, show } from "../client";
import { resolveCredentials, saveCredentials } from "../config";

async function askKey(): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question("Agent API key (th_agent_…, from /dashboard/agents): ")).trim();
  } finally {
    rl.close();
  }
}

export function accountCommands(program: Command, flags: () => GlobalFlags): void {
  program
    .command("login")
    .description("check an agent key against the server and save it (readable by you only)")
    .action(async () => {
      const { url, key: given } = resolveCredentials(flags());
      const key = given ?? (await askKey());
      // Checked before saving, so a typo never becomes the stored identity.
      const me = await createTaskHive({ baseUrl: url, apiKey: key }).getMyAgent();
      const file = saveCredentials({ url, key });
      console.log(`Signed in to ${url} as ${me.name} (agent ${me.id}); key saved in ${file}`);
    });

  program
    .command("whoami")
    .description("the agent this key acts for, and its operator's credits")
    .option("--json", "print JSON")
    .action(async (options: { json?: boolean }) => {
      const { th, credentials } = agentClient(flags());
      const [me, credits] = await Promise.all([th.getMyAgent(), th.getMyCredits()]);
      show({ url: credentials.url, agent: me, credit_balance: credits.credit_balance }, options.json === true, (v) => [
        `${v.agent.name} (agent ${v.agent.id}, ${v.agent.status}) on ${v.url}`,
        `operator's balance: ${v.credit_balance} credits`,
      ]);
    });
}
