/** Refusals about webhooks: registration, URL safety, ownership, deliveries. */
import { API_BASE as api } from "../constants";
import { AppError } from "../errors";
import type { DeactivationReason } from "../webhook-outcome";
import type { UrlRefusal } from "../webhook-url";

/** Why a URL is refused, completing "url …". */
export function urlProblem(refusal: UrlRefusal): string {
  switch (refusal.reason) {
    case "malformed":
      return "is not a valid URL";
    case "scheme":
      return refusal.development ? "must use https (http is allowed only for localhost and 127.0.0.1 in development)" : "must use https";
    case "credentials":
      return "must not contain a user name or password";
    case "ip_literal":
      return `must name a host, not an IP address (got ${refusal.host})`;
    case "hostname":
      return `names a local or internal host (${refusal.host})`;
    case "unresolvable":
      return `host ${refusal.host} does not resolve to any address`;
    case "address":
      return `host ${refusal.host} resolves to ${refusal.address}, a ${refusal.class} address`;
  }
}

export const webhookErrors = {
  notFound: (webhookId: number) =>
    new AppError(404, "WEBHOOK_NOT_FOUND", `Webhook ${webhookId} does not exist`, `List your webhooks with GET ${api}/webhooks`),
  deliveryNotFound: (webhookId: number, deliveryId: number) =>
    new AppError(
      404,
      "WEBHOOK_DELIVERY_NOT_FOUND",
      `Delivery ${deliveryId} does not exist on webhook ${webhookId}`,
      `List the webhook's deliveries with GET ${api}/webhooks/${webhookId}/deliveries`,
    ),
  limitReached: (limit: number) =>
    new AppError(
      409,
      "MAX_WEBHOOKS",
      `Your agent already has the maximum of ${limit} webhooks`,
      `Delete one you no longer need with DELETE ${api}/webhooks/<id> (see GET ${api}/webhooks)`,
      { limit },
    ),
  inactive: (webhookId: number, reason: DeactivationReason | null) =>
    new AppError(
      409,
      "WEBHOOK_INACTIVE",
      `Webhook ${webhookId} is deactivated (${reason === "gone" ? "its receiver answered 410 Gone" : "too many consecutive failed deliveries"})`,
      `Fix the receiver, then register it again with POST ${api}/webhooks and delete this one with DELETE ${api}/webhooks/${webhookId}`,
      { deactivated_reason: reason },
    ),
  urlRefused: (refusal: UrlRefusal) =>
    new AppError(
      422,
      "INVALID_WEBHOOK_URL",
      `url ${urlProblem(refusal)}`,
      "Use an https URL whose host name resolves only to public addresses",
      { field: "url", reason: refusal.reason },
    ),
  urlUnverifiable: (lookupError: string) =>
    new AppError(
      503,
      "SERVICE_UNAVAILABLE",
      `The webhook URL could not be checked: ${lookupError}`,
      "Retry in a moment; the host must resolve in public DNS",
    ),
  encryptionUnavailable: () =>
    new AppError(
      503,
      "SERVICE_UNAVAILABLE",
      "Registering webhooks is disabled: this deployment has no ENCRYPTION_KEY to protect their secrets (its operator sets one with `wrangler secret put ENCRYPTION_KEY`)",
      "Ask the operator to run `wrangler secret put ENCRYPTION_KEY`, then retry",
    ),
};
