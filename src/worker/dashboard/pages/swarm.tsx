/**
 * A swarm task's tree on its page: the swarm's status, each part with its task and worker, the
 * waves that run in parallel, and (for the poster) the planner, fixer and merger calls with their
 * cost. Rendered from GET /api/v1/tasks/:id/swarm inside a live region, so the task's swarm.*
 * and subtask.* events re-render it like the page's other regions.
 */
import { StatusBadge, When } from "../layout";
import type { SwarmTree } from "../types";

type Part = SwarmTree["parts"][number];
type Call = SwarmTree["calls"][number];

const STATUS_TEXT: Record<SwarmTree["status"], string> = {
  planning: "The planner is splitting the task into parts.",
  running: "Parts are posted to the worker pool as their dependencies finish; failed parts are re-planned.",
  merging: "Every part is done; the merger is composing the deliverable.",
  delivered: "The merged deliverable awaits its review or its poster's decision.",
  stopped: "The swarm stopped and handed the task back to its poster.",
  ended: "The swarm is over.",
};

/** Dollars to four places: a plan costs cents or less, and rounding it to $0.00 would hide it. */
const usd = (amount: number | null) => (amount === null ? "price unknown" : `$${amount.toFixed(4)}`);

export function SwarmSection(props: { swarm: SwarmTree; agentNames: Readonly<Record<number, string>>; isPoster: boolean }) {
  const { swarm } = props;
  const live = swarm.parts.filter((part) => part.state !== "failed");
  const done = live.filter((part) => part.state === "done").length;
  return (
    <div class="card" data-testid="swarm">
      <div class="spread">
        <h2 id="swarm-title">Swarm</h2>
        <span data-testid="swarm-status">
          <StatusBadge status={swarm.status} />
        </span>
      </div>
      <p class="small">{STATUS_TEXT[swarm.status]}</p>
      {swarm.status === "stopped" ? (
        <p class="flash error" data-testid="swarm-stop-reason">
          Stopped: {(swarm.stop_reason ?? "no reason given").replace(/\.$/, "")}.
          {props.isPoster ? " Cancel the task, or roll it back to the marketplace as an ordinary task." : ""}
        </p>
      ) : null}
      <p class="small muted" data-testid="swarm-counts">
        {done} of {live.length} part{live.length === 1 ? "" : "s"} done · {swarm.rounds_used} of {swarm.max_rounds} LLM calls used
      </p>
      <h3>Parts</h3>
      {swarm.parts.length === 0 ? (
        <p class="muted">No parts yet: they appear when the planner answers.</p>
      ) : (
        <Parts swarm={swarm} agentNames={props.agentNames} />
      )}
      {swarm.waves.length === 0 ? null : (
        <>
          <h3>Waves</h3>
          <ol class="waves small" data-testid="swarm-waves">
            {swarm.waves.map((wave) => (
              <li>{wave.join(", ")}</li>
            ))}
          </ol>
        </>
      )}
      {props.isPoster ? <Calls calls={swarm.calls} total={swarm.cost_estimate_usd} /> : null}
    </div>
  );
}

function Parts({ swarm, agentNames }: { swarm: SwarmTree; agentNames: Readonly<Record<number, string>> }) {
  // A failed part names its replacement, so the row that took over its work is easy to find.
  const replacedBy = new Map(swarm.parts.flatMap((part) => (part.fix_of ? [[part.fix_of, part.key] as const] : [])));
  return (
    <div class="table-wrap">
      <table data-testid="swarm-parts">
        <thead>
          <tr>
            <th>Part</th>
            <th>State</th>
            <th>Task</th>
            <th class="hide-narrow">Agent</th>
            <th class="hide-narrow">Progress</th>
            <th class="num">Budget</th>
          </tr>
        </thead>
        <tbody>
          {swarm.parts.map((part) => (
            <tr data-part-key={part.key} data-part-state={part.state} class={part.state === "failed" ? "replaced" : undefined}>
              <td>
                <strong>{part.key}</strong> {part.title}
                <PartNotes part={part} replacedBy={replacedBy.get(part.key)} />
              </td>
              <td>
                <StatusBadge status={part.state} />
                {part.task ? (
                  <>
                    {" "}
                    <StatusBadge status={part.task.status} />
                  </>
                ) : null}
              </td>
              <td class="nowrap">
                {part.task_id === null ? (
                  <span class="muted">not posted</span>
                ) : (
                  <a href={`/dashboard/tasks/${part.task_id}`}>task {part.task_id}</a>
                )}
              </td>
              <td class="hide-narrow nowrap">{agentOf(part, agentNames)}</td>
              <td class="hide-narrow small">
                <Progress part={part} />
              </td>
              <td class="num">{part.budget_credits}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PartNotes({ part, replacedBy }: { part: Part; replacedBy: string | undefined }) {
  const notes: string[] = [];
  if (part.fix_of) notes.push(`fix replacing failed part ${part.fix_of} (attempt ${part.attempt})`);
  if (replacedBy) notes.push(`replaced by ${replacedBy}`);
  if (part.depends_on.length > 0) notes.push(`after ${part.depends_on.join(", ")}`);
  if (notes.length === 0) return null;
  return <div class="small muted">{notes.join(" · ")}</div>;
}

function agentOf(part: Part, agentNames: Readonly<Record<number, string>>) {
  const id = part.task?.claimed_by_agent_id ?? null;
  if (id === null) return <span class="muted">{part.task?.status === "open" ? "waiting for a bid" : "—"}</span>;
  return agentNames[id] ?? `agent ${id}`;
}

function Progress({ part }: { part: Part }) {
  const task = part.task;
  if (!task || (task.progress === null && task.last_heartbeat_at === null)) return <span class="muted">—</span>;
  return (
    <>
      {task.progress === null ? null : <span data-testid="part-progress">{task.progress}% · </span>}
      last heartbeat <When at={task.last_heartbeat_at} />
    </>
  );
}

function Calls({ calls, total }: { calls: Call[]; total: number }) {
  return (
    <>
      <h3>LLM calls</h3>
      {calls.length === 0 ? (
        <p class="muted">None yet.</p>
      ) : (
        <div class="table-wrap">
          <table data-testid="swarm-calls">
            <thead>
              <tr>
                <th class="num">Round</th>
                <th>Kind</th>
                <th>Outcome</th>
                <th class="hide-narrow">Key · model</th>
                <th class="num hide-narrow">Tokens</th>
                <th class="num">Cost</th>
              </tr>
            </thead>
            <tbody>
              {calls.map((call) => (
                <tr data-call-round={String(call.round)}>
                  <td class="num">{call.round}</td>
                  <td>
                    {call.kind}
                    {call.part_key ? <span class="small muted"> of {call.part_key}</span> : null}
                  </td>
                  <td>
                    {call.state === "finished" ? null : <StatusBadge status={call.state} />} {call.outcome ?? ""}
                    {call.error ? <div class="small muted">{call.error}</div> : null}
                  </td>
                  <td class="hide-narrow small">
                    {call.key_source ?? "—"} · {call.provider ?? "—"} {call.model ?? ""}
                  </td>
                  <td class="num hide-narrow small">
                    {call.usage ? `${call.usage.input_tokens} in / ${call.usage.output_tokens} out` : "—"}
                  </td>
                  <td class="num small">{call.state === "finished" ? usd(call.cost_estimate_usd) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p class="small" data-testid="swarm-cost">
        Total estimated cost: {usd(total)} (the calls with a known price)
      </p>
    </>
  );
}
