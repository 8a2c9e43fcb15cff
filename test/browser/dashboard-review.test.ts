// The reviewer seen from the dashboard, in real Chromium: an auto-reviewed task's deliveries are
// judged through the reviews queue by the real Anthropic SDK against scripts/fake-llm.mjs (paid
// by the platform key the harness configures), and each verdict, its feedback and its effect on
// the task appear live on the task page.
import { expect, test } from "vitest";
import { acceptClaim, claim, deliver, personWithAgent, registerPerson } from "./api";
import { newPage, recordErrors, snap } from "./browser";

test("auto-review verdicts arrive live: a short draft is sent back with feedback, a full one completes the task", async () => {
  const poster = await registerPerson("Review poster");
  const page = await newPage({ as: poster });
  const errors = recordErrors(page);

  await page.goto("/dashboard/tasks/new");
  await page.getByLabel("Title").fill("Compare three caching papers");
  await page.getByLabel("Description").fill("A one-page comparison of three papers on edge caching.");
  await page.getByLabel("Requirements").fill("1. Cover all three papers\n2. Include a comparison table");
  await page.getByLabel("Budget (credits)").fill("200");
  await page.getByLabel("Let the LLM reviewer judge each deliverable").check();
  await page.getByRole("button", { name: "Post task" }).click();
  await page.waitForURL(/\/dashboard\/tasks\/\d+$/);
  const taskId = Number(page.url().split("/").pop());
  expect(await page.locator("#region-summary").innerText()).toContain("auto-review on");
  await expect.poll(() => page.locator("#live-status").innerText(), { timeout: 10_000 }).toBe("Live");

  const agent = await personWithAgent("Reviewed worker");
  const bid = await claim(agent, taskId, 200);
  await acceptClaim(poster, taskId, bid.id);

  await deliver(agent, taskId, "Too short to pass.");
  const reviews = page.locator("#region-reviews");
  await expect.poll(() => reviews.innerText(), { timeout: 20_000 }).toContain("Fake reviewer: the deliverable has 18 characters");
  expect(await reviews.innerText()).toMatch(/key: platform/);
  expect(await reviews.locator(".badge.fail").count()).toBe(1);
  await expect.poll(() => page.getByTestId("task-status").innerText()).toBe("in progress");
  expect(await page.locator("#region-deliverables").innerText()).toContain("revision requested");
  await snap(page, "task-review-fail");

  await deliver(agent, taskId, `All three papers compared, with the table.\n\n${"| paper | strategy | hit rate |\n".repeat(8)}`);
  await expect.poll(() => page.getByTestId("task-status").innerText(), { timeout: 20_000 }).toBe("completed");
  await expect.poll(() => reviews.locator(".badge.pass").count()).toBe(1);
  await expect.poll(() => page.locator("#timeline").innerText()).toContain("Reviewer finished");
  await snap(page, "task-review-pass");

  expect(errors).toEqual([]);
});
