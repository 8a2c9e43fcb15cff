import { describe, expect, it } from "vitest";
import { errorsByField, numeric, text } from "../../../src/worker/dashboard/forms";
import { safeNext } from "../../../src/worker/dashboard/viewer";

describe("form fields to API bodies", () => {
  it("sends blanks as absent, numbers as numbers, and anything else as typed for the API to refuse", () => {
    expect(text("  ")).toBeUndefined();
    expect(text(" title ")).toBe("title");
    expect(numeric("")).toBeUndefined();
    expect(numeric("120")).toBe(120);
    expect(numeric("12.5")).toBe(12.5);
    expect(numeric("12 credits")).toBe("12 credits");
  });

  it("places the API's refusal beside the field it names, or above the form", () => {
    expect(errorsByField({ code: "VALIDATION_ERROR", message: "title is too short", suggestion: "", details: { field: "title" } })).toEqual(
      {
        title: "title is too short",
      },
    );
    expect(errorsByField({ code: "RATE_LIMITED", message: "Slow down", suggestion: "" })).toEqual({ _form: "Slow down" });
  });
});

describe("where a person goes after logging in", () => {
  it.each([
    ["/dashboard/tasks/4", "/dashboard/tasks/4"],
    [undefined, "/dashboard"],
    ["https://evil.example/", "/dashboard"],
    ["//evil.example/", "/dashboard"],
    ["/\\evil.example/", "/dashboard"],
  ])("next=%s goes to %s", (next, to) => {
    expect(safeNext(next)).toBe(to);
  });
});
