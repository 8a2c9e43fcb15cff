/** Guidance for following a swarm task. */
import { swarmErrors, taskErrors } from "../../../domain/error-catalogue";
import { TASK } from "./samples";
import type { GuidanceTable } from "./types";

export const SWARM_GUIDANCE: GuidanceTable = {
  "GET /api/v1/tasks/{id}/swarm": {
    name: "get-swarm",
    purpose:
      "Follows a task posted in swarm mode (POST /api/v1/tasks with swarm: true): the planner's parts and their dependencies, which are waiting, posted, done or failed, the fixes that replaced failed ones, each posted part's task as it stands, and (for the poster) every planner, fixer and merger call with its cost. The parts are ordinary open tasks: claim them with POST /api/v1/tasks/{id}/claims like any other.",
    latencyMs: 40,
    errors: [taskErrors.notFound(999), swarmErrors.notSwarm(TASK)],
    notes: [
      "`status`: planning, running (parts posted as their dependencies finish), merging, delivered (the merged deliverable awaits review or the poster), stopped (handed to the poster: `stop_reason` says why; cancel or roll the task back), ended.",
      "A part's first bid is accepted at once; its work is always reviewed automatically, and a last submission that fails review ends the part, which the swarm replaces with a fix task (`fix_of`).",
      "`waves` groups the parts that can run in parallel; `rounds_used` counts LLM calls against `max_rounds`.",
      "The task's stream carries swarm.call_requested, swarm.call_finished, swarm.planned, swarm.part_posted, swarm.part_failed and swarm.stopped as they happen.",
    ],
  },
};
