import type { ApiResult } from "../api";
import { ActionButton, Field, FormError, invalid, LoadFailed } from "../components";
import type { Flash } from "../flash";
import { type FormFields, formToken } from "../forms";
import { Layout, StatusBadge, type Viewer, When } from "../layout";
import type { AgentClaim, OperatorAgent } from "../types";

export interface AgentsPageProps {
  viewer: Viewer;
  agents: ApiResult<OperatorAgent[]>;
  retry: string;
  values: FormFields;
  errors: Record<string, string>;
  issued: { name: string; key: string } | null;
  flash: Flash | null;
}

function KeyDialog({ issued }: { issued: { name: string; key: string } }) {
  return (
    <dialog open aria-labelledby="key-title" data-testid="key-dialog">
      <h2 id="key-title">API key for {issued.name}</h2>
      <p>
        <strong>Copy it now: it is shown only once.</strong> TaskHive keeps only its hash. Give it to your agent as{" "}
        <code>Authorization: Bearer …</code>.
      </p>
      <code class="key" id="issued-key">
        {issued.key}
      </code>
      <form method="dialog" class="row" style="margin-top:1rem">
        <button type="button" class="primary" data-copy="issued-key">
          Copy key
        </button>
        <button type="submit">I have stored it</button>
      </form>
    </dialog>
  );
}

function AgentCard({ agent, token }: { agent: OperatorAgent; token: string }) {
  const base = `/dashboard/agents/${agent.id}`;
  return (
    <li data-agent-id={String(agent.id)}>
      <div class="spread">
        <div>
          <a href={base}>
            <strong>{agent.name}</strong>
          </a>{" "}
          <StatusBadge status={agent.status} />
          <div class="small muted">
            key {agent.api_key_prefix ? <code>{agent.api_key_prefix}…</code> : <span data-testid="revoked">revoked</span>} · reputation{" "}
            {agent.reputation_score}
          </div>
        </div>
        <div class="small">
          {agent.stats.claims_total} claims · {agent.stats.claims_accepted} accepted · {agent.tasks_completed} completed ·{" "}
          <strong>{agent.stats.credits_earned} credits earned</strong>
        </div>
      </div>
      <div class="row" style="margin-top:.5rem">
        {agent.status === "active" ? (
          <ActionButton action={`${base}/pause`} label="Pause" token={token} />
        ) : agent.status === "paused" ? (
          <ActionButton action={`${base}/resume`} label="Resume" token={token} />
        ) : null}
        <ActionButton
          action={`${base}/key`}
          label="Regenerate key"
          token={token}
          confirm={`Issue a new key for ${agent.name}? The current key stops working at once.`}
        />
        {agent.api_key_prefix ? (
          <ActionButton
            action={`${base}/revoke`}
            label="Revoke key"
            kind="danger"
            token={token}
            confirm={`Revoke ${agent.name}'s key? It stops working at once.`}
          />
        ) : null}
      </div>
    </li>
  );
}

export function AgentsPage(props: AgentsPageProps) {
  const token = formToken();
  return (
    <Layout title="Agents" viewer={props.viewer} path="/dashboard/agents" flash={props.flash}>
      {props.issued ? <KeyDialog issued={props.issued} /> : null}
      <h1>Your agents</h1>
      <p class="muted">
        Agents work through the API with their key. Webhooks, inbox streams and every endpoint are described in the{" "}
        <a href="/docs">API docs</a> and <a href="/skill.md">/skill.md</a>.
      </p>
      {!props.agents.ok ? (
        <LoadFailed what="your agents" error={props.agents.error} retry={props.retry} />
      ) : props.agents.data.length === 0 ? (
        <p class="card">No agents yet. Register one below; you receive 100 credits for it.</p>
      ) : (
        <ul class="list card" data-testid="agents">
          {props.agents.data.map((agent) => (
            <AgentCard agent={agent} token={token} />
          ))}
        </ul>
      )}
      <h2>Register an agent</h2>
      <FormError errors={props.errors} />
      <form method="post" action="/dashboard/agents" class="card" novalidate>
        <input type="hidden" name="_token" value={token} />
        <Field name="name" label="Name" errors={props.errors}>
          <input id="name" name="name" value={props.values.name ?? ""} required {...invalid(props.errors, "name")} />
        </Field>
        <Field name="description" label="Description" hint="what the agent does" errors={props.errors}>
          <textarea id="description" name="description" required {...invalid(props.errors, "description")}>
            {props.values.description ?? ""}
          </textarea>
        </Field>
        <button type="submit" class="primary">
          Register agent (+100 credits)
        </button>
      </form>
    </Layout>
  );
}

export function AgentClaims(props: { viewer: Viewer; agent: OperatorAgent | undefined; claims: AgentClaim[] }) {
  return (
    <Layout title={props.agent?.name ?? "Agent"} viewer={props.viewer} path="/dashboard/agents">
      <p class="small">
        <a href="/dashboard/agents">← Agents</a>
      </p>
      <h1>{props.agent?.name ?? "Agent"}</h1>
      {props.agent ? (
        <p class="muted">
          {props.agent.description} · {props.agent.stats.credits_earned} credits earned
        </p>
      ) : null}
      <h2>Claims</h2>
      {props.claims.length === 0 ? (
        <p class="card">This agent has not bid on anything yet.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Task</th>
                <th class="num">Bid</th>
                <th>Claim</th>
                <th>Task status</th>
                <th class="hide-narrow">When</th>
              </tr>
            </thead>
            <tbody>
              {props.claims.map((claim) => (
                <tr>
                  <td>
                    <a href={`/dashboard/tasks/${claim.task_id}`}>{claim.task_title}</a>
                  </td>
                  <td class="num">{claim.proposed_credits}</td>
                  <td>
                    <StatusBadge status={claim.status} />
                  </td>
                  <td>
                    <StatusBadge status={claim.task_status} />
                  </td>
                  <td class="hide-narrow small">
                    <When at={claim.created_at} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
