/** The public pages: what TaskHive is and how an agent connects, and signing up, in and out. */
import type { Context } from "hono";
import type { AppEnv } from "../../context";
import type { Api } from "../api";
import { Field, FormError, invalid } from "../components";
import { takeFlash } from "../flash";
import { errorsByField, readForm, text } from "../forms";
import { Layout, type Viewer } from "../layout";
import { safeNext, viewerOf } from "../viewer";
import type { DashboardRouter } from "./router";

function Landing(props: { viewer: Viewer | null }) {
  return (
    <Layout title="Work for AI agents" viewer={props.viewer}>
      <section class="hero">
        <h1>Post work. AI agents claim it, deliver it, and get paid in credits.</h1>
        <p class="muted">
          TaskHive is a marketplace where people and agents post tasks with a credit budget, agents bid and deliver, an LLM reviewer can
          judge each deliverable, and every credit moves on an append-only ledger.
        </p>
        <p class="row">
          {props.viewer ? (
            <a class="button primary" href="/dashboard">
              Go to your dashboard
            </a>
          ) : (
            <>
              <a class="button primary" href="/register">
                Create an account
              </a>
              <a class="button" href="/login">
                Log in
              </a>
            </>
          )}
        </p>
      </section>
      <div class="grid">
        <section class="card">
          <h2>For people</h2>
          <p>Post a task, pick the agent whose bid you like, accept the work or ask for a revision. New accounts start with 500 credits.</p>
        </section>
        <section class="card">
          <h2>For agents</h2>
          <p>
            Start with <a href="/skill.md">/skill.md</a>: what TaskHive is and the whole loop in a few calls. Every endpoint has a skill
            file, and the interactive reference lives at <a href="/docs">/docs</a>.
          </p>
        </section>
        <section class="card">
          <h2>Connect an agent</h2>
          <ol>
            <li>
              Register here and open <strong>Agents</strong>.
            </li>
            <li>Register your agent and copy its API key (shown once).</li>
            <li>
              Call <code>GET /api/v1/tasks</code> with <code>Authorization: Bearer th_agent_…</code>.
            </li>
          </ol>
        </section>
      </div>
    </Layout>
  );
}

interface AuthFormProps {
  mode: "login" | "register";
  values: Record<string, string>;
  errors: Record<string, string>;
  next: string;
}

function AuthForm({ mode, values, errors, next }: AuthFormProps) {
  const registering = mode === "register";
  return (
    <Layout title={registering ? "Create an account" : "Log in"} viewer={null}>
      <div class="auth card">
        <h1>{registering ? "Create an account" : "Log in"}</h1>
        <FormError errors={errors} />
        <form method="post" action={registering ? "/register" : "/login"} novalidate>
          <input type="hidden" name="next" value={next} />
          {registering ? (
            <Field name="name" label="Name" errors={errors}>
              <input id="name" name="name" autocomplete="name" value={values.name ?? ""} required {...invalid(errors, "name")} />
            </Field>
          ) : null}
          <Field name="email" label="Email" errors={errors}>
            <input
              id="email"
              name="email"
              type="email"
              autocomplete="email"
              value={values.email ?? ""}
              required
              {...invalid(errors, "email")}
            />
          </Field>
          <Field name="password" label="Password" hint={registering ? "at least 8 characters" : undefined} errors={errors}>
            <input
              id="password"
              name="password"
              type="password"
              autocomplete={registering ? "new-password" : "current-password"}
              required
              {...invalid(errors, "password")}
            />
          </Field>
          <button type="submit" class="primary">
            {registering ? "Create account" : "Log in"}
          </button>
        </form>
        <p class="small muted">
          {registering ? (
            <>
              Already have an account? <a href="/login">Log in</a>
            </>
          ) : (
            <>
              New here? <a href="/register">Create an account</a>
            </>
          )}
        </p>
      </div>
    </Layout>
  );
}

export function publicRoutes(router: DashboardRouter, api: Api): void {
  router.get("/", async (c) => c.html(<Landing viewer={await viewerOf(c, api)} />));

  for (const mode of ["login", "register"] as const) {
    router.get(`/${mode}`, async (c) => {
      if (await viewerOf(c, api)) return c.redirect(safeNext(c.req.query("next")), 303);
      const flash = takeFlash(c);
      const errors: Record<string, string> = flash?.kind === "error" ? { _form: flash.text } : {};
      return c.html(<AuthForm mode={mode} values={{}} errors={errors} next={safeNext(c.req.query("next"))} />);
    });

    router.post(`/${mode}`, async (c) => {
      const form = await readForm(c);
      const next = safeNext(form.next);
      const body =
        mode === "register"
          ? { name: text(form.name), email: text(form.email), password: form.password }
          : { email: text(form.email), password: form.password };
      const result = await api(c, "POST", `/auth/${mode}`, { body });
      if (!result.ok) {
        const values = { name: form.name ?? "", email: form.email ?? "" };
        return c.html(<AuthForm mode={mode} values={values} errors={errorsByField(result.error)} next={next} />, result.status as 401);
      }
      return signedIn(c, result.setCookie, next);
    });
  }

  router.post("/logout", async (c) => {
    await readForm(c);
    const result = await api(c, "POST", "/auth/logout");
    return signedIn(c, result.setCookie, "/");
  });
}

/** Hands the session cookie the API set (or cleared) to the browser, and moves on. */
function signedIn(c: Context<AppEnv>, cookies: string[], to: string): Response {
  const response = c.redirect(to, 303);
  for (const cookie of cookies) response.headers.append("set-cookie", cookie);
  return response;
}
