// Binding between the platform operators' endpoints and their description: every answer below
// must match the served OpenAPI document and every error must appear in the operation's skill
// file. The last test fails when an operations endpoint has no successful call here yet.
import { createMessageBatch } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { consumeDeadLetters } from "../../../src/queues/dead-letters";
import { platformOperator, registerPerson } from "../../helpers/api";
import { Conformance, hasTag, OPERATIONS_TAGS } from "../../helpers/conformance";

const conf = new Conformance();

it("dead letters and the reconciler's runs answer as documented", async () => {
  const ops = await platformOperator();
  const someone = await registerPerson("Someone");
  const body = { v: 1, event: { not: "valid" }, audience: [] };
  await consumeDeadLetters(
    createMessageBatch("taskhive-events-dlq", [{ id: crypto.randomUUID(), timestamp: new Date(), attempts: 10, body }]),
    env,
  );
  const [letter] = await conf.expect<{ id: number }[]>(200, "GET", "/api/v1/operations/dead-letters", ops);
  await conf.expect(200, "GET", "/api/v1/operations/dead-letters?queue=taskhive-events-dlq&limit=5", ops);
  await conf.error(400, "INVALID_PARAMETER", "GET", "/api/v1/operations/dead-letters?queue=elsewhere", ops);
  await conf.error(403, "FORBIDDEN", "GET", "/api/v1/operations/dead-letters", someone);
  await conf.error(409, "NOT_REPLAYABLE", "POST", `/api/v1/operations/dead-letters/${letter?.id}/replay`, ops);
  await conf.error(404, "DEAD_LETTER_NOT_FOUND", "POST", "/api/v1/operations/dead-letters/999999/replay", ops);

  const good = { v: 1, task_id: 1, deliverable_id: 1_000_001 };
  await consumeDeadLetters(
    createMessageBatch("taskhive-reviews-dlq", [{ id: crypto.randomUUID(), timestamp: new Date(), attempts: 5, body: good }]),
    env,
  );
  const [review] = await conf.expect<{ id: number }[]>(200, "GET", "/api/v1/operations/dead-letters?queue=taskhive-reviews-dlq", ops);
  await conf.expect(200, "POST", `/api/v1/operations/dead-letters/${review?.id}/replay`, ops);

  await conf.expect(200, "GET", "/api/v1/operations/reconciler", ops);
  await conf.error(403, "FORBIDDEN", "GET", "/api/v1/operations/reconciler", someone);
});

it("has seen every operations endpoint succeed", () => {
  expect(conf.unexercised((op) => hasTag(op, OPERATIONS_TAGS))).toEqual([]);
});
