/** The person's ledger: every entry with its running balance, and the balance over time. */
import type { Api } from "../api";
import { FailedPage, retryPath } from "../components";
import { CreditsPage } from "../pages/credits";
import type { Credits } from "../types";
import { toLogin, viewerOf } from "../viewer";
import type { DashboardRouter } from "./router";
export function creditRoutes(router: DashboardRouter, api: Api): void {
  router.get("/dashboard/credits", async (c) => {
    const viewer = await viewerOf(c, api);
    if (!viewer) return toLogin(c);
    const cursor = c.req.query("cursor");
    const credits = await api<Credits>(
      c,
      "GET",
      `/api/v1/operator/credits?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    if (!credits.ok) {
      return c.html(
        <FailedPage viewer={viewer} title="Credits" what="your ledger" result={credits} retry={retryPath(c.req.url)} />,
        credits.status as 400,
      );
    }
    return c.html(<CreditsPage viewer={viewer} credits={credits.data} more={credits.cursor} />);
  });
}
