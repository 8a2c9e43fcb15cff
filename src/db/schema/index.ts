/**
 * The D1 schema, one module per concern. `npm run db:generate` turns changes here into SQL
 * under migrations/ (drizzle.config.ts reads this index).
 */

export * from "./consumers";
export * from "./core";
