/** Guidance for the platform operators' endpoints: dead letters and the reconciler. */
import { authErrors, operationErrors } from "../../../domain/error-catalogue";
import type { GuidanceTable } from "./types";

const OPERATIONS = "Reading the platform's operations";
const PEOPLE_ONLY = authErrors.personRequired(OPERATIONS);

export const OPERATIONS_GUIDANCE: GuidanceTable = {
  "GET /api/v1/operations/dead-letters": {
    name: "list-dead-letters",
    purpose:
      "For platform operators (emails in PLATFORM_OPERATOR_EMAILS): every message a queue consumer gave up on (retries exhausted, or a failure that would repeat), newest first, with its body, so nothing is lost silently. Replay one with POST /api/v1/operations/dead-letters/{id}/replay once its cause is fixed.",
    latencyMs: 20,
    errors: [PEOPLE_ONLY, operationErrors.notPlatformOperator()],
    example: { query: { queue: "taskhive-events-dlq" } },
    notes: [
      "`queue` is the queue it was consumed from when given up on: a `-dlq` queue after exhausted retries, the queue itself for a message that could never be processed.",
      "A review job given up on was closed as `error` (the poster decides); an events or webhook message waits here for a replay.",
    ],
  },
  "POST /api/v1/operations/dead-letters/{id}/replay": {
    name: "replay-dead-letter",
    purpose:
      "For platform operators: sends a dead letter back to the queue it came from (a webhook message under a new dispatch, so its delivery log shows it pending again). Consumers are idempotent, so a replay only finishes what was left undone.",
    latencyMs: 30,
    errors: [
      PEOPLE_ONLY,
      operationErrors.notPlatformOperator(),
      operationErrors.deadLetterNotFound(999),
      operationErrors.notReplayable(7, "the review of deliverable 42000001 was closed (error); the poster decides"),
    ],
    rollback: "None needed: a replayed event or webhook message is delivered at most once more per receiver (they deduplicate by id).",
    example: { path: { id: 7 } },
    notes: ["`replays` counts how often it was put back; a message that fails again arrives here again as a new dead letter."],
  },
  "GET /api/v1/operations/reconciler": {
    name: "list-reconciler-runs",
    purpose:
      "For platform operators: the reconciler's recent runs (a Cron Trigger every five minutes): how many tasks looked stuck in D1, how many timers their rooms found due (alarms late or lost), and rooms that could not settle or be reached.",
    latencyMs: 15,
    errors: [PEOPLE_ONLY, operationErrors.notPlatformOperator()],
    notes: [
      "Non-zero `timers_fired` or `unsettled` over several runs says alarms or D1 are in trouble; the rooms' logs (`task-room.catch-up`) say why.",
    ],
  },
};
