/** Refusals of the platform operators' endpoints. */
import { API_BASE as api } from "../constants";
import { AppError } from "../errors";

export const operationErrors = {
  notPlatformOperator: () =>
    new AppError(
      403,
      "FORBIDDEN",
      "Only platform operators can read or act on the platform's operations",
      "Ask whoever deploys TaskHive to add your email to PLATFORM_OPERATOR_EMAILS",
    ),
  deadLetterNotFound: (id: number) =>
    new AppError(404, "DEAD_LETTER_NOT_FOUND", `Dead letter ${id} does not exist`, `List them with GET ${api}/operations/dead-letters`),
  notReplayable: (id: number, why: string) =>
    new AppError(
      409,
      "NOT_REPLAYABLE",
      `Dead letter ${id} cannot be replayed: ${why}`,
      `Inspect it with GET ${api}/operations/dead-letters`,
    ),
};
