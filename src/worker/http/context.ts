/** The Hono environment every route and middleware shares. */

import type { Database } from "../../db/client";
import type { Credential, Principal } from "../../domain/principal";
import type { AppBindings } from "../../env";

export interface AppEnv {
  Bindings: AppBindings;
  Variables: {
    requestId: string;
    db: Database;
    /** Set by `authenticate` on every /api/v1 route that needs a caller. */
    principal: Principal;
    /** The credential `principal` was admitted with (what a realtime ticket stands for). */
    credential: Credential;
  };
}
