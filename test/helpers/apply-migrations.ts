// Runs before each test file: its D1 starts from the same migrations `npm run dev` applies.
import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
