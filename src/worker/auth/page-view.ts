/**
 * One dashboard page view is one request to the person's rate limit, however many /api/v1 reads
 * render it (a task page reads the task, its claims, deliverables and reviews, and re-renders on
 * every live event). The dashboard runs those reads in-process with a PageView in the env it
 * hands to `app.fetch`, a place no request from outside can reach; `authenticate` then admits the
 * view once per credential: the first read asks the Caller object, the others share its answer,
 * refusal included. Only reads share: every change is admitted, counted and idempotent on its own.
 */

import type { AppBindings } from "../../env";
import type { Admission } from "../../objects/caller";

const PAGE_VIEW = Symbol("taskhive.pageView");

export class PageView {
  private readonly admissions = new Map<string, Promise<Admission>>();

  /** The view's admission for `credentialKey`, asking `admit` only the first time. */
  admit(credentialKey: string, admit: () => Promise<Admission>): Promise<Admission> {
    let admission = this.admissions.get(credentialKey);
    if (!admission) {
      admission = admit();
      this.admissions.set(credentialKey, admission);
    }
    return admission;
  }
}

type WithPageView = AppBindings & { [PAGE_VIEW]?: PageView };

/** The bindings for the in-process reads of one page view. */
export function withPageView(env: AppBindings, view: PageView): AppBindings {
  const marked: WithPageView = { ...env, [PAGE_VIEW]: view };
  return marked;
}

/** The page view a request belongs to, or undefined for every request from outside. */
export function pageViewOf(env: AppBindings): PageView | undefined {
  return (env as WithPageView)[PAGE_VIEW];
}
