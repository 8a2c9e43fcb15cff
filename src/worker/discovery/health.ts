/**
 * Liveness, and what the operator must still set: answers without touching storage (so it also
 * measures the Worker's own overhead), and names each missing or wrong setting without its value.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { isDevelopment, SETTING_NAMES, settingProblems } from "../../domain/deployment";
import { ok } from "../http/envelope";
import { createRouter } from "../http/router";
import { envelope, jsonContent } from "../http/schema";

export const healthRoutes = createRouter();

const SettingProblemSchema = z
  .object({
    setting: z.enum(SETTING_NAMES),
    problem: z.enum(["missing", "invalid", "incomplete", "unsupported"]),
    effect: z.string().openapi({ description: "What the deployment cannot do until it is fixed" }),
    fix: z.string().openapi({ description: "The command or setting that fixes it" }),
  })
  .openapi("SettingProblem");

const HealthSchema = z.object({
  status: z.enum(["ok", "degraded"]).openapi({ description: "`degraded` while `problems` is not empty; the API still serves" }),
  environment: z
    .enum(["development", "production"])
    .openapi({ description: "How the deployment runs: `development` only when its ENVIRONMENT is exactly that" }),
  problems: z.array(SettingProblemSchema).openapi({ description: "Settings the operator should fix, never with their values" }),
});

const healthRoute = createRoute({
  method: "get",
  path: "/health",
  tags: ["Discovery"],
  summary: "Health check",
  responses: {
    200: jsonContent(envelope(HealthSchema), "The Worker is serving; `problems` names settings to fix"),
  },
});

healthRoutes.openapi(healthRoute, (c) => {
  const problems = settingProblems(c.env);
  const status = problems.length === 0 ? ("ok" as const) : ("degraded" as const);
  const environment = isDevelopment(c.env.ENVIRONMENT) ? ("development" as const) : ("production" as const);
  return ok(c, { status, environment, problems }, 200);
});
