/** dashboard.js is browser code the Worker serves; the Worker imports it as text (wrangler.toml [[rules]]). */
declare const text: string;
export default text;
