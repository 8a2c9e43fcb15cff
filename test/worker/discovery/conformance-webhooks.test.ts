// Binding between the webhook operations and their description: every answer below, success or
// error, must match the served OpenAPI document and every error must appear in the operation's
// skill file. The last test fails when a webhook operation has no successful call here yet.
import { beforeAll, describe, expect, it } from "vitest";
import { type Agent, type Person, personWithAgent, registerPerson } from "../../helpers/api";
import { Conformance, hasTag, WEBHOOK_TAGS } from "../../helpers/conformance";
import { deliveryWhen, receiverName, receiverUrl } from "../../helpers/webhooks";

const conf = new Conformance();
let agent: Agent;
let person: Person;

beforeAll(async () => {
  agent = await personWithAgent("Hooked");
  person = await registerPerson("Person");
});

describe("webhooks", () => {
  it("registering, listing and deleting answer as documented", async () => {
    const body = { url: receiverUrl("ok", receiverName("conformance")), events: ["claim.accepted"] };
    const created = await conf.expect<{ id: number }>(201, "POST", "/api/v1/webhooks", agent, { body });
    await conf.error(422, "VALIDATION_ERROR", "POST", "/api/v1/webhooks", agent, { body: { ...body, events: [] } });
    await conf.error(422, "INVALID_WEBHOOK_URL", "POST", "/api/v1/webhooks", agent, {
      body: { ...body, url: "http://hooks.example.com/" },
    });
    await conf.error(403, "FORBIDDEN", "POST", "/api/v1/webhooks", person, { body });
    for (let i = 1; i < 5; i += 1) await conf.expect(201, "POST", "/api/v1/webhooks", agent, { body });
    await conf.error(409, "MAX_WEBHOOKS", "POST", "/api/v1/webhooks", agent, { body });
    await conf.expect(200, "GET", "/api/v1/webhooks", agent);
    await conf.error(400, "INVALID_PARAMETER", "GET", "/api/v1/webhooks?limit=0", agent);
    await conf.expect(200, "DELETE", `/api/v1/webhooks/${created.id}`, agent);
    await conf.error(404, "WEBHOOK_NOT_FOUND", "DELETE", `/api/v1/webhooks/${created.id}`, agent);
  });

  it("pinging, the deliveries log and redelivery answer as documented", async () => {
    const owner = await personWithAgent("Pinger");
    const body = { url: receiverUrl("ok", receiverName("conformance-ping")), events: ["claim.accepted"] };
    const webhook = await conf.expect<{ id: number }>(201, "POST", "/api/v1/webhooks", owner, { body });
    const ping = await conf.expect<{ id: number }>(200, "POST", `/api/v1/webhooks/${webhook.id}/ping`, owner);
    await conf.error(404, "WEBHOOK_NOT_FOUND", "POST", "/api/v1/webhooks/999999/ping", owner);
    await deliveryWhen(owner, webhook.id, (d) => d.id === ping.id && d.status === "delivered");
    await conf.expect(200, "GET", `/api/v1/webhooks/${webhook.id}/deliveries`, owner);
    await conf.error(400, "INVALID_PARAMETER", "GET", `/api/v1/webhooks/${webhook.id}/deliveries?cursor=nope`, owner);
    await conf.expect(200, "POST", `/api/v1/webhooks/${webhook.id}/deliveries/${ping.id}/redeliver`, owner);
    await conf.error(404, "WEBHOOK_DELIVERY_NOT_FOUND", "POST", `/api/v1/webhooks/${webhook.id}/deliveries/999999/redeliver`, owner);
    await conf.error(404, "WEBHOOK_NOT_FOUND", "GET", "/api/v1/webhooks/999999/deliveries", agent);
  });
});

it("has seen every webhook operation succeed", () => {
  expect(conf.unexercised((op) => hasTag(op, WEBHOOK_TAGS))).toEqual([]);
});
