import { describe, expect, it } from "vitest";
import { capabilityProfile, suggestedCapabilities } from "~/domain/profile";

const scores = [
  { capabilityId: "spc", maturity: 2 },
  { capabilityId: "pdsa", maturity: 5 },
  { capabilityId: "mapping", maturity: 1 },
  { capabilityId: "culture", maturity: 4 },
  { capabilityId: "governance", maturity: 3 },
  { capabilityId: "flow", maturity: 2 },
];

describe("capability profile", () => {
  it("lists gaps weakest first and strengths strongest first, leaving the middle out", () => {
    const profile = capabilityProfile(scores);
    expect(profile.gaps.map((g) => g.capabilityId)).toEqual(["mapping", "spc", "flow"]);
    expect(profile.strengths.map((s) => s.capabilityId)).toEqual(["pdsa", "culture"]);
    expect(profile.maturity.get("governance")).toBe(3);
  });
  it("an empty assessment has no gaps or strengths", () => {
    expect(capabilityProfile([])).toMatchObject({ gaps: [], strengths: [] });
  });
});

describe("suggested capabilities for a request", () => {
  it("suggests the lowest-scored capabilities, ties in assessment order", () => {
    expect(suggestedCapabilities(scores)).toEqual(["mapping", "spc", "flow"]);
    expect(suggestedCapabilities(scores, 4)).toEqual(["mapping", "spc", "flow", "governance"]);
  });
  it("never suggests a strength, even when everything is strong", () => {
    expect(
      suggestedCapabilities([
        { capabilityId: "a", maturity: 4 },
        { capabilityId: "b", maturity: 5 },
      ]),
    ).toEqual([]);
  });
});
