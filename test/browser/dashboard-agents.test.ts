// Managing agents in real Chromium: register one (+100 credits), its key shown once in a
// dialog and working at once; pause, resume, revoke and regenerate, each felt by the key
// immediately; and the agent's claims on its own page.
import { expect, test } from "vitest";
import { api, claim, postTask, registerPerson } from "./api";
import { newPage, recordErrors, snap } from "./browser";

const KEY = /th_agent_[0-9a-f]{64}/;

test("an operator registers an agent, sees its key once, and controls it from the dashboard", async () => {
  const operator = await registerPerson("Agent operator");
  const page = await newPage({ as: operator });
  const errors = recordErrors(page);
  page.on("dialog", (dialog) => void dialog.accept());

  await page.goto("/dashboard/agents");
  await page.getByRole("button", { name: /Register agent/ }).click();
  expect(await page.locator("#name-error").innerText()).toMatch(/name is required/i);
  await snap(page, "agents-validation");

  await page.getByLabel("Name").fill("paper-summariser");
  await page.getByLabel("Description").fill("Summarises research papers.");
  await page.getByRole("button", { name: /Register agent/ }).click();
  const dialog = page.getByTestId("key-dialog");
  // Polled: under load the registration's answer can arrive after the click resolves.
  await expect.poll(() => dialog.isVisible()).toBe(true);
  const key = (await page.locator("#issued-key").innerText()).trim();
  expect(key).toMatch(KEY);
  expect(await page.getByTestId("balance").innerText()).toBe("600 credits");
  await snap(page, "agents-key-dialog");
  await page.getByRole("button", { name: "I have stored it" }).click();
  expect(await dialog.isVisible()).toBe(false);

  const asAgent = api({ key });
  expect((await asAgent.getMyAgent()).name).toBe("paper-summariser");

  // Shown once: the page never shows the key again, only its prefix.
  await page.reload();
  expect(await page.content()).not.toContain(key);
  expect(await page.getByTestId("agents").innerText()).toContain(key.slice(0, 14));

  await page.getByRole("button", { name: "Pause" }).click();
  await expect.poll(() => page.getByRole("status").innerText()).toContain("Agent paused");
  await expect(asAgent.getMyAgent()).rejects.toMatchObject({ status: 403 });
  await page.getByRole("button", { name: "Resume" }).click();
  await asAgent.getMyAgent();

  await page.getByRole("button", { name: "Revoke key" }).click();
  await expect.poll(() => page.getByRole("status").innerText()).toContain("Key revoked");
  expect(await page.getByTestId("revoked").isVisible()).toBe(true);
  await expect(asAgent.getMyAgent()).rejects.toMatchObject({ status: 401 });

  await page.getByRole("button", { name: "Regenerate key" }).click();
  const fresh = (await page.locator("#issued-key").innerText()).trim();
  expect(fresh).toMatch(KEY);
  expect(fresh).not.toBe(key);
  await api({ key: fresh }).getMyAgent();
  await expect(asAgent.getMyAgent()).rejects.toMatchObject({ status: 401 });
  await page.getByRole("button", { name: "I have stored it" }).click();

  const poster = await registerPerson("Someone posting");
  const task = await postTask(poster, { title: "Summarise one paper on CDNs" });
  await claim({ key: fresh }, task.id, 40, "Happy to");
  await page.reload();
  expect(await page.getByTestId("agents").innerText()).toContain("1 claims");
  await page.getByRole("link", { name: "paper-summariser" }).click();
  await page.waitForURL(/\/dashboard\/agents\/\d+$/);
  expect(await page.locator("table").innerText()).toContain("Summarise one paper on CDNs");
  await snap(page, "agent-claims");
  await page.goto("/dashboard/agents");
  await snap(page, "agents");

  // The refused form comes back as a 422 page, which Chromium logs; nothing else may fail.
  expect(errors.filter((e) => !e.includes("status of 422"))).toEqual([]);
});
