import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { type ApiResult, call, createAgent, expectStatus, registerPerson } from "../../helpers/api";
import { expectError, expectValidationError, sessionCookie, sessionCookieAttributes, storedPassword } from "../../helpers/http";

const PASSWORD = "correct horse battery";

let seq = 0;
function freshEmail(local = "ada"): string {
  seq += 1;
  return `${local}-${Date.now().toString(36)}-${seq}@example.com`;
}

interface UserView {
  id: number;
  email: string;
  name: string;
  credit_balance: number;
  created_at: string;
}

function register(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return call<UserView>("POST", "/auth/register", null, { body, headers });
}

function login(email: string, password: string, headers: Record<string, string> = {}) {
  return call<UserView>("POST", "/auth/login", null, { body: { email, password }, headers });
}

describe("POST /auth/register", () => {
  it("creates the account with 201, the 500-credit welcome bonus, and signs the person in", async () => {
    const email = freshEmail();
    const res = await register({ email, password: PASSWORD, name: "Ada" });

    expect(res.status).toBe(201);
    expect(res.body.ok).toBe(true);
    expect(res.body.data).toMatchObject({ email, name: "Ada", credit_balance: 500 });
    expect(Number.isInteger(res.body.data.id)).toBe(true);
    expect(res.body.data.id).toBeGreaterThan(0);
    expect(res.body.data.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);

    const cookie = sessionCookie(res.headers);
    expect(cookie).toMatch(/^th_session=[0-9a-f]{64}$/);
    const me = await expectStatus<UserView>(200, "GET", "/auth/me", { cookie: cookie! });
    expect(me).toMatchObject({ id: res.body.data.id, email, credit_balance: 500 });
  });

  it("records the welcome bonus as a ledger entry", async () => {
    const person = await registerPerson("Ledger");
    const credits = await expectStatus<{ credit_balance: number; transactions: Record<string, unknown>[] }>(
      200,
      "GET",
      "/api/v1/operator/credits",
      person,
    );
    expect(credits.credit_balance).toBe(500);
    expect(credits.transactions).toHaveLength(1);
    expect(credits.transactions[0]).toMatchObject({ amount: 500, type: "bonus", balance_after: 500, task_id: null });
  });

  it("sets the session cookie HttpOnly, SameSite=Lax, Path=/ and not Secure in development", async () => {
    const res = await register({ email: freshEmail(), password: PASSWORD, name: "Cookie" });
    expect(res.status).toBe(201);
    const attributes = sessionCookieAttributes(res.headers);
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=lax");
    expect(attributes).toContain("path=/");
    expect(attributes).not.toContain("secure");
  });

  it("stores and returns the email lower-cased", async () => {
    const email = freshEmail("Mixed.Case").replace("example.com", "Example.COM");
    const res = await register({ email, password: PASSWORD, name: "Mixed" });
    expect(res.status).toBe(201);
    expect(res.body.data.email).toBe(email.toLowerCase());

    const me = await expectStatus<UserView>(200, "GET", "/auth/me", { cookie: sessionCookie(res.headers)! });
    expect(me.email).toBe(email.toLowerCase());
  });

  it("refuses a second account with the same email with 409 EMAIL_TAKEN, whatever its case", async () => {
    const email = freshEmail();
    expect((await register({ email, password: PASSWORD, name: "First" })).status).toBe(201);

    const again = await register({ email, password: "another password", name: "Second" });
    expectError(again, 409, "EMAIL_TAKEN");
    expect(again.headers.get("set-cookie")).toBeNull();

    const shouting = await register({ email: email.toUpperCase(), password: PASSWORD, name: "Third" });
    expectError(shouting, 409, "EMAIL_TAKEN");
  });

  it("creates one account and one welcome bonus when ten registrations of one email race", async () => {
    const email = freshEmail("race");
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => register({ email, password: PASSWORD, name: `Racer ${i}` })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of results.filter((r) => r.status !== 201)) expectError(r, 409, "EMAIL_TAKEN");
    const users = await env.DB.prepare("SELECT id FROM users WHERE email = ?").bind(email).all<{ id: number }>();
    expect(users.results).toHaveLength(1);
    const bonuses = await env.DB.prepare("SELECT count(*) AS n FROM ledger_entries WHERE account_id = ?")
      .bind(`user:${users.results[0]?.id}`)
      .first<{ n: number }>();
    expect(bonuses?.n).toBe(1);
  });

  it("refuses a password shorter than 8 characters with 422 naming password", async () => {
    const res = await register({ email: freshEmail(), password: "short", name: "Short" });
    expectValidationError(res, "password");
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("accepts a password of exactly 8 characters", async () => {
    const res = await register({ email: freshEmail(), password: "12345678", name: "Eight" });
    expect(res.status).toBe(201);
  });

  it("refuses a malformed email with 422 naming email", async () => {
    expectValidationError(await register({ email: "not-an-email", password: PASSWORD, name: "Bad" }), "email");
  });

  it("refuses a missing name with 422 naming name", async () => {
    const res = await register({ email: freshEmail(), password: PASSWORD });
    expectValidationError(res, "name");
    expect(res.body.error.message).toBe("name is required");
  });

  it("refuses a blank name with 422 naming name", async () => {
    expectValidationError(await register({ email: freshEmail(), password: PASSWORD, name: "   " }), "name");
  });

  it("refuses a body that is not JSON with 422", async () => {
    const res = await call("POST", "/auth/register", null, {
      rawBody: "{not json",
      headers: { "content-type": "application/json" },
    });
    expectError(res, 422, "VALIDATION_ERROR", "Request body is not valid JSON");
  });

  it("does not create the account when validation fails", async () => {
    const email = freshEmail();
    expectValidationError(await register({ email, password: "short", name: "Nope" }), "password");
    expectError(await login(email, "short"), 401, "INVALID_CREDENTIALS");
  });
});

describe("POST /auth/login", () => {
  it("signs in with 200, the user, and a fresh working session cookie", async () => {
    const person = await registerPerson("Login");
    const res = await login(person.email, PASSWORD);

    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: person.id, email: person.email, name: "Login", credit_balance: 500 });
    const cookie = sessionCookie(res.headers);
    expect(cookie).toMatch(/^th_session=[0-9a-f]{64}$/);
    expect(cookie).not.toBe(person.cookie);
    const attributes = sessionCookieAttributes(res.headers);
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=lax");
    expect(attributes).not.toContain("secure");

    const me = await expectStatus<UserView>(200, "GET", "/auth/me", { cookie: cookie! });
    expect(me.id).toBe(person.id);
    // Signing in again does not end the earlier session.
    await expectStatus(200, "GET", "/auth/me", person);
  });

  it("gives ten concurrent sign-ins ten distinct working sessions", async () => {
    const person = await registerPerson("Many");
    const results = await Promise.all(Array.from({ length: 10 }, () => login(person.email, PASSWORD)));
    const cookies = results.map((r) => sessionCookie(r.headers));
    expect(new Set(cookies).size).toBe(10);
    for (const cookie of cookies) await expectStatus(200, "GET", "/auth/me", { cookie: cookie! });
  });

  it("accepts the email in any case", async () => {
    const person = await registerPerson("CaseLogin");
    const res = await login(person.email.toUpperCase(), PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body.data.id).toBe(person.id);
  });

  it("answers a wrong password and an unknown email with the same 401 INVALID_CREDENTIALS", async () => {
    const person = await registerPerson("Guarded");
    const wrongPassword = await login(person.email, "not the password");
    const unknownEmail = await login(freshEmail("nobody"), PASSWORD);

    const a = expectError(wrongPassword, 401, "INVALID_CREDENTIALS");
    const b = expectError(unknownEmail, 401, "INVALID_CREDENTIALS");
    expect(a.message).toBe(b.message);
    expect(a.suggestion).toBe(b.suggestion);
    expect(a.details).toEqual(b.details);
    expect(a.message).not.toContain(person.email);
    expect(wrongPassword.headers.get("set-cookie")).toBeNull();
    expect(unknownEmail.headers.get("set-cookie")).toBeNull();
  });

  it("refuses a body without a password with 422 naming password", async () => {
    expectValidationError(await call("POST", "/auth/login", null, { body: { email: freshEmail() } }), "password");
  });
});

