// URL safety in a production-like setting (ENVIRONMENT=production, DNS answered by a fake
// DNS-over-HTTPS resolver): registration refuses http, IP literals, local and internal names,
// and hosts that resolve to any non-public address; deliveries re-check the URL (DNS may have
// changed since) and every redirect target. The address classifier itself is unit-tested in
// test/domain/ip-ranges.test.ts and test/domain/webhook-url.test.ts.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type Agent, personWithAgent } from "../../helpers/api";
import { expectError } from "../../helpers/http";
import { fakeNetwork, PRODUCTION, productionCall, type Zone } from "../../helpers/production";
import { consumeOnce, deliveries, messageState, unqueuedPing, webhookState } from "../../helpers/webhooks";

const ZONE: Zone = {
  "hooks.example.com": { A: ["93.184.215.14"], AAAA: ["2606:2800:21f:cb07:6820:80da:af6b:8b2c"] },
  "private.example.com": { A: ["93.184.215.14", "10.0.0.8"] },
  "metadata.example.com": { A: ["169.254.169.254"] },
  "ula.example.com": { AAAA: ["fd00::1"] },
  "empty.example.com": {},
  "broken.example.com": { status: 2 },
};

let agent: Agent;

beforeAll(async () => {
  agent = await personWithAgent("Careful");
});

afterEach(() => {
  vi.restoreAllMocks();
});

const register = (url: string) => productionCall("POST", "/api/v1/webhooks", agent, { url, events: ["claim.accepted"] });

describe("registration outside development", () => {
  it("accepts an https URL whose host resolves only to public addresses", async () => {
    fakeNetwork(ZONE);
    const created = await register("https://hooks.example.com/taskhive");
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await productionCall("DELETE", `/api/v1/webhooks/${created.body.data["id"]}`, agent);
  });

  it.each([
    ["http://hooks.example.com/", "url must use https"],
    ["http://localhost:8787/", "url must use https"],
    ["https://10.0.0.1/", "url must name a host, not an IP address (got 10.0.0.1)"],
    ["https://[::1]/", "url must name a host, not an IP address (got [::1])"],
    ["https://localhost/", "url names a local or internal host (localhost)"],
    ["https://db.internal/", "url names a local or internal host (db.internal)"],
    ["https://private.example.com/", "url host private.example.com resolves to 10.0.0.8, a private address"],
    ["https://metadata.example.com/", "url host metadata.example.com resolves to 169.254.169.254, a metadata address"],
    ["https://ula.example.com/", "url host ula.example.com resolves to fd00::1, a unique-local address"],
    ["https://empty.example.com/", "url host empty.example.com does not resolve to any address"],
    ["https://nowhere.example.com/", "url host nowhere.example.com does not resolve to any address"],
  ])("refuses %s", async (url, message) => {
    fakeNetwork(ZONE);
    expectError(await register(url), 422, "INVALID_WEBHOOK_URL", message);
  });

  it("answers 503 when the host cannot be looked up", async () => {
    fakeNetwork(ZONE);
    expectError(await register("https://broken.example.com/"), 503, "SERVICE_UNAVAILABLE", /could not be checked/);
  });

  it("asks DNS once per host while the answer's TTL lasts", async () => {
    const lookups = fakeNetwork({ "cached.example.com": { A: ["93.184.215.14"] } });
    for (let i = 0; i < 2; i += 1) {
      const created = await register("https://cached.example.com/hook");
      expect(created.status).toBe(201);
      await productionCall("DELETE", `/api/v1/webhooks/${created.body.data["id"]}`, agent);
    }
    expect(lookups).toEqual(["cached.example.com A", "cached.example.com AAAA"]);
  });
});

describe("delivery outside development", () => {
  it("re-checks the URL before each attempt and sends nothing to a host that now resolves privately", async () => {
    // TTL 0: the public answer seen at registration is not cached, as after its TTL ran out.
    fakeNetwork({ "rebinding.example.com": { A: ["93.184.215.14"], ttl: 0 } });
    const created = await register("https://rebinding.example.com/hook");
    expect(created.status).toBe(201);
    const webhookId = Number(created.body.data["id"]);
    vi.restoreAllMocks();
    let sent = 0;
    fakeNetwork(
      { "rebinding.example.com": { A: ["127.0.0.1"] } },
      {
        "https://rebinding.example.com": () => {
          sent += 1;
          return new Response("ok");
        },
      },
    );

    const ping = await unqueuedPing(webhookId);
    expect(await consumeOnce(ping, 1, undefined, PRODUCTION)).toMatchObject({ retried: true });
    expect(sent).toBe(0);
    expect((await webhookState(webhookId)).consecutive_failures).toBe(1);
    const [log] = await deliveries(agent, webhookId);
    expect(log?.attempts[0]).toMatchObject({
      status_code: null,
      error: "not sent: url host rebinding.example.com resolves to 127.0.0.1, a loopback address",
    });
  });

  it("refuses to follow a redirect to a private address", async () => {
    let insideHits = 0;
    fakeNetwork(
      { "public.example.com": { A: ["93.184.215.14"] }, "inside.example.com": { A: ["192.168.1.5"] } },
      {
        "https://public.example.com": () => new Response(null, { status: 307, headers: { location: "https://inside.example.com/admin" } }),
        "https://inside.example.com": () => {
          insideHits += 1;
          return new Response("secret");
        },
      },
    );
    const created = await register("https://public.example.com/hook");
    expect(created.status).toBe(201);
    const webhookId = Number(created.body.data["id"]);
    const ping = await unqueuedPing(webhookId);
    expect(await consumeOnce(ping, 1, undefined, PRODUCTION)).toMatchObject({ retried: true });
    expect(insideHits).toBe(0);
    expect((await messageState(ping.id)).status).toBe("pending");
    const [log] = await deliveries(agent, webhookId);
    expect(log?.attempts[0]).toMatchObject({
      status_code: 307,
      error: "redirect to https://inside.example.com/admin refused: url host inside.example.com resolves to 192.168.1.5, a private address",
    });
  });
});
