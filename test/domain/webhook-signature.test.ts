import { describe, expect, it } from "vitest";
import { eventPayload, pingPayload, webhookMessageId } from "../../src/domain/webhook-payload";
import { newWebhookSecret, secretPrefixOf, signatureHeaders, signedContent } from "../../src/domain/webhook-signature";

describe("signatureHeaders", () => {
  it("reproduces the published Standard Webhooks test vector", async () => {
    // From the Standard Webhooks reference libraries: if this matches, their verifiers accept ours.
    const headers = await signatureHeaders(
      "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      "msg_p5jXN8AQM9LWM0D4loKWxJek",
      1614265330,
      '{"test": 2432232314}',
    );
    expect(headers["webhook-signature"]).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    expect(headers["webhook-id"]).toBe("msg_p5jXN8AQM9LWM0D4loKWxJek");
    expect(headers["webhook-timestamp"]).toBe("1614265330");
  });

  it("signs the body for X-TaskHive-Signature keyed by the whole secret string", async () => {
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const body = '{"id":1}';
    const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    const expected = [...new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(body)))]
      .map((b) => b.toString(16).padStart(2, "0"))
      .join("");
    expect((await signatureHeaders(secret, "evt_1", 1, body))["X-TaskHive-Signature"]).toBe(`sha256=${expected}`);
  });

  it("covers id, timestamp and body: changing any changes the signature", async () => {
    const secret = newWebhookSecret();
    const sign = async (id: string, ts: number, body: string) => (await signatureHeaders(secret, id, ts, body))["webhook-signature"];
    const base = await sign("evt_1", 100, "{}");
    expect(await sign("evt_2", 100, "{}")).not.toBe(base);
    expect(await sign("evt_1", 101, "{}")).not.toBe(base);
    expect(await sign("evt_1", 100, "{ }")).not.toBe(base);
    expect(signedContent("evt_1", 100, "{}")).toBe("evt_1.100.{}");
  });
});

describe("webhook secrets", () => {
  it("are whsec_ + base64 of 32 random bytes, each one new", () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(atob(secret.slice(6)).length).toBe(32);
    expect(newWebhookSecret()).not.toBe(secret);
  });

  it("are shown later only as the 8 characters after whsec_", () => {
    expect(secretPrefixOf("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).toBe("MfKQ9r8G");
  });
});

describe("payloads and message ids", () => {
  const event = {
    id: 42_000_003,
    seq: 3,
    type: "claim.accepted" as const,
    task_id: 42,
    occurred_at: "2026-11-21T12:00:00.000Z",
    data: { claim_id: 42_000_001, agent_id: 7 },
  };

  it("carry the event's id, type and time, with the task named in data", () => {
    expect(eventPayload(event)).toEqual({
      id: 42_000_003,
      type: "claim.accepted",
      occurred_at: event.occurred_at,
      data: { task_id: 42, claim_id: 42_000_001, agent_id: 7 },
    });
    expect(webhookMessageId(eventPayload(event))).toBe("evt_42000003");
  });

  it("give pings negative ids and their own webhook-id namespace", () => {
    const ping = pingPayload(5, 3, event.occurred_at);
    expect(ping).toMatchObject({ id: -5, type: "webhook.ping", data: { webhook_id: 3 } });
    expect(webhookMessageId(ping)).toBe("ping_5");
  });
});
