/**
 * The TaskRoom's SQLite schema, as forward-only steps applied when a room wakes: what its
 * storage holds is in store.ts, how it got that shape is here.
 */
import { settleTask } from "../../domain/ledger";
import { TaskRecordSchema } from "../../domain/task";

type Row = Record<string, SqlStorageValue>;
/** A step: statements to run, or code for what SQL alone cannot compute. */
type Step = readonly string[] | ((sql: SqlStorage) => void);

/**
 * A room whose task completed before payments were recorded by the room: its payment, as the
 * completing command would have recorded it at its last event. Replaying it is harmless, since
 * its transfer keys make the ledger write it once; a room already projected never sends it.
 */
function recordEarlierPayment(sql: SqlStorage): void {
  const row = sql.exec<Row>(`SELECT record FROM task LIMIT 1`).toArray()[0];
  if (!row) return;
  const task = TaskRecordSchema.parse(JSON.parse(String(row.record)));
  if (task.status !== "completed" || task.acceptedClaimId === null) return;
  const claim = sql.exec<Row>(`SELECT agent_id, operator_id FROM claims WHERE id = ?`, task.acceptedClaimId).toArray()[0];
  const last = sql.exec<Row>(`SELECT max(seq) AS seq FROM events`).toArray()[0];
  if (!claim || !last) return;
  const { transfers } = settleTask(task.id, Number(claim.operator_id), task.budgetCredits);
  sql.exec(
    `INSERT INTO payments (version, agent_id, transfers) VALUES (?, ?, ?)`,
    Number(last.seq),
    Number(claim.agent_id),
    JSON.stringify(transfers),
  );
}

/** Forward-only schema steps; the index of the last applied step is kept in `schema_version`. */
const SCHEMA: readonly Step[] = [
  [
    `CREATE TABLE task (id INTEGER PRIMARY KEY, record TEXT NOT NULL)`,
    `CREATE TABLE claims (
      id INTEGER PRIMARY KEY, agent_id INTEGER NOT NULL, operator_id INTEGER NOT NULL,
      proposed_credits INTEGER NOT NULL, message TEXT, status TEXT NOT NULL,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL, version INTEGER NOT NULL)`,
    `CREATE INDEX claims_agent ON claims (agent_id, status)`,
    `CREATE INDEX claims_version ON claims (version)`,
    `CREATE TABLE deliverables (
      id INTEGER PRIMARY KEY, agent_id INTEGER NOT NULL, claim_id INTEGER NOT NULL,
      content TEXT NOT NULL, status TEXT NOT NULL, revision_number INTEGER NOT NULL,
      revision_notes TEXT, rejection_reason TEXT, submitted_at TEXT NOT NULL,
      updated_at TEXT NOT NULL, version INTEGER NOT NULL)`,
    `CREATE INDEX deliverables_claim ON deliverables (claim_id)`,
    `CREATE INDEX deliverables_version ON deliverables (version)`,
    `CREATE TABLE events (seq INTEGER PRIMARY KEY, type TEXT NOT NULL, data TEXT NOT NULL, occurred_at TEXT NOT NULL)`,
    `CREATE TABLE cursors (name TEXT PRIMARY KEY, seq INTEGER NOT NULL)`,
  ],
  // The agents each event is sent to, fixed when it happens (see domain/event-audience.ts).
  [`ALTER TABLE events ADD COLUMN audience TEXT NOT NULL DEFAULT '[]'`],
  // Whose key pays for each submission's review, decided once (see review-commands.ts).
  [`CREATE TABLE review_keys (deliverable_id INTEGER PRIMARY KEY, source TEXT NOT NULL)`],
  // The verdict applied to each submission, so a reviewer retried after applying it is answered
  // with that verdict instead of being treated as superseded.
  [`ALTER TABLE review_keys ADD COLUMN result TEXT`],
  // The transfers a completing command decided (domain/ledger.ts), which the projection writes as
  // given; `version` is the command's, `agent_id` the paid agent's (its completed count is derived).
  [`CREATE TABLE payments (version INTEGER PRIMARY KEY, agent_id INTEGER NOT NULL, transfers TEXT NOT NULL)`],
  recordEarlierPayment,
  // One follower of the log (one step to the queue, carrying D1) instead of two: it resumes where both had got to.
  [
    `INSERT INTO cursors (name, seq)
       SELECT 'outbox', CASE WHEN count(*) = 2 THEN min(seq) ELSE 0 END FROM cursors WHERE name IN ('d1', 'queue')`,
    `DELETE FROM cursors WHERE name IN ('d1', 'queue')`,
  ],
  // Parts of the task posted as subtasks (domain/subtasks.ts): each with the record its room is
  // created from (by the outbox until `created`), its reserved budget and how it ended. Safe to
  // meet again, as in a room whose recorded version was set back by hand.
  [
    `CREATE TABLE IF NOT EXISTS delegations (
      child_id INTEGER PRIMARY KEY, budget INTEGER NOT NULL, state TEXT NOT NULL, record TEXT NOT NULL,
      created INTEGER NOT NULL DEFAULT 0, posted_at INTEGER NOT NULL, version INTEGER NOT NULL)`,
  ],
];

