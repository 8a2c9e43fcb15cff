/** Form pieces every dashboard form uses: a labelled field with its hint and the API's error. */
import type { Child } from "hono/jsx";

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
