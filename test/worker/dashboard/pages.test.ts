// The dashboard's routes in workerd, through the Worker entry: signed-out redirects, CSRF,
// assets, the one-shot key, and form posts that reach the API as the session's person.
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, claim, claimedTask, ORIGIN, type Person, personWithAgent, postTask, registerPerson } from "../../helpers/api";
import { allRoomsSettled } from "../../helpers/rooms";

function page(path: string, who: Person | null, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (who) headers.set("cookie", who.cookie);
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, { redirect: "manual", ...init, headers }));
}

function post(path: string, who: Person | null, fields: Record<string, string>, origin = ORIGIN) {
  return page(path, who, {
    method: "POST",
    headers: { origin, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
}

describe("dashboard pages", () => {
  it("send a signed-out visitor to log in, and back afterwards", async () => {
    const res = await page("/dashboard/credits", null);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/login?next=%2Fdashboard%2Fcredits");
    const landing = await page("/", null);
    expect(landing.status).toBe(200);
    const html = await landing.text();
    expect(html).toContain('href="/skill.md"');
    expect(html).toContain('href="/docs"');
  });

  it("log in through the form with the API's session cookie, and only to local pages", async () => {
    const person = await registerPerson("Form login");
    const res = await post("/login", null, { email: person.email, password: "correct horse battery", next: "https://evil.example/" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/dashboard");
    expect(res.headers.get("set-cookie")).toMatch(/^th_session=.+HttpOnly/i);
    const wrong = await post("/login", null, { email: person.email, password: "not the password" });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain("Email or password is incorrect");
  });

  it("refuse a form posted from another site", async () => {
    const person = await registerPerson("Victim");
    const res = await post(
      "/dashboard/tasks",
      person,
      { title: "Forged task title", description: "Posted by another site".repeat(2), budget_credits: "50" },
      "https://evil.example",
    );
    expect(res.status).toBe(403);
    const mine = await call<unknown[]>("GET", "/api/v1/operator/tasks", person);
    expect(mine.body.data).toHaveLength(0);
  });

  it("post a task as the session's person, once however often the form is sent", async () => {
    const person = await registerPerson("Form poster");
    const fields = {
      title: "Summarise a paper",
      description: "A one-page summary of a paper on caching.",
      budget_credits: "80",
      _token: crypto.randomUUID(),
    };
    const first = await post("/dashboard/tasks", person, fields);
    const again = await post("/dashboard/tasks", person, fields);
    expect(first.status).toBe(303);
    expect(again.headers.get("location")).toBe(first.headers.get("location"));
    await allRoomsSettled();
    const mine = await call<{ title: string; budget_credits: number }[]>("GET", "/api/v1/operator/tasks", person);
    expect(mine.body.data).toEqual([expect.objectContaining({ title: "Summarise a paper", budget_credits: 80 })]);
  });

  it("show the API's validation message beside the field and keep what was typed, but never the LLM key", async () => {
    const person = await registerPerson("Careless poster");
    const res = await post("/dashboard/tasks", person, {
      title: "Fine title",
      description: "Long enough description here.",
      budget_credits: "5",
      poster_llm_key: "sk-secret-typed-key",
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/id="budget_credits-error"[^>]*>budget_credits must be ≥ 10/);
    expect(html).toContain('value="Fine title"');
    expect(html).not.toContain("sk-secret-typed-key");
  });

  it("post a task with its priority and auto-accept window (hours in the form, seconds in the API; empty is never)", async () => {
    const person = await registerPerson("Prioritiser");
    const base = { title: "Urgent summary", description: "A task the poster wants done first.", budget_credits: "60" };
    const urgent = await post("/dashboard/tasks", person, { ...base, priority: "5", auto_accept_hours: "1.5" });
    const urgentId = Number(urgent.headers.get("location")?.split("/").pop());
    expect((await call("GET", `/api/v1/tasks/${urgentId}`, person)).body.data).toMatchObject({ priority: 5, auto_accept_seconds: 5400 });
    const patient = await post("/dashboard/tasks", person, { ...base, auto_accept_hours: "" });
    const patientId = Number(patient.headers.get("location")?.split("/").pop());
    expect((await call("GET", `/api/v1/tasks/${patientId}`, person)).body.data).toMatchObject({ priority: 3, auto_accept_seconds: null });
    const refused = await post("/dashboard/tasks", person, { ...base, auto_accept_hours: "0" });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toMatch(/id="auto_accept_seconds-error"[^>]*>auto_accept_seconds must be ≥ 60/);
  });

  it("show a task's place in its tree: its parts on the parent's page, its parent on a part's", async () => {
    const poster = await registerPerson("Tree poster");
    const holder = await personWithAgent("Coordinator");
    const { task } = await claimedTask(poster, holder, { budget_credits: 200 });
    const part = await call<{ id: number }>("POST", `/api/v1/tasks/${task.id}/subtasks`, holder, {
      body: { title: "A part of it", description: "One part of the bigger piece of work, described.", budget_credits: 60 },
    });
    const parentHtml = await (await page(`/dashboard/tasks/${task.id}`, poster)).text();
    expect(parentHtml).toContain("130 credits still delegable");
    expect(parentHtml).toContain(`href="/dashboard/tasks/${part.body.data.id}"`);
    const partHtml = await (await page(`/dashboard/tasks/${part.body.data.id}`, holder.operator)).text();
    expect(partHtml).toContain(`Part of <a href="/dashboard/tasks/${task.id}">task ${task.id}</a> (depth 1)`);
  });

  it("never show a stored LLM key on any page", async () => {
    const person = await registerPerson("Key keeper");
    const secret = "sk-ant-dashboard-planted-4242424242";
    const fields = {
      title: "Reviewed automatically",
      description: "A task whose deliverables the reviewer judges.",
      budget_credits: "60",
      auto_review_enabled: "on",
      poster_llm_provider: "anthropic",
      poster_llm_key: secret,
    };
    const created = await post("/dashboard/tasks", person, fields);
    const where = created.headers.get("location") ?? "";
    expect(where).toMatch(/^\/dashboard\/tasks\/\d+$/);
    for (const path of [where, "/dashboard", "/dashboard?status=open", "/dashboard/credits", "/dashboard/agents"]) {
      const html = await (await page(path, person)).text();
      expect(html).not.toContain(secret);
      expect(html).not.toContain(secret.slice(8, 20));
    }
    expect(await (await page(where, person)).text()).toContain("auto-review on");
  });

  it("carry out the poster's decisions through the API and report them", async () => {
    const poster = await registerPerson("Deciding poster");
    const agent = await personWithAgent("Bidder");
    const task = await postTask(poster);
    const bid = await claim(agent, task.id);
    const accepted = await post(`/dashboard/tasks/${task.id}/claims/${bid.id}/accept`, poster, { _token: "t1" });
    expect(accepted.headers.get("location")).toBe(`/dashboard/tasks/${task.id}`);
    const view = await page(`/dashboard/tasks/${task.id}`, {
      ...poster,
      cookie: `${poster.cookie}; ${accepted.headers.get("set-cookie")?.split(";")[0]}`,
    });
    const html = await view.text();
    expect(html).toContain("Claim accepted");
    expect(html).toContain("Roll back to open");

    const rolled = await post(`/dashboard/tasks/${task.id}/rollback`, poster, { _token: "t2" });
    expect(rolled.status).toBe(303);
    expect((await call<{ status: string }>("GET", `/api/v1/tasks/${task.id}`, poster)).body.data.status).toBe("open");
    await post(`/dashboard/tasks/${task.id}/cancel`, poster, { _token: "t3" });
    expect((await call<{ status: string }>("GET", `/api/v1/tasks/${task.id}`, poster)).body.data.status).toBe("cancelled");

    const refused = await post(`/dashboard/tasks/${task.id}/cancel`, poster, { _token: "t4" });
    expect(decodeURIComponent(refused.headers.get("set-cookie") ?? "")).toContain("error");
    expect((await post(`/dashboard/tasks/${task.id}/anything`, poster, {})).status).toBe(404);
  });

  it("show an agent's key once: after the redirect, and never on the next load", async () => {
    const person = await registerPerson("Key once");
    const created = await post("/dashboard/agents", person, {
      name: "once-bot",
      description: "Shows its key once",
      _token: crypto.randomUUID(),
    });
    expect(created.status).toBe(303);
    const cookies = created.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const shown = await page("/dashboard/agents", { ...person, cookie: `${person.cookie}; ${cookies}` });
    expect(shown.headers.get("cache-control")).toBe("no-store");
    const key = /th_agent_[0-9a-f]{64}/.exec(await shown.text())?.[0];
    expect(key).toBeDefined();
    expect(shown.headers.getSetCookie().join()).toMatch(/th_issued_key=;/);
    const later = await page("/dashboard/agents", person);
    expect(await later.text()).not.toContain(key);
  });

  it("serve the stylesheet and script from the Worker, cacheable by their hashed names", async () => {
    const html = await (await page("/", null)).text();
    const assets = [...html.matchAll(/\/dashboard\/assets\/[\w.]+/g)].map((m) => m[0]);
    expect(assets).toHaveLength(2);
    for (const asset of assets) {
      const res = await page(asset, null);
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toContain("immutable");
      expect((await res.text()).length).toBeGreaterThan(1000);
    }
    expect((await page("/dashboard/assets/nope.js", null)).status).toBe(404);
  });
});
