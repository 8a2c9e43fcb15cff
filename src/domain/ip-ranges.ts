/**
 * Which IP addresses a webhook may never reach: loopback, private, link-local, carrier-grade
 * NAT, unique-local, multicast, unspecified, cloud metadata and other reserved ranges. A
 * webhook URL is chosen by an agent, so without this check a delivery could be aimed at the
 * platform's own network (SSRF). IPv6 forms that embed an IPv4 address (mapped, NAT64, 6to4)
 * are judged by the address they embed. Anything that does not parse is refused: fail closed.
 */

export type AddressClass =
  | "unspecified"
  | "loopback"
  | "private"
  | "link-local"
  | "cgnat"
  | "unique-local"
  | "multicast"
  | "metadata"
  | "reserved"
  | "unparseable";

interface Range {
  bytes: readonly number[];
  prefix: number;
  class: AddressClass;
}

const v4 = (text: string, prefix: number, cls: AddressClass): Range => ({ bytes: parseIPv4(text) ?? [], prefix, class: cls });
const v6 = (text: string, prefix: number, cls: AddressClass): Range => ({ bytes: parseIPv6(text) ?? [], prefix, class: cls });

// Order matters: the first matching range names the class, so exact metadata addresses come
// before the ranges that contain them.
const IPV4_RANGES: readonly Range[] = [
  v4("169.254.169.254", 32, "metadata"), // AWS, GCP, Azure, OpenStack instance metadata
  v4("0.0.0.0", 8, "unspecified"),
  v4("10.0.0.0", 8, "private"),
  v4("100.64.0.0", 10, "cgnat"), // also Alibaba's metadata at 100.100.100.200
  v4("127.0.0.0", 8, "loopback"),
  v4("169.254.0.0", 16, "link-local"),
  v4("172.16.0.0", 12, "private"),
  v4("192.0.0.0", 24, "reserved"), // IETF protocol assignments (and Oracle's 192.0.0.192 metadata)
  v4("192.0.2.0", 24, "reserved"), // documentation
  v4("192.168.0.0", 16, "private"),
  v4("198.18.0.0", 15, "reserved"), // benchmarking
  v4("198.51.100.0", 24, "reserved"), // documentation
  v4("203.0.113.0", 24, "reserved"), // documentation
  v4("224.0.0.0", 4, "multicast"),
  v4("240.0.0.0", 4, "reserved"), // future use and 255.255.255.255 broadcast
];

const IPV6_RANGES: readonly Range[] = [
  v6("fd00:ec2::254", 128, "metadata"), // AWS instance metadata over IPv6
  v6("::", 128, "unspecified"),
  v6("::1", 128, "loopback"),
  v6("::", 8, "reserved"), // IPv4-compatible and other IETF-reserved forms (mapped ones are unwrapped first)
  v6("64:ff9b:1::", 48, "reserved"), // local-use NAT64
  v6("100::", 64, "reserved"), // discard-only
  v6("2001:db8::", 32, "reserved"), // documentation
  v6("fc00::", 7, "unique-local"),
  v6("fe80::", 10, "link-local"),
  v6("fec0::", 10, "private"), // deprecated site-local
  v6("ff00::", 8, "multicast"),
];

/** The class that makes `address` unreachable for webhooks, or null for a public address. */
export function blockedAddressClass(address: string): AddressClass | null {
  const ipv4 = parseIPv4(address);
  if (ipv4) return classify(ipv4, IPV4_RANGES);
  const ipv6 = parseIPv6(address);
  if (!ipv6) return "unparseable";
  const embedded = embeddedIPv4(ipv6);
  if (embedded) return classify(embedded, IPV4_RANGES);
  return classify(ipv6, IPV6_RANGES);
}

/** Whether `host` (a URL's hostname) is an IP address rather than a name. */
export function isIpLiteral(host: string): boolean {
  return parseIPv4(host) !== null || (host.startsWith("[") && host.endsWith("]"));
}

/** Four octets from strict dotted decimal (what URL parsing and DNS answers produce), or null. */
export function parseIPv4(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  const octets = parts.map((p) => (/^(0|[1-9][0-9]{0,2})$/.test(p) ? Number(p) : Number.NaN));
  return octets.every((o) => o <= 255) ? octets : null;
}

/** Sixteen bytes from an IPv6 address (brackets allowed, `::` and a dotted IPv4 tail too), or null. */
export function parseIPv6(text: string): number[] | null {
  const bare = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  if (!/^[0-9a-fA-F:.]+$/.test(bare)) return null;
  const halves = bare.split("::");
  if (halves.length > 2) return null;
  const groups = (half: string | undefined) => (half ? half.split(":") : []);
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  const words: number[] = [];
  const toWords = (list: string[]): number[] | null => {
    const out: number[] = [];
    for (const [i, group] of list.entries()) {
      if (i === list.length - 1 && group.includes(".")) {
        const octets = parseIPv4(group);
        if (!octets) return null;
        out.push(((octets[0] ?? 0) << 8) | (octets[1] ?? 0), ((octets[2] ?? 0) << 8) | (octets[3] ?? 0));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(group)) out.push(Number.parseInt(group, 16));
      else return null;
    }
    return out;
  };
  const headWords = toWords(head);
  const tailWords = toWords(tail);
  if (!headWords || !tailWords) return null;
  const missing = 8 - headWords.length - tailWords.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  words.push(...headWords, ...new Array<number>(halves.length === 1 ? 0 : missing).fill(0), ...tailWords);
  return words.flatMap((w) => [w >> 8, w & 0xff]);
}

/** The IPv4 address inside an IPv4-mapped (::ffff:0:0/96), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
function embeddedIPv4(bytes: readonly number[]): number[] | null {
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return bytes.slice(12, 16);
  if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && zeros(4, 12)) return bytes.slice(12, 16);
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return bytes.slice(2, 6);
  return null;
}

function classify(bytes: readonly number[], ranges: readonly Range[]): AddressClass | null {
  return ranges.find((range) => inRange(bytes, range))?.class ?? null;
}

function inRange(bytes: readonly number[], range: Range): boolean {
  if (bytes.length !== range.bytes.length) return false;
  for (let bit = 0; bit < range.prefix; bit += 8) {
    const remaining = Math.min(8, range.prefix - bit);
    const mask = (0xff << (8 - remaining)) & 0xff;
    const index = bit / 8;
    if (((bytes[index] ?? 0) & mask) !== ((range.bytes[index] ?? 0) & mask)) return false;
  }
  return true;
}