describe("POST /auth/logout", () => {
  it("ends the session at once: /auth/me and /api/v1 then answer 401", async () => {
    const person = await registerPerson("Leaving");
    await expectStatus(200, "GET", "/auth/me", person);

    const res = await call<{ signed_out: boolean }>("POST", "/auth/logout", person);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ signed_out: true });
    // The browser is told to drop the cookie too.
    const cleared = res.headers.getSetCookie().find((c) => c.startsWith("th_session="));
    expect(cleared).toBeDefined();
    expect(cleared!.toLowerCase()).toMatch(/max-age=0|expires=thu, 01 jan 1970/);

    expectError(await call("GET", "/auth/me", person), 401, "UNAUTHORIZED");
    expectError(await call("GET", "/api/v1/operator/agents", person), 401, "UNAUTHORIZED");
  });

  it("ends only the session it is called with", async () => {
    const person = await registerPerson("TwoDevices");
    const second = sessionCookie((await login(person.email, PASSWORD)).headers)!;

    await expectStatus(200, "POST", "/auth/logout", { cookie: second });
    expectError(await call("GET", "/auth/me", { cookie: second }), 401, "UNAUTHORIZED");
    await expectStatus(200, "GET", "/auth/me", person);
  });

  it("answers 401 without a session", async () => {
    expectError(await call("POST", "/auth/logout", null), 401, "UNAUTHORIZED");
  });
});

