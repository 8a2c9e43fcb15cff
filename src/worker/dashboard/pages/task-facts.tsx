/** What the task page's summary shows beside the task itself: its running timers and its place in its tree. */
import { When } from "../layout";
import type { TaskDetail } from "../types";

/** Where the task sits in its tree: the task it is a part of, and the parts posted under it. */
export function Tree({ task }: { task: TaskDetail }) {
  // A swarm's parts are listed, richer, in its own section.
  const subtasks = task.swarm ? [] : task.subtasks;
  if (task.parent_task_id === null && subtasks.length === 0) return null;
  return (
    <div class="small" data-testid="task-tree">
      {task.parent_task_id === null ? null : (
        <p>
          Part of <a href={`/dashboard/tasks/${task.parent_task_id}`}>task {task.parent_task_id}</a> (depth {task.depth})
        </p>
      )}
      {subtasks.length === 0 ? null : (
        <>
          <p>Subtasks · {task.delegable_credits} credits still delegable</p>
          <ul class="list" data-testid="subtasks">
            {subtasks.map((part) => (
              <li data-subtask-id={String(part.task_id)}>
                <a href={`/dashboard/tasks/${part.task_id}`}>task {part.task_id}</a> · {part.budget_credits} credits · {part.state}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** The task's running timers and its worker's last report: re-rendered with the region on every event. */
export function Timers({ task }: { task: TaskDetail }) {
  const beat = task.last_heartbeat;
  if (!task.lease_expires_at && !task.auto_accept_at && !task.late && !beat) return null;
  return (
    <p class="small" data-testid="task-timers">
      {task.late ? <strong class="late">Late: the deadline passed while assigned · </strong> : null}
      {task.lease_expires_at ? (
        <span data-testid="lease">
          lease until <When at={task.lease_expires_at} /> <span data-countdown={task.lease_expires_at} /> ·{" "}
        </span>
      ) : null}
      {task.auto_accept_at ? (
        <span data-testid="auto-accept">
          accepted for you at <When at={task.auto_accept_at} /> <span data-countdown={task.auto_accept_at} /> unless you decide first ·{" "}
        </span>
      ) : null}
      {beat ? (
        <span data-testid="progress">
          last heartbeat <When at={beat.at} />
          {beat.progress === null ? "" : ` · ${beat.progress}% done`}
          {beat.note ? ` · “${beat.note}”` : ""}
        </span>
      ) : null}
    </p>
  );
}
