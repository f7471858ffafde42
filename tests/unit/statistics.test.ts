import { describe, expect, it } from "vitest";
import { dashboardScope, defaultPeriod, timingByQuarter } from "~/domain/dashboard";
import { quartersBetween } from "~/lib/dates";
import { mean, median, percentile, roundTo } from "~/domain/statistics";

describe("mean", () => {
  it("averages the values", () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(mean([-1, 1])).toBe(0);
  });

  it("has no mean for no values, rather than zero", () => {
    expect(mean([])).toBeNull();
  });

  it("refuses values that are not finite numbers", () => {
    expect(() => mean([1, Number.NaN])).toThrow(RangeError);
  });
});

describe("percentile", () => {
  it("interpolates between the nearest ranks, as a spreadsheet's PERCENTILE.INC does", () => {
    // PERCENTILE.INC({1,2,3,4,5,6,7,8,9,10}, 0.9) = 9.1
    expect(percentile([10, 1, 9, 2, 8, 3, 7, 4, 6, 5], 90)).toBeCloseTo(9.1, 10);
    expect(percentile([15, 20, 35, 40, 50], 40)).toBeCloseTo(29, 10);
  });

  it("gives the smallest and largest values at 0 and 100", () => {
    expect(percentile([3, 1, 2], 0)).toBe(1);
    expect(percentile([3, 1, 2], 100)).toBe(3);
  });

  it("gives the only value for a single value", () => {
    expect(percentile([7], 90)).toBe(7);
  });

  it("does not reorder the caller's values", () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });

  it("has no percentile for no values", () => {
    expect(percentile([], 90)).toBeNull();
  });

  it("refuses a percentile outside 0 to 100", () => {
    expect(() => percentile([1, 2], 101)).toThrow(RangeError);
    expect(() => percentile([1, 2], -1)).toThrow(RangeError);
    expect(() => percentile([1, 2], Number.NaN)).toThrow(RangeError);
  });
});

describe("median", () => {
  it("is the middle value of an odd count and the mean of the middle two of an even count", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("handles negative values", () => {
    expect(median([-3, -1, -2])).toBe(-2);
  });

  it("has no median for no values", () => {
    expect(median([])).toBeNull();
  });
});

describe("roundTo", () => {
  it("rounds half away from zero and never gives minus zero", () => {
    expect(roundTo(2.25, 1)).toBe(2.3);
    expect(roundTo(-2.25, 1)).toBe(-2.3);
    expect(Object.is(roundTo(-0.001, 2), 0)).toBe(true);
    expect(roundTo(null, 2)).toBeNull();
  });
});

describe("days to a match, by quarter", () => {
  it("lists every quarter a period touches, across a year end", () => {
    expect(quartersBetween("2025-11-30", "2026-04-01")).toEqual(["2025-Q4", "2026-Q1", "2026-Q2"]);
    expect(quartersBetween("2026-01-01", "2026-01-01")).toEqual(["2026-Q1"]);
    expect(quartersBetween("2026-02-01", "2026-01-01")).toEqual([]);
  });

  it("summarises waits by the quarter of approval, leaving quarters without approvals empty rather than zero", () => {
    const pair = (submitted: string, approved: string) => ({
      submittedAt: `${submitted}T12:00:00.000Z`,
      approvedAt: `${approved}T12:00:00.000Z`,
    });
    const { byQuarter, overall } = timingByQuarter(
      [
        pair("2026-01-01", "2026-01-11"),
        pair("2026-01-01", "2026-01-03"),
        pair("2026-03-01", "2026-03-31"),
        pair("2025-12-01", "2026-07-01"),
      ],
      ["2026-Q1", "2026-Q2"],
    );
    // 2026-Q1: 10, 2 and 30 days; the approval in July falls outside the quarters asked for.
    expect(byQuarter).toEqual([
      { quarter: "2026-Q1", matches: 3, medianDays: 10, p90Days: 26 },
      { quarter: "2026-Q2", matches: 0, medianDays: null, p90Days: null },
    ]);
    expect(overall).toEqual({ matches: 3, medianDays: 10, p90Days: 26 });
  });

  it("counts part days", () => {
    const { overall } = timingByQuarter(
      [{ submittedAt: "2026-01-01T00:00:00.000Z", approvedAt: "2026-01-02T12:00:00.000Z" }],
      ["2026-Q1"],
    );
    expect(overall.medianDays).toBe(1.5);
  });
});

describe("dashboard period and scope", () => {
  it("defaults to the twelve months ending today", () => {
    expect(defaultPeriod("2026-11-29")).toEqual({ from: "2025-11-30", to: "2026-11-29" });
    expect(defaultPeriod("2028-02-29")).toEqual({ from: "2027-03-01", to: "2028-02-29" });
  });

  it("narrows only a national view to a region", () => {
    expect(dashboardScope({ role: "admin", scope: null }, "Y56")).toEqual({ kind: "region", code: "Y56" });
    expect(dashboardScope({ role: "coordinator", scope: { kind: "national", code: null } }, null)).toEqual({
      kind: "national",
      code: null,
    });
    expect(dashboardScope({ role: "coordinator", scope: { kind: "icb", code: "QOP" } }, "Y56")).toEqual({
      kind: "icb",
      code: "QOP",
    });
  });
});
