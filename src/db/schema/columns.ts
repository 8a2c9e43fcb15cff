/** Timestamp columns every table spells the same way (ISO 8601 text, set by the writer). */
import { text } from "drizzle-orm/sqlite-core";

export const createdAt = () => text("created_at").notNull();
export const updatedAt = () => text("updated_at").notNull();
