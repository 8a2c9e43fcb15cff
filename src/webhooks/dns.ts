/**
 * Resolves a webhook host's A and AAAA records with DNS over HTTPS (Cloudflare's JSON API),
 * since a Worker has no resolver of its own to ask. Answers are cached per host, in the
 * isolate, for their TTL (at most five minutes) so a burst of deliveries to one receiver costs
 * one lookup; failures are not cached.
 */
import { z } from "zod";

export const DOH_ENDPOINT = "https://cloudflare-dns.com/dns-query";

const RECORD_TYPES = { A: 1, AAAA: 28 } as const;
/** DNS RCODEs: NOERROR and NXDOMAIN are answers; anything else is a failed lookup. */
const NOERROR = 0;
const NXDOMAIN = 3;
const MAX_CACHE_SECONDS = 300;
const MAX_CACHED_HOSTS = 1000;
const LOOKUP_TIMEOUT_MS = 5000;

const DohResponseSchema = z.object({
  Status: z.number().int(),
  Answer: z.array(z.object({ type: z.number().int(), TTL: z.number(), data: z.string() })).optional(),
});

export type Resolution = { ok: true; addresses: string[] } | { ok: false; error: string };

const cache = new Map<string, { addresses: string[]; expiresAt: number }>();

export async function resolveHost(host: string): Promise<Resolution> {
  const name = host.toLowerCase();
  const cached = cache.get(name);
  if (cached && cached.expiresAt > Date.now()) return { ok: true, addresses: cached.addresses };
  cache.delete(name);
  const answers = await Promise.all([query(name, "A"), query(name, "AAAA")]);
  const failed = answers.find((a) => "error" in a);
  if (failed && "error" in failed) return { ok: false, error: failed.error };
  const records = answers.flatMap((a) => ("records" in a ? a.records : []));
  const addresses = records.map((r) => r.data);
  const ttl = Math.min(MAX_CACHE_SECONDS, ...records.map((r) => r.TTL));
  if (addresses.length > 0 && ttl > 0) remember(name, addresses, ttl);
  return { ok: true, addresses };
}

type Answer = { records: { data: string; TTL: number }[] } | { error: string };

async function query(name: string, type: keyof typeof RECORD_TYPES): Promise<Answer> {
  const url = `${DOH_ENDPOINT}?name=${encodeURIComponent(name)}&type=${type}`;
  try {
    const response = await fetch(url, { headers: { accept: "application/dns-json" }, signal: AbortSignal.timeout(LOOKUP_TIMEOUT_MS) });
    if (!response.ok) return { error: `DNS lookup of ${name} failed (HTTP ${response.status})` };
    const parsed = DohResponseSchema.safeParse(await response.json());
    if (!parsed.success) return { error: `DNS lookup of ${name} returned an unreadable answer` };
    const { Status, Answer = [] } = parsed.data;
    if (Status === NXDOMAIN) return { records: [] };
    if (Status !== NOERROR) return { error: `DNS lookup of ${name} failed (rcode ${Status})` };
    // CNAME records of the chain come along in Answer; only the addresses count.
    return { records: Answer.filter((a) => a.type === RECORD_TYPES[type]) };
  } catch (error) {
    return { error: `DNS lookup of ${name} failed (${String(error)})` };
  }
}

function remember(name: string, addresses: string[], ttlSeconds: number): void {
  // Oldest first: Map keeps insertion order, so the first key is the least recently stored.
  if (cache.size >= MAX_CACHED_HOSTS) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(name, { addresses, expiresAt: Date.now() + ttlSeconds * 1000 });
}
