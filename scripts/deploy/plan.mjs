// What `npm run deploy` must make exist and do, read from wrangler.toml alone (never from a
// second list): every D1 database and every queue it names (producers, consumers and their
// dead-letter queues), the migrations to apply, and the Worker to deploy. Pure: the parsed
// configuration in, the plan out.
import { readdirSync } from "node:fs";
import { join } from "node:path";

/**
 * @typedef {{ name?: string, vars?: Record<string, unknown>,
 *   d1_databases?: { binding: string, database_name?: string, migrations_dir?: string }[],
 *   queues?: { producers?: { queue: string }[], consumers?: { queue: string, dead_letter_queue?: string }[] } }} WranglerConfig
 * @typedef {{ binding: string, name: string, migrationsDir: string, migrations: string[] }} PlannedDatabase
 * @typedef {{ worker: string | undefined, databases: PlannedDatabase[], queues: string[], secrets: string[] }} DeployPlan
 */

/**
 * The resources and steps of a deploy, in the order they run.
 * @param {WranglerConfig} config the parsed wrangler.toml
 * @param {(dir: string) => string[]} migrationFiles the migration files in a folder
 * @returns {DeployPlan}
 */
export function planDeploy(config, migrationFiles) {
  const environment = config.vars?.ENVIRONMENT;
  if (environment !== "production") {
    throw new Error(
      `wrangler.toml sets ENVIRONMENT = ${JSON.stringify(environment)}; a deploy ships only "production" (development belongs in .dev.vars)`,
    );
  }
  const databases = (config.d1_databases ?? []).map((d1) => {
    if (!d1.database_name) throw new Error(`the D1 binding ${d1.binding} has no database_name in wrangler.toml`);
    const migrationsDir = d1.migrations_dir ?? "migrations";
    return { binding: d1.binding, name: d1.database_name, migrationsDir, migrations: migrationFiles(migrationsDir) };
  });
  /** @type {string[]} */
  const queues = [];
  /** @param {string | undefined} name */
  const add = (name) => {
    if (name && !queues.includes(name)) queues.push(name);
  };
  for (const producer of config.queues?.producers ?? []) add(producer.queue);
  for (const consumer of config.queues?.consumers ?? []) {
    add(consumer.queue);
    add(consumer.dead_letter_queue);
  }
  return { worker: config.name, databases, queues, secrets: ["ENCRYPTION_KEY"] };
}

/**
 * The SQL migrations in `dir` (relative to `root`), in the order wrangler applies them.
 * @param {string} root
 */
export function migrationsIn(root) {
  return (/** @type {string} */ dir) =>
    readdirSync(join(root, dir))
      .filter((file) => file.endsWith(".sql"))
      .sort();
}

/**
 * The plan as numbered lines a person can check before anything runs.
 * @param {DeployPlan} plan
 */
export function describePlan(plan) {
  const steps = [];
  for (const db of plan.databases) steps.push(`ensure D1 database "${db.name}" exists (binding ${db.binding}); create it if missing`);
  for (const queue of plan.queues) steps.push(`ensure queue "${queue}" exists; create it if missing`);
  for (const db of plan.databases) {
    const names = db.migrations.map((file) => file.replace(/\.sql$/, ""));
    steps.push(`apply the pending D1 migrations of "${db.name}" from ./${db.migrationsDir} (${names.length}: ${names.join(", ")})`);
  }
  steps.push(`wrangler deploy: Worker "${plan.worker}" with ENVIRONMENT = "production"`);
  for (const secret of plan.secrets) steps.push(`check that the secret ${secret} is set; say how to set it if not`);
  return steps.map((step, i) => `  ${i + 1}. ${step}`);
}
