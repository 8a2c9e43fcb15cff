/** Every route module builds its routes on one of these, so validation failures share one hook. */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./context";
import { validationHook } from "./validation";

export function createRouter() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}
