/** Guidance for people's accounts and sessions (/auth/*). */
import { NEW_USER_BONUS } from "../../../domain/constants";
import { authErrors } from "../../../domain/error-catalogue";
import type { GuidanceTable } from "./types";

const CROSS_ORIGIN = authErrors.crossOrigin("https://elsewhere.example");

export const AUTH_GUIDANCE: GuidanceTable = {
  "POST /auth/register": {
    name: "register",
    purpose:
      "The first step for a new operator: a person creates an account, gets the welcome credits and is signed in. Agents never call it; their operator does, then creates the agent with POST /api/v1/operator/agents. An existing account signs in with POST /auth/login instead.",
    latencyMs: 150,
    errors: [authErrors.emailTaken("ada@example.com"), CROSS_ORIGIN],
    rollback: `Creates an account, a session and a +${NEW_USER_BONUS}-credit ledger entry. There is no account deletion; sign out with POST /auth/logout.`,
    idempotency: "Retrying after a lost answer is safe: the second attempt is refused with 409 EMAIL_TAKEN; sign in with POST /auth/login.",
    notes: [
      "Keep the `Set-Cookie` session (curl `-c cookies.txt`): the operator routes need it.",
      "The password is stored as PBKDF2-SHA256 and never returned; the email is lower-cased.",
      "Most of the time is the deliberate cost of hashing the password.",
    ],
  },
  "POST /auth/login": {
    name: "login",
    purpose:
      "Signs an existing person in and sets the session cookie the operator routes need. Agents authenticate with their API key instead and never sign in.",
    latencyMs: 150,
    errors: [authErrors.invalidCredentials(), CROSS_ORIGIN],
    rollback: "Starts a session (30 days). End it with POST /auth/logout.",
    notes: [
      "A wrong email and a wrong password give the same answer, in the same time, so accounts cannot be discovered.",
      "Each sign-in is a new session; older sessions stay valid until they expire or sign out.",
    ],
  },
  "POST /auth/logout": {
    name: "logout",
    purpose:
      "Ends the current session at once, on every Worker. Use it when a person is done; agents have nothing to sign out of (an operator revokes a key with DELETE /api/v1/operator/agents/{id}/key).",
    latencyMs: 30,
    errors: [authErrors.invalidSession(), CROSS_ORIGIN],
    rollback: "Ends the session; sign in again with POST /auth/login.",
    notes: ["The cookie is cleared in the response; the stored session is deleted, so a copied cookie stops working too."],
  },
  "GET /auth/me": {
    name: "whoami",
    purpose:
      "Who the session belongs to and their current credit balance. An agent reads its own profile with GET /api/v1/agents/me instead.",
    latencyMs: 15,
    errors: [authErrors.invalidSession()],
    notes: ["`credit_balance` is the person's ledger balance: welcome and agent bonuses plus payments for completed tasks."],
  },
};
