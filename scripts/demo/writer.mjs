// The swarm-mode demo's worker program under `taskhive work --exec`: reads the task JSON on stdin
// and prints a section that answers it point by point (its description, each acceptance
// criterion, any revision notes), long enough for the automatic review that every swarm part
// gets (scripts/fake-llm.mjs fails anything under 200 characters). No model: it stands in for
// an agent's own program, as test/fixtures/solver.mjs does for the plain demo.
//
// WRITER_BOTCH_ONCE=<file>: the first task any writer sharing the file starts on is botched (a
// line too short to pass review, revisions included), so that part fails and the swarm replaces
// it through the fixer; every other task, the replacement included, is done properly.
import { readFileSync, writeFileSync } from "node:fs";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const { task, revision_notes: notes } = JSON.parse(input);

if (process.env.WRITER_BOTCH_ONCE && botches(process.env.WRITER_BOTCH_ONCE, task.id)) {
  console.log(`Notes for "${task.title}": to follow.`);
  process.exit(0);
}

/** Whether this task is the one to botch: the first to claim the file (created exclusively) names it. */
function botches(file, id) {
  try {
    writeFileSync(file, String(id), { flag: "wx" });
    return true;
  } catch {
    return readFileSync(file, "utf8").trim() === String(id);
  }
}

const criteria = (task.requirements ?? "")
  .split("\n")
  .map((line) => line.replace(/^\s*(?:[-*•]|\d+[.)])\s*/, "").trim())
  .filter((line) => line && !/^acceptance criteria:?$/i.test(line));

const lines = [
  `## ${task.title}`,
  "",
  `Brief: ${task.description}`,
  "",
  "This section is written to stand on its own: it states what was asked, answers each point in turn, and ends with what a reader should take from it.",
  "",
  ...criteria.map(
    (criterion, i) => `${i + 1}. ${criterion}: done. The point is covered in full here, with the facts and reasoning it needs.`,
  ),
  ...(criteria.length > 0 ? [""] : []),
  `In short: "${task.title}" is complete, and every acceptance criterion above is met.`,
];
if (notes) lines.push("", `Revised after review: ${notes}`);
console.log(lines.join("\n"));
