/** Form pieces every dashboard form uses: a labelled field with its hint and the API's error. */
import type { Child } from "hono/jsx";
import type { ErrorBody } from "../../domain/errors";
import type { ApiResult } from "./api";
import { Layout, type Viewer } from "./layout";

interface FieldProps {
  name: string;
  label: string;
  errors: Record<string, string>;
  hint?: string;
  children: Child;
}

/** Wraps one control; the control gets `id={name}` and `aria-describedby` from `describedBy`. */
export function Field(props: FieldProps) {
  const error = props.errors[props.name];
  return (
    <div class="field">
      <label for={props.name}>
        {props.label} {props.hint ? <span class="hint">{props.hint}</span> : null}
      </label>
      {props.children}
      {error ? (
        <p class="error" id={`${props.name}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Attributes that tie a control to its error message. */
export function invalid(errors: Record<string, string>, name: string) {
  return errors[name] ? { "aria-invalid": "true", "aria-describedby": `${name}-error` } : {};
}

export function FormError(props: { errors: Record<string, string> }) {
  const error = props.errors._form;
  return error ? (
    <p class="flash error" role="alert">
      {error}
    </p>
  ) : null;
}

/** A one-button form posting to a dashboard action (a plain POST, CSRF-checked by origin). */
export function ActionButton(props: { action: string; label: string; kind?: "primary" | "danger"; confirm?: string; token?: string }) {
  return (
    <form method="post" action={props.action} class="inline" data-confirm={props.confirm}>
      {props.token ? <input type="hidden" name="_token" value={props.token} /> : null}
      <button type="submit" class={props.kind}>
        {props.label}
      </button>
    </form>
  );
}

/**
 * A read the page needed and did not get: the API's own message and suggestion, and a way to try
 * again. Shown in place of the list it stands for, never as an empty one.
 */
export function LoadFailed(props: { what: string; error: ErrorBody; retry: string }) {
  return (
    <div class="card failure" role="alert" data-testid="load-failed">
      <p>
        <strong>Could not load {props.what}.</strong> {props.error.message}.
      </p>
      <p class="small">{props.error.suggestion}</p>
      <a class="button" href={props.retry}>
        Retry
      </a>
    </div>
  );
}

/** Where a failed page's Retry leads: the same page. */
export function retryPath(url: string): string {
  const { pathname, search } = new URL(url);
  return pathname + search;
}

/** A page whose main read failed: the layout with the failure in place of the content. */
export function FailedPage(props: { viewer: Viewer; title: string; what: string; result: { error: ErrorBody }; retry: string }) {
  return (
    <Layout title={props.title} viewer={props.viewer}>
      <h1>{props.title}</h1>
      <LoadFailed what={props.what} error={props.result.error} retry={props.retry} />
    </Layout>
  );
}

/**
 * One live region's list: its rows when the read worked, nothing when the viewer may not see it
 * (403: deliverables and reviews are for the poster and the task's agents), and otherwise the
 * failure with a retry, so a refused read never looks like an empty list.
 */
export function Loaded<T>(props: {
  id: string;
  labelledBy: string;
  what: string;
  result: ApiResult<T>;
  retry: string;
  children: (data: T) => Child;
}) {
  const { result } = props;
  if (!result.ok && result.status === 403) return null;
  return (
    <section id={props.id} data-region aria-labelledby={props.labelledBy}>
      {result.ok ? props.children(result.data) : <LoadFailed what={props.what} error={result.error} retry={props.retry} />}
    </section>
  );
}
