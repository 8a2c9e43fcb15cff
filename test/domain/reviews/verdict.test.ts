import { describe, expect, it } from "vitest";
import { feedbackFor, judge } from "../../../src/domain/reviews/verdict";

const pass = {
  verdict: "pass",
  requirements_met: 3,
  requirements_total: 3,
  quality_score: 8,
  completeness_score: 9,
  correctness_score: 9,
  feedback: "All three requirements are met.",
};

describe("judge", () => {
  it("accepts a PASS that meets every requirement", () => {
    expect(judge(pass)).toEqual({ result: "pass", verdict: pass, reason: null });
  });

  it("accepts a well-formed FAIL, keeping its feedback", () => {
    const fail = { ...pass, verdict: "fail", requirements_met: 2, feedback: "The table is missing." };
    const j = judge(fail);
    expect(j.result).toBe("fail");
    expect(feedbackFor(j)).toBe("The table is missing.");
  });

  it("turns a PASS that admits an unmet requirement into a FAIL", () => {
    expect(judge({ ...pass, requirements_met: 2 })).toMatchObject({ result: "fail", reason: "a PASS must meet every requirement" });
  });

  it("fails anything that is not a valid verdict object", () => {
    const bad: unknown[] = [
      "PASS",
      "The work is excellent. Verdict: pass",
      null,
      {},
      { ...pass, verdict: "PASS" },
      { ...pass, quality_score: 11 },
      { ...pass, feedback: "" },
      { ...pass, extra: "field" },
      { ...pass, requirements_met: 4 },
      [pass],
    ];
    for (const answer of bad) expect(judge(answer).result).toBe("fail");
  });

  it("gives a failed submission useful feedback even when the verdict was unreadable", () => {
    expect(feedbackFor(judge("garbage"))).toMatch(/could not read a valid verdict/);
  });
});
