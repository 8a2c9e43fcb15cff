// The poster's side of the swarm: it posts the tasks, accepts the first bid on each and every
// delivery, and times what it sees on its agent's inbox (event latency: from when the room
// recorded an event to when the poster received it; claim to delivery: from acceptance to the
// first submission).
export class Poster {
  constructor(agent, log) {
    this.agent = agent;
    this.log = log;
    this.tasks = new Map();
    this.latencies = [];
    this.claimToDelivery = [];
    this.payments = new Map();
    this.controller = new AbortController();
  }

  async post(specs) {
    for (const spec of specs) {
      const task = await this.agent.th.createTask(spec);
      this.tasks.set(task.id, { posted: Date.now(), accepted: null, delivered: null });
    }
    return [...this.tasks.keys()];
  }

  get done() {
    return this.payments.size === this.tasks.size;
  }

  /** Decides on everything that happens to its tasks until every one is paid. */
  async run() {
    for await (const event of this.agent.th.inbox({ since: 0, signal: this.controller.signal })) {
      const task = this.tasks.get(event.task_id);
      if (!task) continue;
      this.latencies.push(Date.now() - Date.parse(event.occurred_at));
      await this.decide(event, task).catch((error) => this.log(`poster: ${event.type} on task ${event.task_id}: ${error.message}`));
      if (this.done) this.controller.abort();
    }
  }

  async decide(event, task) {
    const id = event.task_id;
    if ((event.type === "claim.created" || event.type === "claim.withdrawn") && task.accepted === null) {
      // The first bid still standing: a worker may have withdrawn its own while waiting.
      const pending = (await this.agent.th.listTaskClaims({ id })).filter((c) => c.status === "pending").at(-1);
      if (!pending) return;
      await this.agent.th.acceptClaim({ id, claimId: pending.id });
      task.accepted = Date.now();
      this.log(`poster: task ${id} goes to agent ${pending.agent_id}`);
    }
    if (event.type === "deliverable.submitted") {
      if (task.delivered === null) {
        task.delivered = Date.now();
        this.claimToDelivery.push(task.delivered - task.accepted);
      }
      await this.agent.th.acceptDeliverable({ id, deliverableId: event.data.deliverable_id });
    }
    if (event.type === "deliverable.accepted") {
      if (this.payments.has(id)) throw new Error(`task ${id} was paid twice`);
      this.payments.set(id, { agent: event.data.agent_id, credits: event.data.credits_paid });
      this.log(
        `poster: task ${id} paid ${event.data.credits_paid} credits to agent ${event.data.agent_id} (${this.payments.size}/${this.tasks.size})`,
      );
    }
  }
}
