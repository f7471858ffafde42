import { describe, expect, it } from "vitest";
import { assessmentsAround, measureImpact } from "~/domain/impact";

describe("measureImpact", () => {
  it("averages the change over targeted capabilities scored both times", () => {
    const impact = measureImpact({
      targeted: ["c1", "c2"],
      before: { c1: 2, c2: 1, c3: 1 },
      after: { c1: 4, c2: 2, c3: 5 },
    });
    expect(impact).toEqual({
      meanChange: 1.5,
      capabilities: [
        { capabilityId: "c1", before: 2, after: 4 },
        { capabilityId: "c2", before: 1, after: 2 },
      ],
    });
  });

  it("counts a fall as negative and no change as zero", () => {
    expect(
      measureImpact({ targeted: ["c1", "c2"], before: { c1: 3, c2: 3 }, after: { c1: 2, c2: 3 } })?.meanChange,
    ).toBe(-0.5);
    expect(measureImpact({ targeted: ["c1"], before: { c1: 3 }, after: { c1: 3 } })?.meanChange).toBe(0);
  });

  it("skips capabilities missing from either assessment and measures nothing when none are left", () => {
    expect(
      measureImpact({ targeted: ["c1", "c2"], before: { c1: 2 }, after: { c1: 3, c2: 4 } })?.capabilities.map(
        (c) => c.capabilityId,
      ),
    ).toEqual(["c1"]);
    expect(measureImpact({ targeted: ["c2"], before: { c1: 2 }, after: { c1: 3 } })).toBeNull();
    expect(measureImpact({ targeted: [], before: { c1: 2 }, after: { c1: 3 } })).toBeNull();
  });

  it("counts a capability targeted twice once", () => {
    expect(measureImpact({ targeted: ["c1", "c1"], before: { c1: 1 }, after: { c1: 3 } })?.capabilities).toHaveLength(
      1,
    );
  });
});

describe("assessmentsAround", () => {
  const a = (id: string, assessedOn: string, createdAt = `${assessedOn}T12:00:00.000Z`) => ({
    id,
    assessedOn,
    createdAt,
  });
  const window = { openedOn: "2026-03-01", endedOn: "2026-06-01" };

  it("takes the latest before the start and the first after the end", () => {
    const pair = assessmentsAround(
      [
        a("old", "2025-06-01"),
        a("base", "2026-02-01"),
        a("during", "2026-04-01"),
        a("first", "2026-08-01"),
        a("later", "2026-12-01"),
      ],
      window,
    );
    expect(pair?.before.id).toBe("base");
    expect(pair?.after.id).toBe("first");
  });

  it("ignores an assessment made during the engagement", () => {
    expect(assessmentsAround([a("base", "2026-02-01"), a("during", "2026-04-01")], window)).toBeNull();
  });

  it("needs a baseline before the engagement", () => {
    expect(assessmentsAround([a("during", "2026-04-01"), a("after", "2026-08-01")], window)).toBeNull();
  });

  it("never compares an assessment with itself when the engagement opened and ended on one day", () => {
    const sameDay = { openedOn: "2026-03-01", endedOn: "2026-03-01" };
    expect(assessmentsAround([a("only", "2026-03-01")], sameDay)).toBeNull();
    const pair = assessmentsAround(
      [a("base", "2026-03-01", "2026-03-01T08:00:00.000Z"), a("after", "2026-03-01", "2026-03-01T17:00:00.000Z")],
      { openedOn: "2026-03-01", endedOn: "2026-03-01" },
    );
    // Both on the day: the later-recorded one is the baseline, so nothing after it is left.
    expect(pair).toBeNull();
  });
});

describe("assessmentsAround with assessments recorded out of date order", () => {
  it("orders by the date assessed, not by when the record was made", () => {
    // A baseline entered late (recorded after the re-assessment) still counts as the baseline.
    const pair = assessmentsAround(
      [
        { id: "after", assessedOn: "2026-09-01", createdAt: "2026-09-01T09:00:00.000Z" },
        { id: "base", assessedOn: "2026-01-01", createdAt: "2026-10-01T09:00:00.000Z" },
      ],
      { openedOn: "2026-02-01", endedOn: "2026-06-01" },
    );
    expect(pair).toEqual({
      before: expect.objectContaining({ id: "base" }),
      after: expect.objectContaining({ id: "after" }),
    });
  });
});

describe("assessmentsAround on the day the engagement ends", () => {
  it("does not count an assessment recorded earlier that day, before the end", () => {
    const assessments = [
      { id: "base", assessedOn: "2026-01-01", createdAt: "2026-01-01T09:00:00.000Z" },
      { id: "morning", assessedOn: "2026-06-01", createdAt: "2026-06-01T08:00:00.000Z" },
      { id: "evening", assessedOn: "2026-06-01", createdAt: "2026-06-01T18:00:00.000Z" },
    ];
    const pair = assessmentsAround(assessments, {
      openedOn: "2026-02-01",
      endedOn: "2026-06-01",
      endedAt: "2026-06-01T12:00:00.000Z",
    });
    expect(pair?.after.id).toBe("evening");
  });
});
