/**
 * The dashboard's stylesheet and script, bundled into the Worker as text (wrangler.toml
 * [[rules]]) and served with a content hash in the URL, so they cache forever and no page
 * ever loads anything from another origin.
 */
import css from "./assets/dashboard.css";
import js from "./assets/dashboard.js";

function hashOf(text: string): string {
  // FNV-1a: a stable cache-busting tag, not a security measure.
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

export const ASSET_FILES: Record<string, { body: string; type: string }> = {
  [`dashboard.${hashOf(css)}.css`]: { body: css, type: "text/css; charset=utf-8" },
  [`dashboard.${hashOf(js)}.js`]: { body: js, type: "text/javascript; charset=utf-8" },
};

const [cssName, jsName] = Object.keys(ASSET_FILES);
export const ASSETS = { css: `/dashboard/assets/${cssName}`, js: `/dashboard/assets/${jsName}` };
