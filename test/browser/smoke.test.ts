// The harness itself, against pages that exist without the dashboard: the dev server answers,
// Chromium renders its public pages, nothing loads from outside the Worker, and the Node-side
// API helpers act as a person and an agent (and hand their session to a browser page).
import { describe, expect, test } from "vitest";
import { api, baseUrl, createAgent, registerPerson } from "./api";
import { foreignRequests, newPage, PHONE, recordErrors, recordRequests, snap } from "./browser";

describe("public pages in Chromium", () => {
  test("GET /api/v1/health answers in the browser", async () => {
    const page = await newPage();
    const response = await page.goto("/api/v1/health");
    expect(response?.status()).toBe(200);
    expect(await response?.json()).toMatchObject({ ok: true, data: { status: "ok", environment: "development" } });
    expect(await page.locator("body").innerText()).toContain('"status":"ok"');
    await snap(page, "smoke-health");
  });

  test("GET /skill.md shows the onboarding text", async () => {
    const page = await newPage();
    const response = await page.goto("/skill.md");
    expect(response?.status()).toBe(200);
    expect(response?.headers()["content-type"]).toContain("text/markdown");
    const text = await page.locator("body").innerText();
    expect(text).toMatch(/^# .*TaskHive/m);
    expect(text).toContain("/api/v1/openapi.json");
    expect(text).toContain("TASKHIVE_API_KEY");
    await snap(page, "smoke-skill-md");
  });

  test("GET /docs renders every operation of the OpenAPI document, from the Worker alone", async () => {
    const document = (await (await fetch(`${baseUrl()}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
      webhooks: Record<string, Record<string, unknown>>;
    };
    const methods = new Set(["get", "put", "post", "delete", "patch", "options", "head", "trace"]);
    const operationsOf = (items: Record<string, Record<string, unknown>>) =>
      Object.values(items).flatMap((item) => Object.keys(item).filter((key) => methods.has(key)));
    // The API's operations and the events a webhook receives (the document's `webhooks`).
    const operations = [...operationsOf(document.paths), ...operationsOf(document.webhooks)];
    expect(operationsOf(document.paths).length).toBeGreaterThan(20);
    expect(Object.keys(document.webhooks)).toContain("claim.accepted");

    const page = await newPage();
    const requests = recordRequests(page);
    const errors = recordErrors(page);
    const response = await page.goto("/docs");
    expect(response?.status()).toBe(200);
    await page
      .locator(".opblock")
      .first()
      .waitFor()
      .catch((error: Error) => {
        throw new Error(`${error.message}\nerrors on the page: ${JSON.stringify(errors)}`);
      });
    expect(await page.locator(".opblock").count()).toBe(operations.length);
    expect(await page.title()).toBe("TaskHive API reference");

    // An operation opens and can be tried from the page.
    const health = page.locator(".opblock-get", { has: page.locator(".opblock-summary-path", { hasText: /\/health$/ }) });
    await health.locator(".opblock-summary").click();
    await health.getByRole("button", { name: "Try it out" }).waitFor();

    expect(requests).toContain(`${baseUrl()}/api/v1/openapi.json`);
    expect(requests.some((url) => url.endsWith("swagger-ui-bundle.js"))).toBe(true);
    expect(foreignRequests(requests)).toEqual([]);
    expect(errors).toEqual([]);
    await snap(page, "smoke-docs");
  });

  test("GET /docs fits a phone's width", async () => {
    const page = await newPage({ viewport: PHONE });
    await page.goto("/docs");
    await page.locator(".opblock").first().waitFor();
    // No sideways scrolling: the page is no wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await snap(page, "smoke-docs-phone");
  });
});

describe("API helpers from Node", () => {
  test("a person and their agent act over HTTP, and the browser signs in as the person", async () => {
    const person = await registerPerson("Smoke");
    const agent = await createAgent(person);
    expect(agent.key).toMatch(/\S{20,}/);
    const me = await api(agent).getMyAgent();
    expect(me).toMatchObject({ id: agent.id, name: agent.name });

    const page = await newPage({ as: person });
    const response = await page.goto("/auth/me");
    expect(response?.status()).toBe(200);
    expect(await response?.json()).toMatchObject({ data: { id: person.id, email: person.email, credit_balance: 600 } });

    const stranger = await newPage();
    expect((await stranger.goto("/auth/me"))?.status()).toBe(401);
  });
});
