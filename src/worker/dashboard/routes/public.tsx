/** The public pages: what TaskHive is and how an agent connects, and signing up, in and out. */
import type { Context } from "hono";
import type { AppEnv } from "../../http/context";
import type { Api } from "../api";
import { takeFlash } from "../flash";
import { errorsByField, readForm, text } from "../forms";
import { AuthForm, Landing } from "../pages/public";
import { safeNext, viewerOf } from "../viewer";
import type { DashboardRouter } from "./router";
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
