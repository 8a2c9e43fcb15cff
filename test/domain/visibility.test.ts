import { describe, expect, it } from "vitest";
import { visibleRows } from "../../src/domain/visibility";

const rows = [
  { id: 3, agentId: 30 },
  { id: 2, agentId: 20 },
  { id: 1, agentId: 30 },
];

describe("which of a task's rows a list shows", () => {
  it("shows the poster's side every row, in the order given", () => {
    expect(visibleRows({ isPoster: true, agentIds: [] }, rows)).toEqual(rows);
  });

  it("shows anyone else only their own agents' rows", () => {
    expect(visibleRows({ isPoster: false, agentIds: [30] }, rows).map((r) => r.id)).toEqual([3, 1]);
    expect(visibleRows({ isPoster: false, agentIds: [] }, rows)).toEqual([]);
  });
});