describe("GET /auth/me", () => {
  it("returns the signed-in person with their current balance", async () => {
    const person = await registerPerson("Me");
    await createAgent(person);
    const me = await expectStatus<UserView>(200, "GET", "/auth/me", person);
    expect(me).toMatchObject({ id: person.id, email: person.email, name: "Me", credit_balance: 600 });
    expect(Object.keys(me).sort()).toEqual(["created_at", "credit_balance", "email", "id", "name"]);
  });

  it("answers 401 UNAUTHORIZED without a cookie and with an unknown one", async () => {
    expectError(await call("GET", "/auth/me", null), 401, "UNAUTHORIZED");
    expectError(await call("GET", "/auth/me", { cookie: `th_session=${"a".repeat(64)}` }), 401, "UNAUTHORIZED");
    expectError(await call("GET", "/auth/me", { cookie: "th_session=garbage" }), 401, "UNAUTHORIZED");
  });
});

describe("password secrecy", () => {
  it("never shows the password, its hash or its salt in any response", async () => {
    const email = freshEmail("secret");
    const responses: ApiResult<unknown>[] = [];
    const registered = await register({ email, password: PASSWORD, name: "Secret" });
    responses.push(registered);
    const person = { cookie: sessionCookie(registered.headers)! };
    const userId = registered.body.data.id;

    responses.push(await login(email, PASSWORD));
    responses.push(await login(email, "wrong password"));
    responses.push(await register({ email, password: PASSWORD, name: "Again" }));
    responses.push(await call("GET", "/auth/me", person));
    const created = await call<{ api_key: string }>("POST", "/api/v1/operator/agents", person, {
      body: { name: "secret-agent", description: "Keeps secrets" },
    });
    responses.push(created);
    const agent = { key: created.body.data.api_key };
    responses.push(await call("GET", "/api/v1/operator/agents", person));
    responses.push(await call("GET", "/api/v1/operator/credits", person));
    responses.push(await call("GET", "/api/v1/agents/me", agent));
    responses.push(await call("GET", "/api/v1/agents/me/credits", agent));

    const stored = await storedPassword(userId);
    expect(stored.hash.length).toBeGreaterThan(0);
    for (const res of responses) {
      const text = JSON.stringify(res.body);
      expect(text).not.toContain(stored.hash);
      expect(text).not.toContain(stored.salt);
      expect(text).not.toContain(PASSWORD);
      expect(text.toLowerCase()).not.toContain("password_hash");
      expect(text.toLowerCase()).not.toContain("salt");
    }
  });
});
