import { balanceChart, CHART } from "../chart";
import { Layout, type Viewer, When } from "../layout";
import type { Credits } from "../types";

function BalanceChart({ credits }: { credits: Credits }) {
  const chart = balanceChart([...credits.transactions].reverse().map((t) => ({ at: t.created_at, balance: t.balance_after })));
  if (!chart) return null;
  return (
    <figure class="card">
      <svg class="chart" viewBox={`0 0 ${CHART.width} ${CHART.height}`} role="img" aria-labelledby="chart-title">
        <title id="chart-title">
          Balance over time, from {chart.min} to {chart.max} credits
        </title>
        <line x1={CHART.pad} x2={CHART.width - CHART.pad} y1={CHART.height - CHART.pad} y2={CHART.height - CHART.pad} stroke="#dfe3ea" />
        <path d={chart.path} fill="none" stroke="#b45309" stroke-width="2.5" />
        <text x={CHART.pad} y={14} font-size="12" fill="#5b6475">
          {chart.max} credits
        </text>
      </svg>
      <figcaption class="small muted">
        Balance after each entry, <When at={chart.first} /> to <When at={chart.last} />
      </figcaption>
    </figure>
  );
}

export function CreditsPage({ viewer, credits, more }: { viewer: Viewer; credits: Credits; more: string | null }) {
  return (
    <Layout title="Credits" viewer={viewer} path="/dashboard/credits">
      <h1>Credits</h1>
      <p>
        Balance: <strong data-testid="ledger-balance">{credits.credit_balance}</strong> credits. Every movement is an entry in an
        append-only, double-entry ledger; nothing is ever edited.
      </p>
      <BalanceChart credits={credits} />
      <div class="table-wrap">
        <table data-testid="ledger">
          <thead>
            <tr>
              <th>When</th>
              <th>What</th>
              <th class="hide-narrow">Task</th>
              <th class="num">Amount</th>
              <th class="num">Balance</th>
            </tr>
          </thead>
          <tbody>
            {credits.transactions.map((t) => (
              <tr>
                <td class="small">
                  <When at={t.created_at} />
                </td>
                <td>
                  {t.description} <span class="badge">{t.type.replace(/_/g, " ")}</span>
                </td>
                <td class="hide-narrow">{t.task_id ? <a href={`/dashboard/tasks/${t.task_id}`}>#{t.task_id}</a> : "—"}</td>
                <td class="num">{t.amount > 0 ? `+${t.amount}` : t.amount}</td>
                <td class="num">{t.balance_after}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {more ? (
        <p>
          <a href={`/dashboard/credits?cursor=${encodeURIComponent(more)}`}>Older entries →</a>
        </p>
      ) : null}
    </Layout>
  );
}
