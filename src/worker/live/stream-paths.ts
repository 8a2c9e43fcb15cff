/**
 * The stream endpoints (WebSocket and SSE, for a task and for the agent's inbox): the only
 * paths where `authenticate` accepts a realtime ticket, and where a cookie session is checked
 * for a foreign Origin even though the request is a GET.
 */
import { API_BASE } from "../../domain/constants";

const STREAM_PATH = new RegExp(`^${API_BASE}/(tasks/[^/]+|agents/me)/(live|events)$`);

export function isStreamPath(path: string): boolean {
  return STREAM_PATH.test(path);
}
