// A person's whole day in real Chromium: register through the form, post a task (after a
// validation error shown beside its field), watch an agent's claim and deliveries arrive live
// over the task's WebSocket without reloading, accept, ask for a revision, accept and pay,
// and find the payment in the ledger. The agent acts from Node with its API key.

import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { acceptClaim, api, claim, deliver, personWithAgent, postTask, registerPerson, unique } from "./api";
import { foreignRequests, newPage, PHONE, recordErrors, recordRequests, snap } from "./browser";

const BUDGET = 120;

/** A marker set on the window survives only if the page never reloads. */
async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
}
async function stillSamePage(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true);
}

test("a poster runs the whole loop in the dashboard, with claims and deliveries arriving live", async () => {
  const page = await newPage();
  const requests = recordRequests(page);
  const errors = recordErrors(page);

  await page.goto("/");
  await snap(page, "landing");
  await page.getByRole("link", { name: "Create an account" }).click();
  await page.getByLabel("Name").fill("Dana Poster");
  await page.getByLabel("Email").fill(`dana-${unique()}@example.com`);
  await page.getByLabel("Password").fill("correct horse battery");
  await snap(page, "register");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL("**/dashboard");
  await expect.poll(() => page.getByTestId("balance").innerText()).toBe("500 credits");
  await snap(page, "dashboard-empty");

  await page.getByRole("link", { name: "Create task" }).first().click();
  await page.getByLabel("Title").fill("Hi");
  await page.getByLabel("Description").fill("Compare three papers on edge caching in one page.");
  await page.getByLabel("Budget (credits)").fill(String(BUDGET));
  await page.getByRole("button", { name: "Post task" }).click();
  const titleError = page.locator("#title-error");
  await expect.poll(() => titleError.innerText()).toMatch(/title must be at least 5 characters/i);
  expect(await page.getByLabel("Title").getAttribute("aria-invalid")).toBe("true");
  expect(await page.getByLabel("Description").inputValue()).toContain("edge caching");
  await snap(page, "create-task-validation");

  await page.getByLabel("Title").fill("Summarise three caching papers");
  await page.getByLabel("Requirements").fill("1. Cover all three papers\n2. Include a comparison table");
  await page.getByRole("button", { name: "Post task" }).click();
  await page.waitForURL(/\/dashboard\/tasks\/\d+$/);
  const taskId = Number(page.url().split("/").pop());
  await expect.poll(() => page.locator("#live-status").innerText(), { timeout: 10_000 }).toBe("Live");
  await expect.poll(() => page.locator("#timeline").innerText()).toContain("Task posted");
  await markPage(page);

  const agent = await personWithAgent("Live worker");
  await claim(agent, taskId, 110, "I have read all three already.");
  await expect.poll(() => page.getByText("I have read all three already.").count(), { timeout: 10_000 }).toBe(1);
  await expect.poll(() => page.locator("#timeline").innerText()).toContain("New claim");
  expect(await stillSamePage(page)).toBe(true);
  await snap(page, "task-claim-arrived");

  await page.getByRole("button", { name: `Accept ${agent.name}` }).click();
  await expect.poll(() => page.getByRole("status").innerText()).toContain("Claim accepted");
  expect(await page.getByTestId("task-status").innerText()).toBe("claimed");
  await expect.poll(() => page.getByTestId("lease").innerText()).toContain("lease until");
  // The countdown ticks in the page: a lease of an hour shows minutes and seconds left.
  await expect.poll(() => page.getByTestId("lease").innerText()).toMatch(/\(in (1h 0m|59m) \d+s\)/);
  await markPage(page);

  // The worker's heartbeat reaches the poster live: the region re-renders, the timeline says it.
  await api(agent).sendHeartbeat({ id: taskId, progress: 40, note: "Two papers read" });
  await expect.poll(() => page.getByTestId("progress").innerText(), { timeout: 10_000 }).toContain("40% done");
  await expect.poll(() => page.locator("#timeline").innerText()).toContain("Progress report");
  expect(await stillSamePage(page)).toBe(true);

  await deliver(agent, taskId, "First draft: three summaries, no table yet.");
  await expect.poll(() => page.getByText("First draft: three summaries").count(), { timeout: 10_000 }).toBe(1);
  expect(await stillSamePage(page)).toBe(true);
  expect(await page.getByTestId("task-status").innerText()).toBe("delivered");
  expect(await page.getByTestId("auto-accept").innerText()).toContain("accepted for you at");
  // The window is 72 hours by default: its countdown ticks in hours, minutes and seconds.
  await expect.poll(() => page.getByTestId("auto-accept").innerText()).toMatch(/\(in (72h 0m|71h 59m) \d+s\)/);
  await snap(page, "task-delivery-arrived");

  await page.getByLabel("What should change?").fill("Please add the comparison table.");
  await page.getByRole("button", { name: "Request revision" }).click();
  await expect.poll(() => page.getByRole("status").innerText()).toContain("Revision requested");
  expect(await page.getByTestId("task-status").innerText()).toBe("in progress");
  await markPage(page);

  await deliver(agent, taskId, "Second draft: summaries and the comparison table.");
  await expect.poll(() => page.getByText("Second draft: summaries").count(), { timeout: 10_000 }).toBe(1);
  expect(await stillSamePage(page)).toBe(true);
  await page.getByRole("button", { name: "Accept and pay" }).click();
  await expect.poll(() => page.getByRole("status").innerText()).toContain("Deliverable accepted");
  expect(await page.getByTestId("task-status").innerText()).toBe("completed");
  await expect.poll(() => page.locator("#timeline").innerText()).toContain("Deliverable accepted");
  await snap(page, "task-completed");

  // Posting never debits the poster (credits are minted on completion): the ledger holds the welcome bonus.
  await page.getByRole("link", { name: "Credits" }).click();
  await page.waitForURL("**/dashboard/credits");
  expect(await page.getByTestId("ledger-balance").innerText()).toBe("500");
  expect(await page.getByTestId("ledger").innerText()).toContain("+500");
  await snap(page, "credits-poster");

  // The agent's operator sees the payment (budget less the 10% fee) in their ledger and chart.
  const operatorPage = await newPage({ as: agent.operator });
  await operatorPage.goto("/dashboard/credits");
  const paid = BUDGET - Math.floor(BUDGET / 10);
  expect(await operatorPage.getByTestId("ledger-balance").innerText()).toBe(String(600 + paid));
  expect(await operatorPage.getByTestId("balance").innerText()).toBe(`${600 + paid} credits`);
  const ledger = await operatorPage.getByTestId("ledger").innerText();
  expect(ledger).toContain(`Payment for task ${taskId}`);
  expect(ledger).toContain(`+${paid}`);
  expect(await operatorPage.locator("svg.chart path").count()).toBe(1);
  await snap(operatorPage, "credits");

  await page.goto("/dashboard");
  expect(await page.getByRole("link", { name: /completed/ }).innerText()).toContain("(1)");
  await snap(page, "dashboard");

  expect(foreignRequests(requests)).toEqual([]);
  // The refused form comes back as a 422 page, which Chromium logs; nothing else may fail.
  expect(errors.filter((e) => !e.includes("status of 422"))).toEqual([]);
});

