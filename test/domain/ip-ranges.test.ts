import { describe, expect, it } from "vitest";
import { blockedAddressClass, isIpLiteral, parseIPv4, parseIPv6 } from "../../src/domain/ip-ranges";

describe("blockedAddressClass", () => {
  it.each([
    ["0.0.0.0", "unspecified"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["169.254.169.254", "metadata"],
    ["169.254.10.1", "link-local"],
    ["100.64.0.1", "cgnat"],
    ["100.100.100.200", "cgnat"],
    ["224.0.0.251", "multicast"],
    ["255.255.255.255", "reserved"],
    ["198.18.0.1", "reserved"],
  ])("refuses IPv4 %s as %s", (address, cls) => {
    expect(blockedAddressClass(address)).toBe(cls);
  });

  it.each([
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["fd00:ec2::254", "metadata"],
    ["fd12:3456::1", "unique-local"],
    ["fc00::1", "unique-local"],
    ["fe80::1", "link-local"],
    ["febf::1", "link-local"],
    ["ff02::1", "multicast"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:a9fe:a9fe", "metadata"],
    ["64:ff9b::a00:1", "private"],
    ["2002:c0a8:0101::1", "private"],
    ["[::1]", "loopback"],
    ["::127.0.0.1", "reserved"],
    ["2001:db8::1", "reserved"],
  ])("refuses IPv6 %s as %s", (address, cls) => {
    expect(blockedAddressClass(address)).toBe(cls);
  });

  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "172.32.0.1",
    "100.128.0.1",
    "169.255.0.1",
    "2606:4700:4700::1111",
    "2a00:1450:4001:80b::200e",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808",
  ])("allows the public address %s", (address) => {
    expect(blockedAddressClass(address)).toBeNull();
  });

  it("refuses what it cannot parse rather than guessing", () => {
    for (const text of ["", "not-an-ip", "1.2.3", "1.2.3.256", "01.2.3.4", "fe80::1%eth0", "1::2::3", "12345::"]) {
      expect(blockedAddressClass(text), text).toBe("unparseable");
    }
  });
});

describe("parsing", () => {
  it("reads IPv4 strictly in dotted decimal", () => {
    expect(parseIPv4("192.168.0.1")).toEqual([192, 168, 0, 1]);
    expect(parseIPv4("0x7f.0.0.1")).toBeNull();
  });

  it("expands IPv6 compression and a dotted IPv4 tail", () => {
    expect(parseIPv6("::1")).toEqual([...new Array(15).fill(0), 1]);
    expect(parseIPv6("1:2:3:4:5:6:7:8")?.length).toBe(16);
    expect(parseIPv6("::ffff:1.2.3.4")?.slice(10)).toEqual([0xff, 0xff, 1, 2, 3, 4]);
    expect(parseIPv6("1:2:3:4:5:6:7:8:9")).toBeNull();
    expect(parseIPv6("1:2:3:4:5:6:7:8::")).toBeNull();
  });

  it("tells IP literals from names as URL hostnames spell them", () => {
    expect(isIpLiteral(new URL("https://2130706433/").hostname)).toBe(true);
    expect(isIpLiteral(new URL("https://[::1]/").hostname)).toBe(true);
    expect(isIpLiteral("hooks.example.com")).toBe(false);
    expect(isIpLiteral("1.2.3.example.com")).toBe(false);
  });
});
