import { describe, expect, it } from "vitest";
import { allows, changeProblem, evidenceRequired, offerCapabilityRule, pauseProblem } from "~/domain/offer-rules";
import { offerActionSchema } from "~/schemas/offer";

const claim = (capabilityId: string, name: string, evidence = "") => ({ capabilityId, name, evidence });

describe("the established-or-evidence rule", () => {
  const latest = { mapping: 3, spc: 4, pdsa: 5, charter: 1 };

  it("accepts capabilities rated established or exemplary without evidence", () => {
    expect(
      offerCapabilityRule(
        [claim("spc", "Measurement for improvement"), claim("pdsa", "Model for improvement")],
        latest,
      ),
    ).toEqual([]);
  });
  it("names the capability and its rating when evidence is missing", () => {
    expect(offerCapabilityRule([claim("mapping", "Process mapping")], latest)).toEqual([
      {
        capabilityId: "mapping",
        message: "Add evidence for Process mapping: your latest assessment rates it Developing",
      },
    ]);
  });
  it("accepts a lower-rated capability that comes with evidence", () => {
    expect(
      offerCapabilityRule(
        [claim("mapping", "Process mapping", "Our flow team has run 40 mapping events since the assessment")],
        latest,
      ),
    ).toEqual([]);
  });
  it("treats blank evidence as none", () => {
    expect(offerCapabilityRule([claim("charter", "Project charter", "   ")], latest)).toHaveLength(1);
  });
  it("asks for evidence on a capability the latest assessment did not rate", () => {
    expect(offerCapabilityRule([claim("flow", "Flow")], latest)[0].message).toBe(
      "Add evidence for Flow: your latest assessment does not rate it",
    );
  });
  it("asks for evidence on everything when the organisation was never assessed", () => {
    const problems = offerCapabilityRule(
      [claim("spc", "Measurement for improvement"), claim("pdsa", "Model for improvement", "We teach it nationally")],
      null,
    );
    expect(problems).toEqual([
      {
        capabilityId: "spc",
        message: "Add evidence for Measurement for improvement: your organisation has not completed an assessment yet",
      },
    ]);
  });
  it("reports every capability that needs evidence, in the order chosen", () => {
    expect(
      offerCapabilityRule(
        [claim("charter", "Project charter"), claim("spc", "SPC"), claim("mapping", "Process mapping")],
        latest,
      ).map((p) => p.capabilityId),
    ).toEqual(["charter", "mapping"]);
  });
  it("says when the form must ask for evidence", () => {
    expect(evidenceRequired(undefined)).toBe(true);
    expect(evidenceRequired(3)).toBe(true);
    expect(evidenceRequired(4)).toBe(false);
  });
});

describe("status changes", () => {
  it("a published offer can be paused, closed and edited, not resumed", () => {
    expect(allows("published", "pause")).toBe(true);
    expect(allows("published", "close")).toBe(true);
    expect(allows("published", "edit")).toBe(true);
    expect(changeProblem("published", "resume")).toBe("Only a paused offer can be resumed");
  });
  it("a paused offer can be resumed, closed, edited, or paused again to move its return date", () => {
    for (const change of ["resume", "close", "edit", "pause"] as const) expect(allows("paused", change)).toBe(true);
  });
  it("closing is final", () => {
    for (const change of ["resume", "close", "edit", "pause"] as const) expect(allows("closed", change)).toBe(false);
    expect(changeProblem("closed", "edit")).toBe("A closed offer cannot be changed");
  });
  it("a return date must be after today", () => {
    expect(pauseProblem("2027-01-02", "2027-01-01")).toBeNull();
    expect(pauseProblem("2027-01-01", "2027-01-01")).toBe("The return date must be in the future");
    expect(pauseProblem("2026-12-31", "2027-01-01")).not.toBeNull();
  });
});

describe("the actions on an offer's page", () => {
  const parse = (values: Record<string, string>) => offerActionSchema.safeParse(values);
  const messages = (values: Record<string, string>) => {
    const result = parse(values);
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  };

  it("a pause needs a real return date and a reason", () => {
    expect(messages({ intent: "pause" })).toEqual([
      "until: Enter the date the offer can take requests again, like 14/03/2027",
      "reason: Say why the offer is paused",
    ]);
    expect(messages({ intent: "pause", until: "2027-02-30", reason: "Leave" })).toHaveLength(1);
    expect(parse({ intent: "pause", until: "2027-02-01", reason: " Leave " })).toMatchObject({
      success: true,
      data: { until: "2027-02-01", reason: "Leave" },
    });
  });
  it("closing must be confirmed", () => {
    expect(messages({ intent: "close" })).toEqual(["confirm: Confirm that you want to close this offer"]);
    expect(parse({ intent: "close", confirm: "1" }).success).toBe(true);
  });
  it("anything else is refused with a plain message", () => {
    expect(messages({})).toEqual(["intent: Choose what to do with this offer"]);
    expect(messages({ intent: "delete" })).toEqual(["intent: Choose what to do with this offer"]);
    expect(parse({ intent: "resume" }).success).toBe(true);
  });
});
