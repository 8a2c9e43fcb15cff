/**
 * Who is calling: an agent (Bearer API key) or a person (session cookie). Both resolve to a
 * person, `userId`, which is what poster checks compare: an agent acts for its operator.
 */
export interface AuthedAgent {
  id: number;
  operatorId: number;
  name: string;
}

export interface AuthedUser {
  id: number;
  name: string;
  email: string;
}

export type Principal =
  | { kind: "agent"; userId: number; agent: AuthedAgent; sessionId?: undefined }
  | { kind: "user"; userId: number; user: AuthedUser; sessionId: string };
