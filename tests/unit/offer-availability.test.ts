import { describe, expect, it } from "vitest";
import { chosenEvidence, costLabel, parseOfferFields } from "~/schemas/offer";
import {
  effectiveStatus,
  hasCurrentWindow,
  isMatchable,
  mergeWindows,
  windowProblem,
} from "~/domain/offer-availability";
import { addDays, formatDate, isIsoDate, quarterOf, todayInEngland } from "~/lib/dates";

describe("effective status", () => {
  const paused = (until: string | null) => ({ status: "paused" as const, paused_until: until });

  it("a paused offer counts as published from its return date", () => {
    expect(effectiveStatus(paused("2027-01-10"), "2027-01-09")).toBe("paused");
    expect(effectiveStatus(paused("2027-01-10"), "2027-01-10")).toBe("published");
    expect(effectiveStatus(paused("2027-01-10"), "2027-02-01")).toBe("published");
  });
  it("a pause without a return date never ends by itself", () => {
    expect(effectiveStatus(paused(null), "2099-01-01")).toBe("paused");
  });
  it("published and closed offers keep their status", () => {
    expect(effectiveStatus({ status: "published", paused_until: null }, "2027-01-01")).toBe("published");
    expect(effectiveStatus({ status: "closed", paused_until: "2020-01-01" }, "2027-01-01")).toBe("closed");
  });
  it("only effectively published offers are matchable", () => {
    expect(isMatchable({ status: "published", paused_until: null }, "2027-01-01")).toBe(true);
    expect(isMatchable(paused("2027-01-02"), "2027-01-01")).toBe(false);
    expect(isMatchable(paused("2027-01-01"), "2027-01-01")).toBe(true);
    expect(isMatchable({ status: "closed", paused_until: null }, "2027-01-01")).toBe(false);
  });
});

describe("dates", () => {
  it("accepts only real calendar dates", () => {
    expect(isIsoDate("2028-02-29")).toBe(true);
    expect(isIsoDate("2027-02-29")).toBe(false);
    expect(isIsoDate("2027-13-01")).toBe(false);
    expect(isIsoDate("1/3/2027")).toBe(false);
    expect(isIsoDate("")).toBe(false);
  });
  it("adds days across month and year ends", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
  });
  it("knows today's date in England, not in UTC", () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in British Summer Time.
    expect(todayInEngland(new Date("2027-06-30T23:30:00Z"))).toBe("2027-07-01");
    // In winter England is on UTC.
    expect(todayInEngland(new Date("2027-01-15T23:30:00Z"))).toBe("2027-01-15");
  });
  it("formats dates for pages", () => {
    expect(formatDate("2027-03-01")).toBe("1 March 2027");
  });
});

describe("calendar quarters", () => {
  it.each([
    ["2026-01-01", "2026-Q1"],
    ["2026-03-31", "2026-Q1"],
    ["2026-04-01", "2026-Q2"],
    ["2026-09-30", "2026-Q3"],
    ["2026-10-01", "2026-Q4"],
    ["2026-12-31", "2026-Q4"],
  ])("%s is in %s", (date, quarter) => {
    expect(quarterOf(date)).toBe(quarter);
  });
});

describe("availability windows", () => {
  it("refuses an end before the start, and dates that are not real", () => {
    expect(windowProblem({ start: "2027-03-10", end: "2027-03-01" })).toEqual({
      date: "end",
      message: expect.stringContaining("after the start"),
    });
    expect(windowProblem({ start: "2027-02-30", end: "2027-03-01" })?.date).toBe("start");
    expect(windowProblem({ start: "2027-03-01", end: "nope" })?.date).toBe("end");
  });
  it("accepts a single-day window", () => {
    expect(windowProblem({ start: "2027-03-01", end: "2027-03-01" })).toBeNull();
  });
  it("joins overlapping and touching windows, and sorts them", () => {
    const merged = mergeWindows([
      { start: "2027-06-01", end: "2027-06-30" },
      { start: "2027-03-15", end: "2027-03-31" },
      { start: "2027-03-01", end: "2027-03-20" },
      { start: "2027-04-01", end: "2027-04-10" },
    ]);
    expect(merged).toEqual([
      { start: "2027-03-01", end: "2027-04-10" },
      { start: "2027-06-01", end: "2027-06-30" },
    ]);
  });
  it("keeps a window that lies inside another as the larger one", () => {
    expect(
      mergeWindows([
        { start: "2027-01-01", end: "2027-12-31" },
        { start: "2027-05-01", end: "2027-05-02" },
      ]),
    ).toEqual([{ start: "2027-01-01", end: "2027-12-31" }]);
  });
  it("does not change its input", () => {
    const input = [
      { start: "2027-01-01", end: "2027-01-10" },
      { start: "2027-01-05", end: "2027-01-20" },
    ];
    mergeWindows(input);
    expect(input[0].end).toBe("2027-01-10");
  });
  it("needs at least one window reaching today", () => {
    expect(hasCurrentWindow([{ start: "2026-01-01", end: "2026-02-01" }], "2026-02-01")).toBe(true);
    expect(hasCurrentWindow([{ start: "2026-01-01", end: "2026-02-01" }], "2026-02-02")).toBe(false);
    expect(hasCurrentWindow([], "2026-02-02")).toBe(false);
  });
});

