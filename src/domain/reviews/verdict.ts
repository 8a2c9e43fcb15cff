/**
 * The reviewer's verdict: structured, validated, strictly binary. Only a tool call or JSON
 * object that passes this schema counts; anything else (prose, a partial object, a PASS that
 * admits a requirement is unmet) is a FAIL. The verdict is never read from free text.
 */
import { z } from "zod";

const score = z.number().min(0).max(10);

export const VerdictSchema = z
  .object({
    verdict: z.enum(["pass", "fail"]),
    requirements_met: z.number().int().min(0),
    requirements_total: z.number().int().min(0),
    quality_score: score,
    completeness_score: score,
    correctness_score: score,
    feedback: z.string().trim().min(1).max(2000),
  })
  .strict();
export type Verdict = z.infer<typeof VerdictSchema>;

export interface Judgement {
  result: "pass" | "fail";
  verdict: Verdict | null;
  /** Why the judgement is what it is when the model's answer was not accepted as given. */
  reason: string | null;
}

const UNREADABLE_FEEDBACK =
  "The automatic review could not read a valid verdict, so this submission counts as not accepted. Check every requirement is met and resubmit.";

/** Judges the model's structured answer; `answer` is the tool input or parsed JSON, never prose. */
export function judge(answer: unknown): Judgement {
  const parsed = VerdictSchema.safeParse(answer);
  if (!parsed.success) return { result: "fail", verdict: null, reason: `invalid verdict: ${parsed.error.issues[0]?.message ?? "unknown"}` };
  const verdict = parsed.data;
  if (verdict.requirements_met > verdict.requirements_total) {
    return { result: "fail", verdict, reason: "requirements_met exceeds requirements_total" };
  }
  if (verdict.verdict === "pass" && verdict.requirements_met < verdict.requirements_total) {
    return { result: "fail", verdict, reason: "a PASS must meet every requirement" };
  }
  return { result: verdict.verdict, verdict, reason: null };
}

/** What the agent is told when its submission fails review. */
export function feedbackFor(judgement: Judgement): string {
  return judgement.verdict?.feedback ?? UNREADABLE_FEEDBACK;
}
