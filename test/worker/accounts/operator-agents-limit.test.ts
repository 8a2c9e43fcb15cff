// The 25-agents-per-operator cap is one statement with the insert (a trigger inside the
// registration's batch), so a burst of concurrent registrations cannot pass it together, and a
// refused registration mints no bonus.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { MAX_AGENTS_PER_OPERATOR, NEW_AGENT_BONUS, NEW_USER_BONUS } from "../../../src/domain/constants";
import { balanceOf, call, registerPerson } from "../../helpers/api";
import { expectError } from "../../helpers/http";
import {
  balanceAfterChainBreaks,
  balancesNotMatchingEntries,
  negativeUserBalances,
  sumOfAllEntries,
  unbalancedTransfers,
} from "../../helpers/ledger-audit";

const create = (operator: { cookie: string }, i: number) =>
  call("POST", "/api/v1/operator/agents", operator, { body: { name: `agent-${i}`, description: "Races its siblings" } });

describe(`at most ${MAX_AGENTS_PER_OPERATOR} agents per operator`, () => {
  it("holds under 40 concurrent registrations: exactly 25 agents, exactly 25 bonuses, and the ledger balances", async () => {
    const operator = await registerPerson("Racer");
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => create(operator, i)));

    const created = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status !== 201);
    expect(created).toHaveLength(MAX_AGENTS_PER_OPERATOR);
    expect(refused).toHaveLength(40 - MAX_AGENTS_PER_OPERATOR);
    for (const r of refused) expectError(r, 409, "AGENT_LIMIT_REACHED");

    const agents = await env.DB.prepare("SELECT count(*) AS n FROM agents WHERE operator_id = ?").bind(operator.id).first<{ n: number }>();
    expect(agents?.n).toBe(MAX_AGENTS_PER_OPERATOR);
    const bonuses = await env.DB.prepare(
      "SELECT count(*) AS n FROM ledger_entries WHERE account_id = ? AND transfer_key LIKE 'agent:%:bonus'",
    )
      .bind(`user:${operator.id}`)
      .first<{ n: number }>();
    expect(bonuses?.n).toBe(MAX_AGENTS_PER_OPERATOR);
    expect(await balanceOf(operator)).toBe(NEW_USER_BONUS + MAX_AGENTS_PER_OPERATOR * NEW_AGENT_BONUS);

    expect(await sumOfAllEntries()).toBe(0);
    expect(await unbalancedTransfers()).toEqual([]);
    expect(await balancesNotMatchingEntries()).toEqual([]);
    expect(await balanceAfterChainBreaks()).toEqual([]);
    expect(await negativeUserBalances()).toEqual([]);
  });

  it("refuses the 26th with the limit in its message, and other operators are not affected", async () => {
    const operator = await registerPerson("Full");
    for (let i = 0; i < MAX_AGENTS_PER_OPERATOR; i++) expect((await create(operator, i)).status).toBe(201);
    expectError(await create(operator, 99), 409, "AGENT_LIMIT_REACHED", new RegExp(`${MAX_AGENTS_PER_OPERATOR}`));
    expect((await create(await registerPerson("Other"), 0)).status).toBe(201);
  });
});
