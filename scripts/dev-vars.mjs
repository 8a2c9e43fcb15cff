// What `npm run dev` needs in `.dev.vars` before wrangler starts: ENVIRONMENT=development (the
// only switch for development relaxations; wrangler.toml is production) and an ENCRYPTION_KEY of
// the developer's own (there is no published fallback key). Pure, so it is tested without a disk.

const ASSIGNMENT = /^\s*([A-Z0-9_]+)\s*=(.*)$/;

/** The value each NAME=value line of a .dev.vars text sets (later lines win, as in dotenv). */
export function readDevVars(text) {
  const vars = new Map();
  for (const line of text.split(/\r?\n/)) {
    const match = ASSIGNMENT.exec(line);
    if (match) vars.set(match[1], match[2].trim().replace(/^(["'])(.*)\1$/, "$2"));
  }
  return vars;
}

/**
 * The .dev.vars text to write, and what changed: the example with a fresh key when there is no
 * file yet (`current` null); otherwise the developer's file, completed only where a required
 * setting is absent or empty. A value they chose (even ENVIRONMENT=production) is kept.
 */
export function completeDevVars(current, example, newKey) {
  if (current === null) {
    return {
      text: example.replace(/^ENCRYPTION_KEY=\s*$/m, `ENCRYPTION_KEY=${newKey}`),
      changes: ["created .dev.vars from .dev.vars.example"],
    };
  }
  const vars = readDevVars(current);
  const changes = [];
  let text = current;
  const missing = [];
  if (!vars.get("ENVIRONMENT")) missing.push(["ENVIRONMENT", "development"]);
  if (!vars.get("ENCRYPTION_KEY")) missing.push(["ENCRYPTION_KEY", newKey]);
  for (const [name, value] of missing) {
    const empty = new RegExp(`^\\s*${name}\\s*=\\s*$`, "m");
    text = empty.test(text) ? text.replace(empty, `${name}=${value}`) : `${text.replace(/\n?$/, "\n")}${name}=${value}\n`;
    changes.push(`set ${name} in .dev.vars`);
  }
  return { text, changes };
}
