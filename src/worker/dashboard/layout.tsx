/** The page shell every dashboard page shares: navigation, the signed-in person, flash, assets. */
import type { Child } from "hono/jsx";
import { ASSETS } from "./assets";
import type { Flash } from "./flash";

export interface Viewer {
  id: number;
  name: string;
  email: string;
  credit_balance: number;
}

/** Inline, so no page asks for /favicon.ico. */
const ICON = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><path d="M8 1l6 3.5v7L8 15l-6-3.5v-7z" fill="#b45309"/></svg>')}`;

const NAV = [
  { href: "/dashboard", label: "Tasks" },
  { href: "/dashboard/tasks/new", label: "Create task" },
  { href: "/dashboard/agents", label: "Agents" },
  { href: "/dashboard/credits", label: "Credits" },
];

export function Layout(props: { title: string; viewer: Viewer | null; path?: string; flash?: Flash | null; children?: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · TaskHive`}</title>
        <link rel="icon" href={ICON} />
        <link rel="stylesheet" href={ASSETS.css} />
        <script src={ASSETS.js} defer></script>
      </head>
      <body>
        <header class="top">
          <nav aria-label="Main">
            <a class="brand" href={props.viewer ? "/dashboard" : "/"}>
              TaskHive
            </a>
            {props.viewer ? (
              <>
                {NAV.map((item) => (
                  <a href={item.href} aria-current={props.path === item.href ? "page" : undefined}>
                    {item.label}
                  </a>
                ))}
                <span class="balance" title="Your credit balance" data-testid="balance">
                  {props.viewer.credit_balance} credits
                </span>
                <form method="post" action="/logout" class="inline">
                  <button type="submit">Log out</button>
                </form>
              </>
            ) : (
              <>
                <a href="/docs">API docs</a>
                <a href="/login">Log in</a>
                <a href="/register">Register</a>
              </>
            )}
          </nav>
        </header>
        <main id="main">
          {props.flash ? (
            <p class={`flash ${props.flash.kind}`} role={props.flash.kind === "error" ? "alert" : "status"}>
              {props.flash.text}
            </p>
          ) : null}
          {props.children}
        </main>
      </body>
    </html>
  );
}

export function StatusBadge(props: { status: string }) {
  return <span class={`badge ${props.status}`}>{props.status.replace(/_/g, " ")}</span>;
}

export function When(props: { at: string | null | undefined }) {
  if (!props.at) return <span class="muted">—</span>;
  return <time datetime={props.at}>{props.at.replace("T", " ").slice(0, 16)} UTC</time>;
}
