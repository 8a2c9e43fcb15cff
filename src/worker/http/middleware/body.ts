/**
 * Request bodies: refuse oversized ones before reading them, and refuse JSON that does not
 * parse with the envelope (422) instead of letting it reach a validator as an empty object.
 */

import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { MAX_BODY_BYTES } from "../../../domain/constants";
import { requestErrors } from "../../../domain/error-catalogue";
import type { AppEnv } from "../context";

export const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw requestErrors.payloadTooLarge(MAX_BODY_BYTES);
  },
});

const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

export const parseJsonBody = createMiddleware<AppEnv>(async (c, next) => {
  if (JSON_TYPE.test(c.req.header("content-type") ?? "")) {
    const text = await c.req.text();
    if (text.trim() !== "") {
      try {
        JSON.parse(text);
      } catch {
        throw requestErrors.malformedJson();
      }
    }
  }
  await next();
});
