/** Where the discovery surface lives; the routes, the manifest and the skill files link to these. */
import { API_BASE } from "../../domain/constants";

export const OPENAPI_PATH = `${API_BASE}/openapi.json`;
export const DOCS_PATH = "/docs";
export const ONBOARDING_PATH = "/skill.md";
export const SKILLS_BASE = "/skills";
export const MANIFEST_PATH = "/.well-known/taskhive-agent.json";

export const skillUrl = (name: string): string => `${SKILLS_BASE}/${name}.md`;