/**
 * The shape every step above arrives at, created at once for a new room: its first touch runs
 * these statements instead of replaying each step (a test proves both give the same schema).
 */
const LATEST: readonly string[] = [
  `CREATE TABLE task (id INTEGER PRIMARY KEY, record TEXT NOT NULL)`,
  `CREATE TABLE claims (
    id INTEGER PRIMARY KEY, agent_id INTEGER NOT NULL, operator_id INTEGER NOT NULL,
    proposed_credits INTEGER NOT NULL, message TEXT, status TEXT NOT NULL,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, version INTEGER NOT NULL)`,
  `CREATE INDEX claims_agent ON claims (agent_id, status)`,
  `CREATE INDEX claims_version ON claims (version)`,
  `CREATE TABLE deliverables (
    id INTEGER PRIMARY KEY, agent_id INTEGER NOT NULL, claim_id INTEGER NOT NULL,
    content TEXT NOT NULL, status TEXT NOT NULL, revision_number INTEGER NOT NULL,
    revision_notes TEXT, rejection_reason TEXT, submitted_at TEXT NOT NULL,
    updated_at TEXT NOT NULL, version INTEGER NOT NULL)`,
  `CREATE INDEX deliverables_claim ON deliverables (claim_id)`,
  `CREATE INDEX deliverables_version ON deliverables (version)`,
  `CREATE TABLE events (
    seq INTEGER PRIMARY KEY, type TEXT NOT NULL, data TEXT NOT NULL, occurred_at TEXT NOT NULL,
    audience TEXT NOT NULL DEFAULT '[]')`,
  `CREATE TABLE cursors (name TEXT PRIMARY KEY, seq INTEGER NOT NULL)`,
  `CREATE TABLE review_keys (deliverable_id INTEGER PRIMARY KEY, source TEXT NOT NULL, result TEXT)`,
  `CREATE TABLE payments (version INTEGER PRIMARY KEY, agent_id INTEGER NOT NULL, transfers TEXT NOT NULL)`,
  `CREATE TABLE delegations (
    child_id INTEGER PRIMARY KEY, budget INTEGER NOT NULL, state TEXT NOT NULL, record TEXT NOT NULL,
    created INTEGER NOT NULL DEFAULT 0, posted_at INTEGER NOT NULL, version INTEGER NOT NULL)`,
  `CREATE TABLE schema_version (version INTEGER NOT NULL)`,
];

/**
 * Brings a room's storage to the latest schema: a new room (`versioned` false) gets it at once;
 * an existing one applies the steps it has not yet applied, and only reads when up to date.
 */
export function migrate(sql: SqlStorage, versioned: boolean): void {
  if (!versioned) {
    for (const statement of LATEST) sql.exec(statement);
    sql.exec(`INSERT INTO schema_version (version) VALUES (?)`, SCHEMA.length);
    return;
  }
  const current = Number(sql.exec<Row>(`SELECT max(version) AS v FROM schema_version`).toArray()[0]?.v ?? 0);
  SCHEMA.slice(current).forEach((step, i) => {
    if (typeof step === "function") step(sql);
    else for (const statement of step) sql.exec(statement);
    sql.exec(`INSERT INTO schema_version (version) VALUES (?)`, current + i + 1);
  });
}
