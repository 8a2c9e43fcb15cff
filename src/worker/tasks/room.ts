/**
 * How routes run a command in a task's room (addressed by contracts/addresses.ts) and how its
 * refusal becomes the route's error; and how they read one task from it, so a caller always
 * reads its own writes whatever the D1 projection has yet taken.
 */
import { roomOf } from "../../contracts/addresses";
import { taskErrors } from "../../domain/error-catalogue";
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

/** Reads one task from its room; a room that holds no task is the task not found. */
export async function fromRoom<T>(env: Env, taskId: number, read: (room: DurableObjectStub<TaskRoom>) => Promise<T | null>): Promise<T> {
  const value = await read(roomOf(env, taskId));
  if (value === null) throw taskErrors.notFound(taskId);
  return value;
}
