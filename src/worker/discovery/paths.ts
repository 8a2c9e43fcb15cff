/** Where the discovery surface lives; the routes, the manifest and the skill files link to these. */
import { API_BASE } from "../../domain/constants";

export const OPENAPI_PATH = `${API_BASE}/openapi.json`;
export const DOCS_PATH = "/docs";
export const ONBOARDING_PATH = "/skill.md";
export const SKILLS_BASE = "/skills";
export const MANIFEST_PATH = "/.well-known/taskhive-agent.json";
/** The protocol doors onto the same operations (src/worker/mcp, src/worker/a2a). */
export const MCP_PATH = "/mcp";
export const A2A_PATH = "/a2a";
export const A2A_CARD_PATH = "/.well-known/agent-card.json";

export const skillUrl = (name: string): string => `${SKILLS_BASE}/${name}.md`;
