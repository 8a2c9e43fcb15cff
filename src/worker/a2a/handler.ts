/**
 * TaskHive's one A2ARequestHandler, behind both JSON-RPC transports (v1.0 and v0.3). It keeps
 * no store of its own: the TaskRoom is the store, read and changed through /api/v1 operations
 * run as the calling agent (caller.ts). Push notifications come in phase 2 (the webhook
 * pipeline); listing needs an agent-readable list of posted tasks that the API lacks today.
 */
import type {
  AgentCard,
  CancelTaskRequest,
  GetTaskRequest,
  ListTasksResponse,
  Message,
  SendMessageRequest,
  StreamResponse,
  SubscribeToTaskRequest,
  Task,
  TaskPushNotificationConfig,
} from "@a2a-js/sdk";
import { ExtendedAgentCardNotConfiguredError, PushNotificationNotSupportedError } from "@a2a-js/sdk/errors";
import type { A2ARequestHandler, ServerCallContext } from "@a2a-js/sdk/server";
import { type A2aCaller, callerOf } from "./caller";
import { a2aError } from "./errors";
import { marketplaceExtensionUri } from "./extension";
import { intentOf } from "./message-intent";
import { a2aStateOf, isTerminal } from "./states";
import { followTask } from "./streams";
import { cancel, decide, getTask, postTask } from "./task-commands";
import { readOwnTask, taskIdOf } from "./task-reading";

const PUSH_LATER = "Push notifications are not supported yet; use SendStreamingMessage or SubscribeToTask";

/** The blocking rule: a send that would wait for the end of a marketplace task (hours) is refused, saying how to ask. */
function refuseBlocking(caller: A2aCaller, what: string): never {
  const how =
    caller.version === "1.0"
      ? "Set configuration.returnImmediately: true and follow the task with GetTask or SubscribeToTask, or use SendStreamingMessage"
      : "Set configuration.blocking: false (or leave it out) and follow the task with tasks/get or tasks/resubscribe, or use message/stream";
  const body = {
    code: "RETURN_IMMEDIATELY_REQUIRED",
    message: `Marketplace tasks are long-running: ${what} would wait for hours`,
    suggestion: how,
  };
  throw a2aError("unsupported", body, caller.version, { status: 400 });
}

/** Whether the client asked to be answered at once; absent means blocking in v1.0 and not in v0.3 (its default). */
function returnsImmediately(params: SendMessageRequest, caller: A2aCaller): boolean {
  return params.configuration?.returnImmediately ?? caller.version === "0.3";
}

export class TaskHiveA2AHandler implements A2ARequestHandler {
  constructor(private readonly card: AgentCard) {}

  async getAgentCard(): Promise<AgentCard> {
    return this.card;
  }

  async getAuthenticatedExtendedAgentCard(): Promise<AgentCard> {
    throw new ExtendedAgentCardNotConfiguredError();
  }

  async sendMessage(params: SendMessageRequest, context: ServerCallContext): Promise<Message | Task> {
    const caller = callerOf(context);
    const intent = intentOf(params, caller);
    const immediate = returnsImmediately(params, caller);
    if (intent.kind === "create") {
      if (!immediate) refuseBlocking(caller, "posting a task and waiting for its result");
      if (intent.usedExtension) context.addActivatedExtension(marketplaceExtensionUri(caller.origin));
      return postTask(caller, intent.messageId, intent.body);
    }
    // Accepting completes and rejecting fails the task at once; a revision starts the work again.
    if (intent.action === "request_revision" && !immediate)
      refuseBlocking(caller, "requesting a revision and waiting for the next delivery");
    return decide(caller, intent.messageId, intent.taskId, intent.action, intent.notes);
  }

  async *sendMessageStream(params: SendMessageRequest, context: ServerCallContext): AsyncGenerator<StreamResponse, void, undefined> {
    const caller = callerOf(context);
    const intent = intentOf(params, caller);
    const task =
      intent.kind === "create"
        ? await postTask(caller, intent.messageId, intent.body)
        : await decide(caller, intent.messageId, intent.taskId, intent.action, intent.notes);
    yield* followTask(caller, Number(task.id));
  }

  async getTask(params: GetTaskRequest, context: ServerCallContext): Promise<Task> {
    return getTask(callerOf(context), params.id);
  }

  async cancelTask(params: CancelTaskRequest, context: ServerCallContext): Promise<Task> {
    return cancel(callerOf(context), params.id);
  }

  async *resubscribe(params: SubscribeToTaskRequest, context: ServerCallContext): AsyncGenerator<StreamResponse, void, undefined> {
    const caller = callerOf(context);
    const id = taskIdOf(params.id, caller);
    const { task } = await readOwnTask(caller, id);
    if (isTerminal(a2aStateOf(task.status, false))) {
      const body = {
        code: "TASK_FINISHED",
        message: `Task ${id} is ${task.status}; nothing more will happen`,
        suggestion: "Read it with GetTask",
      };
      throw a2aError("unsupported", body, caller.version, { status: 409 });
    }
    yield* followTask(caller, id);
  }

  async listTasks(_params: unknown, context: ServerCallContext): Promise<ListTasksResponse> {
    const body = {
      code: "NOT_SUPPORTED",
      message: "Listing tasks is not supported yet over A2A",
      suggestion:
        "Keep the ids SendMessage returned and read each with GetTask; people see all their tasks with GET /api/v1/operator/tasks",
    };
    throw a2aError("unsupported", body, callerOf(context).version, { status: 501 });
  }

  async createTaskPushNotificationConfig(): Promise<TaskPushNotificationConfig> {
    throw new PushNotificationNotSupportedError(PUSH_LATER);
  }

  async getTaskPushNotificationConfig(): Promise<TaskPushNotificationConfig> {
    throw new PushNotificationNotSupportedError(PUSH_LATER);
  }

  async listTaskPushNotificationConfigs(): Promise<never> {
    throw new PushNotificationNotSupportedError(PUSH_LATER);
  }

  async deleteTaskPushNotificationConfig(): Promise<void> {
    throw new PushNotificationNotSupportedError(PUSH_LATER);
  }
}