test("a deadline passing while the task is worked on shows up live: late, and the timeline says so", async () => {
  const poster = await registerPerson("Deadline poster");
  const agent = await personWithAgent("Slow worker");
  // Due in a few seconds, with real time: the room's own alarm flags it, nothing in the test does.
  const task = await postTask(poster, { deadline: new Date(Date.now() + 12_000).toISOString() });
  const bid = await claim(agent, task.id);
  await acceptClaim(poster, task.id, bid.id);
  const page = await newPage({ as: poster });
  await page.goto(`/dashboard/tasks/${task.id}`);
  await expect.poll(() => page.locator("#live-status").innerText(), { timeout: 10_000 }).toBe("Live");
  expect(await page.getByTestId("task-timers").innerText()).not.toContain("Late");
  await markPage(page);

  await expect
    .poll(() => page.getByTestId("task-timers").innerText(), { timeout: 30_000 })
    .toContain("Late: the deadline passed while assigned");
  await expect.poll(() => page.locator("#timeline").innerText()).toContain("Deadline passed: the task is late");
  expect(await page.getByTestId("task-status").innerText()).toBe("claimed");
  expect(await stillSamePage(page)).toBe(true);
});

test("the task page picks up events missed while its socket was down", async () => {
  const agent = await personWithAgent("Resuming worker");
  const page = await newPage();
  await page.goto("/register");
  await page.getByLabel("Name").fill("Rae Poster");
  await page.getByLabel("Email").fill(`rae-${unique()}@example.com`);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL("**/dashboard");
  await page.goto("/dashboard/tasks/new");
  await page.getByLabel("Title").fill("Translate a short README");
  await page.getByLabel("Description").fill("Translate the README of a small library into French.");
  await page.getByLabel("Budget (credits)").fill("50");
  await page.getByRole("button", { name: "Post task" }).click();
  await page.waitForURL(/\/dashboard\/tasks\/\d+$/);
  const taskId = Number(page.url().split("/").pop());
  await expect.poll(() => page.locator("#live-status").innerText(), { timeout: 10_000 }).toBe("Live");

  await page.context().setOffline(true);
  await expect.poll(() => page.locator("#live-status").innerText(), { timeout: 10_000 }).toBe("Reconnecting…");
  await claim(agent, taskId, 50, "Claimed while you were offline.");
  await page.context().setOffline(false);

  await expect.poll(() => page.getByText("Claimed while you were offline.").count(), { timeout: 20_000 }).toBe(1);
  await expect.poll(() => page.locator("#live-status").innerText()).toBe("Live");
  const timeline = await page.locator("#timeline li").allInnerTexts();
  expect(timeline.filter((line) => line.startsWith("New claim"))).toHaveLength(1);
  expect(timeline.filter((line) => line.startsWith("Task posted"))).toHaveLength(1);
});

test("the dashboard fits a phone screen", async () => {
  const page = await newPage({ viewport: PHONE });
  await page.goto("/register");
  await page.getByLabel("Name").fill("Pat Phone");
  await page.getByLabel("Email").fill(`pat-${unique()}@example.com`);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL("**/dashboard");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await snap(page, "dashboard-phone");
});
