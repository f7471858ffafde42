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
  it("ticks whole groups of the lowest scores that fit within the limit", () => {
    expect(suggestedCapabilities(scores)).toEqual({ ticked: ["mapping", "spc", "flow"], tied: [], room: 0 });
    expect(suggestedCapabilities(scores, 4).ticked).toEqual(["mapping", "spc", "flow", "governance"]);
  });
  it("ticks none of a tie that does not fit, and offers the tied ones instead", () => {
    const tied = ["a", "b", "c", "d", "e"].map((capabilityId) => ({ capabilityId, maturity: 1 }));
    expect(suggestedCapabilities([...tied, { capabilityId: "f", maturity: 2 }])).toEqual({
      ticked: [],
      tied: ["a", "b", "c", "d", "e"],
      room: 3,
    });
  });
  it("ticks the strictly lowest and offers the next tie without choosing among it", () => {
    const result = suggestedCapabilities([
      { capabilityId: "b", maturity: 2 },
      { capabilityId: "a", maturity: 1 },
      { capabilityId: "c", maturity: 2 },
      { capabilityId: "d", maturity: 2 },
    ]);
    expect(result).toEqual({ ticked: ["a"], tied: ["b", "c", "d"], room: 2 });
  });
  it("never suggests a strength, even when everything is strong", () => {
    expect(
      suggestedCapabilities([
        { capabilityId: "a", maturity: 4 },
        { capabilityId: "b", maturity: 5 },
      ]),
    ).toEqual({ ticked: [], tied: [], room: 3 });
  });
});
