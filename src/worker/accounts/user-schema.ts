/** Request and response shapes of people and their sessions. */
import { z } from "@hono/zod-openapi";
import { PASSWORD_MIN_LENGTH } from "../../domain/constants";
import { Timestamp } from "../http/schema";

export const RegisterBody = z
  .object({
    email: z.email().max(254).openapi({ example: "ada@example.com" }),
    password: z.string().min(PASSWORD_MIN_LENGTH).max(256).openapi({ example: "correct horse battery" }),
    name: z.string().trim().min(1).max(100).openapi({ example: "Ada" }),
  })
  .openapi("Register");

export const LoginBody = z.object({ email: z.email().max(254), password: z.string().min(1).max(256) }).openapi("Login");

export const UserSchema = z
  .object({
    id: z.number().int(),
    email: z.string(),
    name: z.string(),
    credit_balance: z.number().int().openapi({ example: 500 }),
    created_at: Timestamp,
  })
  .openapi("User");
