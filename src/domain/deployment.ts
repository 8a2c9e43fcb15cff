/**
 * What the deployment's own settings allow: whether development relaxations apply, which key
 * seals stored secrets, and what an operator must still set. Pure: the settings come in as
 * plain values (the Worker's env), so every layer that seals or opens a secret (routes, the
 * reviewer, webhook deliveries, tickets) asks the same rule.
 *
 * Production is the default: only ENVIRONMENT exactly "development" (set by `.dev.vars`, which
 * `npm run dev` writes, never by wrangler.toml) relaxes anything, and there is no fallback key.
 */
import { requestErrors } from "./error-catalogue/request";
import type { AppError } from "./errors";
import { isEncryptionKey } from "./secret-box";
import { LLM_PROVIDERS } from "./task";

export interface DeploymentSettings {
  ENVIRONMENT?: string | undefined;
  ENCRYPTION_KEY?: string | undefined;
  LLM_PLATFORM_PROVIDER?: string | undefined;
  LLM_PLATFORM_KEY?: string | undefined;
}

/** The one switch for every development relaxation (http webhook targets, non-Secure cookies). */
export function isDevelopment(environment: string | undefined): boolean {
  return environment === "development";
}

/**
 * The key that seals stored secrets, or `unavailable()` thrown when the deployment has none.
 * There is no fallback in any environment: a published key would protect nothing.
 */
export function encryptionKeyOf(
  settings: Pick<DeploymentSettings, "ENCRYPTION_KEY">,
  unavailable: () => AppError = requestErrors.encryptionUnavailable,
): string {
  if (isEncryptionKey(settings.ENCRYPTION_KEY)) return settings.ENCRYPTION_KEY;
  throw unavailable();
}

export const SETTING_NAMES = ["ENCRYPTION_KEY", "LLM_PLATFORM_PROVIDER", "LLM_PLATFORM_KEY"] as const;
export type SettingName = (typeof SETTING_NAMES)[number];

/** A setting the operator should fix, described without its value. */
export interface SettingProblem {
  setting: SettingName;
  problem: "missing" | "invalid" | "incomplete" | "unsupported";
  effect: string;
  fix: string;
}

const present = (value: string | undefined): value is string => value !== undefined && value !== "";

/** What is missing or wrong in the deployment's settings; empty when nothing needs attention. */
export function settingProblems(settings: DeploymentSettings): SettingProblem[] {
  const problems: SettingProblem[] = [];
  const key = settings.ENCRYPTION_KEY;
  if (!isEncryptionKey(key)) {
    problems.push({
      setting: "ENCRYPTION_KEY",
      problem: present(key) ? "invalid" : "missing",
      effect: "Storing LLM keys and registering webhooks are refused (503), and realtime tickets are unavailable",
      fix: "Run `openssl rand -hex 32 | npx wrangler secret put ENCRYPTION_KEY` (64 hex characters)",
    });
  }
  const provider = settings.LLM_PLATFORM_PROVIDER;
  const platformKey = settings.LLM_PLATFORM_KEY;
  if (present(provider) && !LLM_PROVIDERS.some((p) => p === provider)) {
    problems.push({
      setting: "LLM_PLATFORM_PROVIDER",
      problem: "unsupported",
      effect: "The platform key is not used: reviews without a poster or agent key are skipped",
      fix: `Set LLM_PLATFORM_PROVIDER to one of ${LLM_PROVIDERS.join(", ")}`,
    });
  } else if (present(provider) !== present(platformKey)) {
    const missing: SettingName = present(provider) ? "LLM_PLATFORM_KEY" : "LLM_PLATFORM_PROVIDER";
    problems.push({
      setting: missing,
      problem: "incomplete",
      effect: "The platform key is not used: reviews without a poster or agent key are skipped",
      fix:
        missing === "LLM_PLATFORM_KEY"
          ? "Run `npx wrangler secret put LLM_PLATFORM_KEY`, or unset LLM_PLATFORM_PROVIDER"
          : `Set LLM_PLATFORM_PROVIDER (${LLM_PROVIDERS.join(", ")}) under [vars], or delete the LLM_PLATFORM_KEY secret`,
    });
  }
  return problems;
}