describe("the offer form", () => {
  const form = (entries: [string, string][]) => {
    const data = new FormData();
    for (const [k, v] of entries) data.append(k, v);
    return data;
  };
  const complete: [string, string][] = [
    ["title", "Board visit"],
    ["description", "A day with our board"],
    ["capabilityIds", "cap-1"],
    ["capabilityIds", "cap-2"],
    ["evidence-cap-2", "  Our flow team  "],
    ["evidence-cap-9", "left over from an earlier choice"],
    ["formatCode", "site_visit"],
    ["audienceCodes", "board"],
    ["capacityPerQuarter", "2"],
    ["costModel", "free"],
    ["windowStart-1", "2027-03-01"],
    ["windowEnd-1", "2027-03-31"],
    ["windowStart-2", ""],
    ["windowEnd-2", ""],
    ["contactName", "Priya Shah"],
    ["contactEmail", "Priya.Shah@Example.NHS.uk"],
  ];

  it("reads numbered date ranges, skips blank rows, and keeps evidence only for chosen capabilities", () => {
    const result = parseOfferFields(form(complete));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data).toMatchObject({
      capabilityIds: ["cap-1", "cap-2"],
      evidence: { "cap-1": "", "cap-2": "Our flow team" },
      capacityPerQuarter: 2,
      virtualOk: false,
      windows: [{ start: "2027-03-01", end: "2027-03-31" }],
      contactEmail: "priya.shah@example.nhs.uk",
    });
  });

  it("puts each date-range error on the date it concerns, so the summary links to the right box", () => {
    const entries = complete.filter(([k]) => !k.startsWith("window"));
    const result = parseOfferFields(
      form([
        ...entries,
        ["windowStart-1", "2027-03-01"],
        ["windowEnd-1", "2027-02-01"],
        ["windowStart-2", "2027-05-01"],
      ]),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      "windowEnd-1": "The end date must be the same as or after the start date",
      "windowEnd-2": "Enter the end date",
    });
  });

  it("asks for at least one date range, a whole-number capacity and a valid email, all at once", () => {
    const entries = complete.filter(
      ([k]) => !k.startsWith("window") && k !== "capacityPerQuarter" && k !== "contactEmail",
    );
    const result = parseOfferFields(form([...entries, ["capacityPerQuarter", "1.5"], ["contactEmail", "priya"]]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      "windowStart-1": "Enter at least one date range when you can run this offer",
      capacityPerQuarter: "Capacity must be a whole number, like 2",
      contactEmail: "Enter an email address in the correct format, like name@example.nhs.uk",
    });
  });

  describe("the amount an offer charges", () => {
    const withCost = (costModel: string, feePounds?: string) =>
      parseOfferFields(
        form([
          ...complete.filter(([k]) => k !== "costModel"),
          ["costModel", costModel],
          ...(feePounds === undefined ? [] : ([["feePounds", feePounds]] as [string, string][])),
        ]),
      );
    const feeError = (result: ReturnType<typeof withCost>) => (result.ok ? undefined : result.errors.feePounds);

    it("is required, in pounds, for a fee or cost recovery, and stored in pence", () => {
      expect(feeError(withCost("fee"))).toBe("Enter what the offer costs, in pounds");
      expect(feeError(withCost("cost_recovery", "  "))).toBe("Enter what the offer costs, in pounds");
      const fee = withCost("fee", "£1,250");
      expect(fee.ok && fee.data.feePence).toBe(125_000);
      const recovery = withCost("cost_recovery", "99.5");
      expect(recovery.ok && recovery.data.feePence).toBe(9_950);
    });

    it("refuses amounts that are not money, nothing, or out of range, by the field", () => {
      expect(feeError(withCost("fee", "two hundred"))).toBe("Enter the amount in pounds, like 250 or 99.50");
      expect(feeError(withCost("fee", "12.345"))).toBe("Enter the amount in pounds, like 250 or 99.50");
      expect(feeError(withCost("fee", "-5"))).toBe("Enter the amount in pounds, like 250 or 99.50");
      expect(feeError(withCost("fee", "0"))).toBe(
        "The amount must be more than £0. Select Free if the offer costs nothing",
      );
      expect(feeError(withCost("fee", "100000.01"))).toBe("The amount must be £100,000 or less");
      expect(withCost("fee", "100000").ok).toBe(true);
    });

    it("is dropped for a free offer, whatever the box held", () => {
      const free = withCost("free", "250");
      expect(free.ok && free.data.feePence).toBeNull();
      expect(withCost("free", "not money").ok).toBe(true);
    });

    it("reads as money beside the cost model", () => {
      expect(costLabel("fee", 125_000)).toBe("Fee: £1,250");
      expect(costLabel("cost_recovery", 9_950)).toBe("Cost recovery: £99.50");
      expect(costLabel("free", null)).toBe("Free");
    });
  });

  it("lists the ticked capabilities with their evidence before validation", () => {
    expect(chosenEvidence({ capabilityIds: ["a", "b"], "evidence-b": "why" })).toEqual([
      { capabilityId: "a", evidence: "" },
      { capabilityId: "b", evidence: "why" },
    ]);
  });
});
