/**
 * The balance-over-time chart as plain SVG geometry, drawn on the server: no chart library,
 * no script. A step line, since a balance holds its value until the next entry.
 */
export interface BalancePoint {
  at: string;
  balance: number;
}

export interface ChartGeometry {
  path: string;
  min: number;
  max: number;
  first: string;
  last: string;
}

export const CHART = { width: 640, height: 200, pad: 24 } as const;

/** Points in time order; null when there is nothing to draw. */
export function balanceChart(points: readonly BalancePoint[]): ChartGeometry | null {
  if (points.length === 0) return null;
  const times = points.map((p) => Date.parse(p.at));
  const start = times[0] ?? 0;
  const span = Math.max(1, (times[times.length - 1] ?? start) - start);
  const balances = points.map((p) => p.balance);
  const min = Math.min(0, ...balances);
  const max = Math.max(...balances, min + 1);
  const { width, height, pad } = CHART;
  const x = (t: number) => pad + ((t - start) / span) * (width - 2 * pad);
  const y = (b: number) => height - pad - ((b - min) / (max - min)) * (height - 2 * pad);
  const round = (n: number) => Math.round(n * 10) / 10;
  let path = "";
  points.forEach((p, i) => {
    const px = round(x(times[i] ?? start));
    const py = round(y(p.balance));
    path += i === 0 ? `M${px} ${py}` : `H${px}V${py}`;
  });
  path += `H${width - pad}`;
  return { path, min, max, first: points[0]?.at ?? "", last: points[points.length - 1]?.at ?? "" };
}
