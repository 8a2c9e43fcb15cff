/**
 * The URL check that runs at registration and before every delivery attempt and redirect hop:
 * the pure rules of domain/webhook-url.ts plus, outside development, the host's current DNS
 * answers, every one of which must be a public address.
 */
import { urlProblem } from "../domain/error-catalogue/webhooks";
import { classifyWebhookUrl, judgeAddresses, type UrlRefusal } from "../domain/webhook-url";
import { resolveHost } from "./dns";

export type UrlCheck = { ok: true; url: URL } | UrlCheckFailure;
type UrlCheckFailure = { ok: false; refusal: UrlRefusal } | { ok: false; lookupError: string };

export async function checkWebhookUrl(raw: string, environment: string | undefined): Promise<UrlCheck> {
  const verdict = classifyWebhookUrl(raw, environment);
  if (!verdict.ok) return verdict;
  if (!verdict.mustResolve) return { ok: true, url: verdict.url };
  const resolution = await resolveHost(verdict.url.hostname);
  if (!resolution.ok) return { ok: false, lookupError: resolution.error };
  const refusal = judgeAddresses(verdict.url.hostname, resolution.addresses);
  return refusal ? { ok: false, refusal } : { ok: true, url: verdict.url };
}

/** Why a URL may not be called, for the attempt log. */
export function checkFailureText(failure: UrlCheckFailure): string {
  return "refusal" in failure ? `url ${urlProblem(failure.refusal)}` : failure.lookupError;
}
