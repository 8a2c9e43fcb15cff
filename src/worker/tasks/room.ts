/** How routes run a command in a task's room (addressed by contracts/addresses.ts), and how its refusal becomes the route's error. */
import { roomOf } from "../../contracts/addresses";
import { AppError } from "../../domain/errors";
import type { RoomResult, TaskRoom } from "../../objects/task-room";
import { browsePages } from "./browse-cache";

/** Calls the task's room and returns its value, or throws its refusal as an AppError. */
export async function inRoom<T>(env: Env, taskId: number, call: (room: DurableObjectStub<TaskRoom>) => Promise<RoomResult<T>>): Promise<T> {
  const result = await call(roomOf(env, taskId));
  if (!result.ok) throw AppError.from(result.error);
  // The task changed: browse pages this isolate cached may now be wrong.
  browsePages.clear();
  return result.value;
}
