// Swarm mode from the dashboard, in real Chromium: a task posted through the form with "Run it as
// a swarm" is planned by scripts/fake-llm.mjs (the platform key pays), its tree appears on the
// task page without a reload, agents claim and deliver its parts through the API, and the page
// follows each part to done, the merge, the task's own review and its completion, live.
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { api, claim, createAgent, deliver, registerPerson } from "./api";
import { newPage, PHONE, recordErrors, snap } from "./browser";

/** Long enough for the fake reviewer's PASS (it fails anything under 200 characters). */
const work = (what: string) => `${what}\n\n${"A full paragraph of careful, sourced work on this part of the report. ".repeat(5)}`;

async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
}
async function stillSamePage(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true);
}

/** Each part row's key and state, as the page shows them now. */
function partStates(page: Page): Promise<string[]> {
  return page
    .locator("#region-swarm tr[data-part-key]")
    .evaluateAll((rows) => rows.map((row) => `${(row as HTMLElement).dataset.partKey}:${(row as HTMLElement).dataset.partState}`));
}

test("a swarm posted through the form shows its tree live, from the plan through its parts to the completed task", async () => {
  const poster = await registerPerson("Swarm poster");
  const page = await newPage({ as: poster });
  const errors = recordErrors(page);

  await page.goto("/dashboard/tasks/new");
  await page.getByLabel("Title").fill("Report on edge caching");
  await page.getByLabel("Description").fill("A short report on edge caching, in parts, with a conclusion.");
  await page.getByLabel("Requirements").fill("1. Background on edge caching\n2. Analysis of three caching papers");
  await page.getByLabel("Budget (credits)").fill("15");
  await page.getByLabel("Run it as a swarm").check();
  await page.getByLabel("Let the LLM reviewer judge each deliverable").check();
  await page.getByRole("button", { name: "Post task" }).click();
  // The swarm's own refusal shows beside the field it names, like any validation error.
  await expect.poll(() => page.locator("#budget_credits-error").innerText()).toMatch(/swarm task needs a budget of at least 20/);
  expect(await page.getByLabel("Run it as a swarm").isChecked()).toBe(true);
  await snap(page, "create-task-swarm-refused");

  await page.getByLabel("Budget (credits)").fill("200");
  await page.getByRole("button", { name: "Post task" }).click();
  await page.waitForURL(/\/dashboard\/tasks\/\d+$/);
  const taskId = Number(page.url().split("/").pop());
  expect(await page.getByRole("status").innerText()).toContain("Swarm task posted");
  await expect.poll(() => page.locator("#live-status").innerText(), { timeout: 10_000 }).toBe("Live");
  await markPage(page);

  // The planner answers through the swarm queue; its parts appear without a reload.
  const swarm = page.locator("#region-swarm");
  await expect
    .poll(() => partStates(page), { timeout: 30_000 })
    .toHaveLength(3)
    .catch(async (error) => {
      // Say which side was behind: the swarm (its queue, the fake model) or the page's refresh.
      const [tree, status, timeline] = await Promise.all([
        api(poster).getSwarm({ id: taskId }),
        page.locator("#live-status").innerText(),
        page.locator("#timeline").innerText(),
      ]);
      throw new Error(`${error}\nthe API's tree: ${JSON.stringify(tree)}\nthe page: ${status}; timeline:\n${timeline}`);
    });
  expect(await stillSamePage(page)).toBe(true);
  const tree = await api(poster).getSwarm({ id: taskId });
  const [first, second, last] = tree.parts;
  if (!first || !second || !last) throw new Error(`expected three parts: ${JSON.stringify(tree.parts)}`);
  expect(last.depends_on).toEqual([first.key, second.key]);
  await expect.poll(() => partStates(page)).toEqual([`${first.key}:posted`, `${second.key}:posted`, `${last.key}:waiting`]);
  expect(await swarm.getByTestId("swarm-status").innerText()).toBe("running");
  expect(await swarm.getByTestId("swarm-waves").innerText()).toBe(`${first.key}, ${second.key}\n${last.key}`);
  expect(await swarm.getByTestId("swarm-calls").innerText()).toMatch(/plan[\s\S]*planned/i);
  expect(await swarm.locator(`a[href="/dashboard/tasks/${first.task_id}"]`).count()).toBe(1);
  await expect.poll(() => page.locator("#timeline").innerText()).toContain("Swarm planned");
  await snap(page, "task-swarm-planned");

  // Workers from the pool: a part's first bid is accepted at once, its delivery reviewed and paid.
  const operator = await registerPerson("Swarm workers");
  const [ada, bo] = [await createAgent(operator, { name: "ada-bot" }), await createAgent(operator, { name: "bo-bot" })];
  const [firstId, secondId] = [first.task_id as number, second.task_id as number];
  expect((await claim(bo, secondId, second.budget_credits)).status).toBe("accepted");
  await api(bo).sendHeartbeat({ id: secondId, progress: 40, note: "Two papers read" });
  expect((await claim(ada, firstId, first.budget_credits)).status).toBe("accepted");
  await deliver(ada, firstId, work(first.title));
  // A part's own events stay on its stream; the parent's (the first part settling) refresh the
  // tree, which then shows the second part's worker and progress as its room holds them.
  await expect.poll(() => partStates(page), { timeout: 30_000 }).toContain(`${first.key}:done`);
  const secondRow = swarm.locator(`tr[data-part-key="${second.key}"]`);
  expect(await secondRow.innerText()).toMatch(/bo-bot[\s\S]*40% · last heartbeat/);
  await snap(page, "task-swarm-running");
  await deliver(bo, secondId, work(second.title));
  // Each paid part settles on the parent, whose stream refreshes the tree: the last part is posted.
  await expect.poll(() => partStates(page), { timeout: 30_000 }).toEqual([`${first.key}:done`, `${second.key}:done`, `${last.key}:posted`]);
  expect(await swarm.innerText()).toMatch(/ada-bot[\s\S]*bo-bot/);
  expect(await swarm.getByTestId("swarm-counts").innerText()).toContain("2 of 3 parts done");
  expect(await stillSamePage(page)).toBe(true);

  const lastId = (await api(poster).getSwarm({ id: taskId })).parts[2]?.task_id as number;
  await claim(ada, lastId, last.budget_credits);
  await deliver(ada, lastId, work(last.title));

  // The merge is delivered by the coordinator, passes the task's own review, and completes it.
  await expect.poll(() => page.getByTestId("task-status").innerText(), { timeout: 45_000 }).toBe("completed");
  await expect.poll(() => swarm.getByTestId("swarm-status").innerText(), { timeout: 10_000 }).toBe("ended");
  await expect.poll(() => partStates(page)).toEqual([`${first.key}:done`, `${second.key}:done`, `${last.key}:done`]);
  const calls = await swarm.getByTestId("swarm-calls").innerText();
  expect(calls).toMatch(/plan[\s\S]*merge/);
  expect(await swarm.getByTestId("swarm-cost").innerText()).toMatch(/Total estimated cost: (\$\d+\.\d{4}|price unknown)/);
  expect(await page.locator("#region-deliverables").innerText()).toContain("# Report on edge caching");
  expect(await stillSamePage(page)).toBe(true);
  await snap(page, "task-swarm-completed");

  const phone = await newPage({ as: poster, viewport: PHONE });
  await phone.goto(`/dashboard/tasks/${taskId}`);
  await snap(phone, "task-swarm-phone");

  // The refused form answers 422, which Chromium logs; nothing else may fail on the page.
  expect(errors.filter((e) => !e.includes("status of 422"))).toEqual([]);
}, 150_000);
