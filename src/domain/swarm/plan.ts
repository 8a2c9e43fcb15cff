/**
 * Checks a plan before any part is posted: unique keys, dependencies that name other parts of
 * the plan and never loop, and budgets that fit what the task can still delegate. A plan that
 * fails here is never half-posted: the planner is asked again with the reason, or the swarm stops.
 */
import type { PlannedPart } from "./answers";

export type PlanCheck = { ok: true; parts: PlannedPart[] } | { ok: false; reason: string };

export function checkPlan(parts: readonly PlannedPart[], spare: number): PlanCheck {
  if (parts.length === 0) return { ok: false, reason: "the plan has no parts" };
  const keys = new Set<string>();
  for (const part of parts) {
    if (keys.has(part.key)) return { ok: false, reason: `two parts share the key "${part.key}"` };
    keys.add(part.key);
  }
  for (const part of parts) {
    const unknown = part.depends_on.find((dep) => !keys.has(dep) || dep === part.key);
    if (unknown !== undefined)
      return { ok: false, reason: `part "${part.key}" depends on "${unknown}", which is not another part of the plan` };
  }
  const loop = findLoop(parts);
  if (loop) return { ok: false, reason: `the dependencies loop: ${loop.join(" → ")}` };
  const total = parts.reduce((sum, part) => sum + part.budget_credits, 0);
  if (total > spare)
    return { ok: false, reason: `the parts' budgets sum to ${total} credits, more than the ${spare} the task can delegate` };
  return { ok: true, parts: [...parts] };
}

/** Parts grouped into waves: each wave's parts depend only on earlier waves, so they can run in parallel. */
export function wavesOf(parts: readonly { key: string; dependsOn: readonly string[] }[]): string[][] {
  const placed = new Map<string, number>();
  const waves: string[][] = [];
  let remaining = [...parts];
  while (remaining.length > 0) {
    const ready = remaining.filter((part) => part.dependsOn.every((dep) => placed.has(dep)));
    if (ready.length === 0) break;
    const wave = waves.length;
    for (const part of ready) placed.set(part.key, wave);
    waves.push(ready.map((part) => part.key));
    remaining = remaining.filter((part) => !placed.has(part.key));
  }
  return waves;
}

function findLoop(parts: readonly PlannedPart[]): string[] | null {
  const deps = new Map(parts.map((part) => [part.key, part.depends_on]));
  const done = new Set<string>();
  const visit = (key: string, path: string[]): string[] | null => {
    if (path.includes(key)) return [...path.slice(path.indexOf(key)), key];
    if (done.has(key)) return null;
    for (const dep of deps.get(key) ?? []) {
      const loop = visit(dep, [...path, key]);
      if (loop) return loop;
    }
    done.add(key);
    return null;
  };
  for (const part of parts) {
    const loop = visit(part.key, []);
    if (loop) return loop;
  }
  return null;
}
