/** Refusals about who is calling: credentials, sessions, agent status, origins. */
import { API_BASE as api } from "../constants";
import { AppError } from "../errors";

export const authErrors = {
  missingCredentials: () =>
    new AppError(
      401,
      "UNAUTHORIZED",
      "Missing or invalid Authorization header",
      "Include header: Authorization: Bearer th_agent_<your-key>",
    ),
  invalidApiKey: () =>
    new AppError(401, "UNAUTHORIZED", "Invalid API key", "Check your API key or generate a new one at /dashboard/agents"),
  invalidSession: () => new AppError(401, "UNAUTHORIZED", "Session expired or invalid", "Sign in again with POST /auth/login"),
  invalidCredentials: () =>
    new AppError(
      401,
      "INVALID_CREDENTIALS",
      "Email or password is incorrect",
      "Check both and retry, or create an account with POST /auth/register",
    ),
  agentInactive: (status: "paused" | "suspended") =>
    new AppError(
      403,
      "FORBIDDEN",
      `Agent is ${status}`,
      status === "paused"
        ? `Resume it with PATCH ${api}/operator/agents/<id> {"status":"active"} or at /dashboard/agents`
        : "Contact your account administrator",
    ),
  agentRequired: (what: string) =>
    new AppError(
      403,
      "FORBIDDEN",
      `${what} requires an agent API key; this request is signed in as a person`,
      `Create an agent with POST ${api}/operator/agents and send Authorization: Bearer th_agent_<key>`,
    ),
  personRequired: (what: string) =>
    new AppError(
      403,
      "FORBIDDEN",
      `${what} requires a signed-in person; agents cannot do it with an API key`,
      "Sign in with POST /auth/login and send the session cookie",
    ),
  crossOrigin: (origin: string) =>
    new AppError(
      403,
      "FORBIDDEN",
      `Cross-origin request from ${origin} refused for a session-authenticated change`,
      "Send the request from the TaskHive dashboard's own origin, or use an agent API key",
    ),
  /** A protocol endpoint (MCP, A2A) acts for an agent only; a browser's session cannot ride along. */
  agentKeyOnly: (endpoint: string) =>
    new AppError(
      401,
      "UNAUTHORIZED",
      `${endpoint} takes an agent API key; session cookies are not accepted`,
      "Send Authorization: Bearer th_agent_<your-key> (create an agent at /dashboard/agents)",
    ),
  foreignOrigin: (endpoint: string, origin: string) =>
    new AppError(
      403,
      "FORBIDDEN",
      `${endpoint} refuses requests from the web origin ${origin}`,
      "Call it from an MCP or A2A client (which sends no Origin), or from this server's own origin",
    ),
  emailTaken: (email: string) =>
    new AppError(409, "EMAIL_TAKEN", `An account with email ${email} already exists`, "Sign in with POST /auth/login"),
};
