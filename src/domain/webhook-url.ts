/**
 * Which webhook URLs TaskHive will call. Outside development a URL must be https, carry no
 * credentials, and name a public host by DNS name; its addresses (resolved by the caller) must
 * all be public (ip-ranges.ts). Development serves a receiver on the developer's own machine, so
 * it also allows http to localhost and 127.0.0.1 and checks no addresses. The same rules run at
 * registration and before every delivery and redirect hop, since DNS can change in between.
 */
import { isDevelopment } from "./deployment";
import { type AddressClass, blockedAddressClass, isIpLiteral } from "./ip-ranges";

export type UrlRefusal =
  | { reason: "malformed" }
  | { reason: "scheme"; development: boolean }
  | { reason: "credentials" }
  | { reason: "ip_literal"; host: string }
  | { reason: "hostname"; host: string }
  | { reason: "unresolvable"; host: string }
  | { reason: "address"; host: string; address: string; class: AddressClass };

export type UrlVerdict = { ok: true; url: URL; mustResolve: boolean } | { ok: false; refusal: UrlRefusal };

/** http is allowed in development for exactly these hosts. */
const DEVELOPMENT_HTTP_HOSTS = new Set(["localhost", "127.0.0.1"]);

/**
 * Names that only mean something inside a network: RFC 6761 localhost, mDNS `.local`, the
 * private-use `.internal` (which holds cloud metadata names such as metadata.google.internal)
 * and `.home.arpa`.
 */
const PRIVATE_SUFFIXES = [".localhost", ".local", ".internal", ".home.arpa"];

export function classifyWebhookUrl(raw: string, environment: string | undefined): UrlVerdict {
  const development = isDevelopment(environment);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse({ reason: "malformed" });
  }
  const host = url.hostname.toLowerCase();
  const httpAllowed = development && url.protocol === "http:" && DEVELOPMENT_HTTP_HOSTS.has(host);
  if (url.protocol !== "https:" && !httpAllowed) return refuse({ reason: "scheme", development });
  // Credentials in a URL end up in listings and logs; the signature authenticates us instead.
  if (url.username !== "" || url.password !== "") return refuse({ reason: "credentials" });
  if (development) return { ok: true, url, mustResolve: false };
  // URL parsing already normalised 0x7f.1, 2130706433 and friends to dotted decimal.
  if (isIpLiteral(host)) return refuse({ reason: "ip_literal", host });
  if (isPrivateName(host)) return refuse({ reason: "hostname", host });
  return { ok: true, url, mustResolve: true };
}

/** The first refusal among a host's resolved addresses; a host must resolve to something. */
export function judgeAddresses(host: string, addresses: readonly string[]): UrlRefusal | null {
  if (addresses.length === 0) return { reason: "unresolvable", host };
  for (const address of addresses) {
    const cls = blockedAddressClass(address);
    if (cls) return { reason: "address", host, address, class: cls };
  }
  return null;
}

function isPrivateName(host: string): boolean {
  const name = host.endsWith(".") ? host.slice(0, -1) : host;
  // A single label ("intranet") is resolved against search domains, i.e. the local network.
  if (!name.includes(".")) return true;
  return PRIVATE_SUFFIXES.some((suffix) => name.endsWith(suffix));
}

function refuse(refusal: UrlRefusal): UrlVerdict {
  return { ok: false, refusal };
}
