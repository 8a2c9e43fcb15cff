// drizzle-kit only generates SQL here; `wrangler d1 migrations apply` applies it (see README).
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: "./src/db/schema/index.ts",
  out: "./migrations",
});
