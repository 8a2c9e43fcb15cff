import { describe, expect, it } from "vitest";
import { classifyWebhookUrl, judgeAddresses, type UrlVerdict } from "../../src/domain/webhook-url";

const reason = (verdict: UrlVerdict) => (verdict.ok ? "ok" : verdict.refusal.reason);
const production = (url: string) => reason(classifyWebhookUrl(url, "production"));
const development = (url: string) => reason(classifyWebhookUrl(url, "development"));

describe("classifyWebhookUrl outside development", () => {
  it("accepts an https URL naming a public host, to be resolved before use", () => {
    const verdict = classifyWebhookUrl("https://hooks.example.com/taskhive?x=1", "production");
    expect(verdict).toMatchObject({ ok: true, mustResolve: true });
  });

  it("refuses http, even to localhost", () => {
    expect(production("http://hooks.example.com/")).toBe("scheme");
    expect(production("http://localhost:8080/")).toBe("scheme");
    expect(production("http://127.0.0.1/")).toBe("scheme");
    expect(production("ftp://hooks.example.com/")).toBe("scheme");
  });

  it("refuses IP literals in every spelling the URL parser normalises", () => {
    for (const url of [
      "https://8.8.8.8/",
      "https://127.0.0.1/",
      "https://2130706433/",
      "https://0x7f.0.0.1/",
      "https://[::1]/",
      "https://[::ffff:169.254.169.254]/",
    ]) {
      expect(production(url), url).toBe("ip_literal");
    }
  });

  it("refuses local and internal names", () => {
    for (const url of [
      "https://localhost/",
      "https://api.localhost/",
      "https://printer.local/",
      "https://metadata.google.internal/",
      "https://nas.home.arpa/",
      "https://intranet/",
      "https://LOCALHOST./",
    ]) {
      expect(production(url), url).toBe("hostname");
    }
  });

  it("refuses credentials in the URL and what is not a URL", () => {
    expect(production("https://user:pass@hooks.example.com/")).toBe("credentials");
    expect(production("not a url")).toBe("malformed");
  });
});

describe("classifyWebhookUrl in development", () => {
  it("allows http only to localhost and 127.0.0.1, and checks no addresses", () => {
    expect(classifyWebhookUrl("http://127.0.0.1:9000/hook", "development")).toMatchObject({ ok: true, mustResolve: false });
    expect(development("http://localhost/hook")).toBe("ok");
    expect(development("https://10.0.0.5/hook")).toBe("ok");
    expect(development("http://192.168.1.10/hook")).toBe("scheme");
    expect(development("http://hooks.example.com/")).toBe("scheme");
  });

  it("says in its refusal that development allows local http", () => {
    expect(classifyWebhookUrl("http://example.com", "development")).toEqual({
      ok: false,
      refusal: { reason: "scheme", development: true },
    });
  });
});

describe("judgeAddresses", () => {
  it("accepts a host whose every address is public", () => {
    expect(judgeAddresses("hooks.example.com", ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"])).toBeNull();
  });

  it("refuses a host with any non-public address, naming it", () => {
    expect(judgeAddresses("rebind.example.com", ["93.184.215.14", "169.254.169.254"])).toEqual({
      reason: "address",
      host: "rebind.example.com",
      address: "169.254.169.254",
      class: "metadata",
    });
    expect(judgeAddresses("v6.example.com", ["fd00::5"])).toMatchObject({ reason: "address", class: "unique-local" });
  });

  it("refuses a host that resolves to nothing", () => {
    expect(judgeAddresses("gone.example.com", [])).toEqual({ reason: "unresolvable", host: "gone.example.com" });
  });
});
