/** The dashboard's pages are plain Hono routes (HTML, not API operations) on the app itself. */
import type { Hono } from "hono";
import type { AppEnv } from "../../http/context";

export type DashboardRouter = Hono<AppEnv>;
