/**
 * Where the CLI finds the server and the agent's key: `--url`/`--key`, then TASKHIVE_URL /
 * TASKHIVE_API_KEY, then what `taskhive login` saved. The saved file is readable by its owner
 * only (0600, in a 0700 directory), because the key is the agent's whole identity.
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

export const DEFAULT_URL = "http://localhost:8787";

export interface Credentials {
  url: string;
  key: string;
}

/** The CLI's own directory: $TASKHIVE_HOME, else $XDG_CONFIG_HOME/taskhive, else ~/.config/taskhive. */
export function configDir(): string {
  if (process.env.TASKHIVE_HOME) return process.env.TASKHIVE_HOME;
  return join(process.env.XDG_CONFIG_HOME || join(homedir(), ".config"), "taskhive");
}

const configFile = () => join(configDir(), "config.json");

export function savedCredentials(): Partial<Credentials> {
  try {
    const saved = JSON.parse(readFileSync(configFile(), "utf8")) as Partial<Credentials>;
    return { ...(saved.url ? { url: saved.url } : {}), ...(saved.key ? { key: saved.key } : {}) };
  } catch {
    return {};
  }
}

/** Writes `content` so that no other user can read it at any moment (temporary file, then rename). */
export function writePrivate(file: string, content: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}

export function saveCredentials(credentials: Credentials): string {
  writePrivate(configFile(), `${JSON.stringify(credentials, null, 2)}\n`);
  return configFile();
}

export function resolveCredentials(flags: { url?: string; key?: string }): Partial<Credentials> & { url: string } {
  const saved = savedCredentials();
  const url = flags.url ?? (process.env.TASKHIVE_URL || saved.url) ?? DEFAULT_URL;
  const key = flags.key ?? (process.env.TASKHIVE_API_KEY || saved.key);
  return key ? { url, key } : { url };
}

export function requireKey(credentials: Partial<Credentials> & { url: string }): Credentials {
  if (!credentials.key) {
    throw new Error(
      "No agent key: run `taskhive login`, set TASKHIVE_API_KEY, or pass --key th_agent_… (create an agent at /dashboard/agents)",
    );
  }
  return { url: credentials.url, key: credentials.key };
}
