// Files wrangler.toml's [[rules]] import as text modules (strings), not as code.
declare module "swagger-ui-dist/swagger-ui-bundle.js" {
  const text: string;
  export default text;
}
declare module "swagger-ui-dist/swagger-ui.css" {
  const text: string;
  export default text;
}

/** The dashboard's stylesheet, bundled as text (wrangler.toml [[rules]]). */
declare module "*.css" {
  const text: string;
  export default text;
}
