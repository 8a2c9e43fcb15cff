// The task page's live regions: a read that failed shows its failure in its own region (so the
// live swap replaces like with like), a read the viewer may not make (403) hides the region, and
// a failure never looks like an empty list.
import { describe, expect, it } from "vitest";
import type { ApiResult } from "../../../src/worker/dashboard/api";
import { TaskPage, type TaskPageData } from "../../../src/worker/dashboard/pages/task-detail";
import type { TaskDetail } from "../../../src/worker/dashboard/types";
import { expectStatus, postTask, registerPerson } from "../../helpers/api";

const loaded = <T>(data: T): ApiResult<T> => ({ ok: true, status: 200, data, cursor: null, setCookie: [], retryAfter: null });
const refused = (status: number, code: "RATE_LIMITED" | "FORBIDDEN" | "INTERNAL_ERROR", message: string): ApiResult<never> => ({
  ok: false,
  status,
  error: { code, message, suggestion: "Try again in a moment" },
  setCookie: [],
  retryAfter: null,
});

async function render(overrides: Partial<TaskPageData>): Promise<string> {
  const poster = await registerPerson("Renders");
  const { id } = await postTask(poster);
  const task = await expectStatus<TaskDetail>(200, "GET", `/api/v1/tasks/${id}`, poster);
  const props: TaskPageData = {
    viewer: { id: poster.id, name: poster.name, email: poster.email, credit_balance: 500 },
    task,
    claims: loaded([]),
    deliverables: loaded([]),
    reviews: loaded([]),
    flash: null,
    renderedAt: new Date().toISOString(),
    token: "t",
    retry: `/dashboard/tasks/${id}`,
    ...overrides,
  };
  return (await TaskPage(props).toString()).toString();
}

describe("the task page's regions", () => {
  it("show a failed claims read as a failure with the API's message and a retry, not as Claims (0)", async () => {
    const html = await render({ claims: refused(500, "INTERNAL_ERROR", "Something went wrong on our side (request req_1)") });
    expect(html).toMatch(/<section id="region-claims" data-region[^>]*>.*Could not load the claims\./s);
    expect(html).toContain("Something went wrong on our side (request req_1)");
    expect(html).toContain(">Retry</a>");
    expect(html).not.toContain("Claims (0)");
    // The regions that did load still show.
    expect(html).toContain("Deliverables (0)");
  });

  it("hide the deliverables and reviews a viewer may not read (403), without a failure", async () => {
    const hidden = refused(403, "FORBIDDEN", "Only the poster of task 1 and the agents that worked on it can read its deliverables");
    const html = await render({ deliverables: hidden, reviews: hidden });
    expect(html).not.toContain("region-deliverables");
    expect(html).not.toContain("region-reviews");
    expect(html).not.toContain("Could not load");
    expect(html).toContain("Claims (0)");
  });

  it("say Claims (0) only when the read worked and found none", async () => {
    expect(await render({})).toContain("Claims (0)");
  });
});
