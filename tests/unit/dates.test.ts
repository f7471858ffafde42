import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  quarterLabel,
  quarterMonths,
  quarterStart,
  nextQuarter,
  addDays,
  addDaysToInstant,
  addMonths,
  dateInEngland,
  dayAfter,
  daysBetween,
  formatDate,
  formatDateInEngland,
  formatDateTimeInEngland,
  formatLocalDateTime,
  formatTimeInEngland,
  isIsoDate,
  isLocalDateTime,
  monotonicIso,
  nowInEngland,
  quarterOf,
  quartersBetween,
  stampAfter,
  todayInEngland,
} from "~/lib/dates";

// In 2027 England moves to summer time at 01:00 UTC on 28 March and back at 01:00 UTC on 31 October.
describe("England's clock across the clock changes", () => {
  it("gives the date in England, which runs an hour ahead of UTC in summer", () => {
    expect(todayInEngland(new Date("2027-03-27T23:30:00Z"))).toBe("2027-03-27");
    expect(todayInEngland(new Date("2027-03-28T23:30:00Z"))).toBe("2027-03-29");
    expect(todayInEngland(new Date("2027-10-30T23:30:00Z"))).toBe("2027-10-31");
    expect(todayInEngland(new Date("2027-10-31T23:30:00Z"))).toBe("2027-10-31");
  });

  it("jumps from 00:59 to 02:00 on the March morning", () => {
    expect(nowInEngland(new Date("2027-03-28T00:59:00Z"))).toBe("2027-03-28T00:59");
    expect(nowInEngland(new Date("2027-03-28T01:00:00Z"))).toBe("2027-03-28T02:00");
  });

  it("shows 01:30 twice on the October morning, an hour apart", () => {
    expect(nowInEngland(new Date("2027-10-31T00:30:00Z"))).toBe("2027-10-31T01:30");
    expect(nowInEngland(new Date("2027-10-31T01:30:00Z"))).toBe("2027-10-31T01:30");
  });

  it("formats instants in England's time, not UTC", () => {
    expect(formatDateTimeInEngland("2027-03-28T01:00:00.000Z")).toBe("28 March 2027 at 02:00");
    expect(formatDateTimeInEngland("2027-12-01T09:05:00Z")).toBe("1 December 2027 at 09:05");
    expect(formatDateTimeInEngland(new Date("2027-06-30T23:15:00Z"))).toBe("1 July 2027 at 00:15");
    expect(formatDateInEngland("2027-06-30T23:15:00Z")).toBe("1 July 2027");
    expect(formatTimeInEngland("2027-06-30T23:15:00Z")).toBe("00:15");
    expect(dateInEngland("2027-10-30T23:30:00Z")).toBe("2027-10-31");
  });

  it("shows text that is not an instant as it is, rather than failing the page", () => {
    expect(formatDateTimeInEngland("not a time")).toBe("not a time");
  });
});

describe("instants", () => {
  it("counts whole 24-hour days, so an expiry lasts as long across a clock change", () => {
    expect(addDaysToInstant(new Date("2027-03-27T12:00:00Z"), 1).toISOString()).toBe("2027-03-28T12:00:00.000Z");
    expect(addDaysToInstant(new Date("2027-10-30T12:00:00Z"), 7).toISOString()).toBe("2027-11-06T12:00:00.000Z");
  });

  it("places a stamp after the last one on its timeline, even in the same millisecond or behind it", () => {
    const now = new Date("2027-01-01T10:00:00.000Z");
    expect(stampAfter(undefined, now)).toBe("2027-01-01T10:00:00.000Z");
    expect(stampAfter("2027-01-01T09:00:00.000Z", now)).toBe("2027-01-01T10:00:00.000Z");
    expect(stampAfter("2027-01-01T10:00:00.000Z", now)).toBe("2027-01-01T10:00:00.001Z");
    expect(stampAfter("2027-01-01T10:00:05.000Z", now)).toBe("2027-01-01T10:00:05.001Z");
  });

  it("never repeats or goes back within the process", () => {
    const stamps = Array.from({ length: 500 }, () => monotonicIso());
    for (let i = 1; i < stamps.length; i++) expect(stamps[i] > stamps[i - 1]).toBe(true);
  });
});

/*
 * Calendar dates must come out the same whatever zone the process runs in: UTC in production,
 * England on a laptop, or a zone whose clocks change at midnight (Chile skips 00:00 to 01:00 on
 * 6 September 2026), where a date's midnight does not exist.
 */
describe.each(["UTC", "Europe/London", "America/Santiago", "Pacific/Auckland"])(
  "calendar dates in a process running in %s",
  (zone) => {
    const before = process.env.TZ;
    beforeAll(() => {
      process.env.TZ = zone;
    });
    afterAll(() => {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    });

    it("accepts real dates only, leap days included", () => {
      expect(isIsoDate("2028-02-29")).toBe(true);
      expect(isIsoDate("2000-02-29")).toBe(true);
      expect(isIsoDate("2027-02-29")).toBe(false);
      expect(isIsoDate("2100-02-29")).toBe(false);
      expect(isIsoDate("2027-04-31")).toBe(false);
      expect(isIsoDate("2027-13-01")).toBe(false);
      expect(isIsoDate("2027-3-1")).toBe(false);
      expect(isIsoDate("2027-03-01T10:00")).toBe(false);
      expect(isIsoDate("2026-09-06")).toBe(true);
    });

    it("accepts real wall-clock times only", () => {
      expect(isLocalDateTime("2028-02-29T10:00")).toBe(true);
      expect(isLocalDateTime("2027-02-29T10:00")).toBe(false);
      expect(isLocalDateTime("2027-03-01T24:00")).toBe(false);
      expect(isLocalDateTime("2027-03-01T10:60")).toBe(false);
      expect(isLocalDateTime("2027-03-01")).toBe(false);
    });

    it("adds days across month ends, year ends, leap days and clock changes", () => {
      expect(addDays("2027-01-31", 1)).toBe("2027-02-01");
      expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
      expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
      expect(addDays("2027-02-28", 1)).toBe("2027-03-01");
      expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
      expect(addDays("2027-03-27", 2)).toBe("2027-03-29");
      expect(addDays("2027-10-30", 2)).toBe("2027-11-01");
      expect(addDays("2026-09-05", 1)).toBe("2026-09-06");
      expect(addDays("2026-09-06", 1)).toBe("2026-09-07");
      expect(dayAfter("2027-12-31")).toBe("2028-01-01");
    });

    it("adds months, landing on the last day of a shorter month", () => {
      expect(addMonths("2027-01-31", 1)).toBe("2027-02-28");
      expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
      expect(addMonths("2028-02-29", 12)).toBe("2029-02-28");
      expect(addMonths("2027-08-31", -6)).toBe("2027-02-28");
      expect(addMonths("2027-11-30", 3)).toBe("2028-02-29");
    });

    it("counts calendar days between dates, whichever way round", () => {
      expect(daysBetween("2027-03-01", "2027-04-01")).toBe(31);
      expect(daysBetween("2028-02-01", "2028-03-01")).toBe(29);
      expect(daysBetween("2027-03-27", "2027-03-29")).toBe(2);
      expect(daysBetween("2027-10-31", "2027-10-30")).toBe(-1);
    });

    it("puts each date in its calendar quarter", () => {
      expect(
        [
          "2027-01-01",
          "2027-03-31",
          "2027-04-01",
          "2027-06-30",
          "2027-07-01",
          "2027-09-30",
          "2027-10-01",
          "2027-12-31",
        ].map(quarterOf),
      ).toEqual(["2027-Q1", "2027-Q1", "2027-Q2", "2027-Q2", "2027-Q3", "2027-Q3", "2027-Q4", "2027-Q4"]);
      expect(quarterOf("2028-02-29")).toBe("2028-Q1");
    });

    it("lists every quarter a period touches", () => {
      expect(quartersBetween("2026-12-31", "2028-01-01")).toEqual([
        "2026-Q4",
        "2027-Q1",
        "2027-Q2",
        "2027-Q3",
        "2027-Q4",
        "2028-Q1",
      ]);
      expect(quartersBetween("2027-03-31", "2027-04-01")).toEqual(["2027-Q1", "2027-Q2"]);
      expect(quartersBetween("2027-05-01", "2027-04-30")).toEqual([]);
    });

    it("formats dates and wall-clock times for pages", () => {
      expect(formatDate("2027-03-03")).toBe("3 March 2027");
      expect(formatDate("2028-02-29")).toBe("29 February 2028");
      expect(formatDate("2026-09-06")).toBe("6 September 2026");
      expect(formatDate("2027-02-30")).toBe("2027-02-30");
      expect(formatLocalDateTime("2027-03-03T14:00")).toBe("3 March 2027 at 14:00");
      // 01:30 on 28 March 2027 never happens in England, but a stored time is shown as it was written.
      expect(formatLocalDateTime("2027-03-28T01:30")).toBe("28 March 2027 at 01:30");
      expect(formatLocalDateTime("2027-03-28")).toBe("2027-03-28");
    });
  },
);

describe("quarters are told by the NHS financial year (April to March)", () => {
  it.each([
    ["2026-03-31", "2026-Q1", "Q4 2025/26"],
    ["2026-04-01", "2026-Q2", "Q1 2026/27"],
    ["2026-06-30", "2026-Q2", "Q1 2026/27"],
    ["2026-07-01", "2026-Q3", "Q2 2026/27"],
    ["2026-12-31", "2026-Q4", "Q3 2026/27"],
    ["2027-01-01", "2027-Q1", "Q4 2026/27"],
    ["2027-03-31", "2027-Q1", "Q4 2026/27"],
    ["2027-04-01", "2027-Q2", "Q1 2027/28"],
    ["1999-12-31", "1999-Q4", "Q3 1999/00"],
    ["2000-01-01", "2000-Q1", "Q4 1999/00"],
  ])("%s is stored as %s and shown as %s", (date, key, label) => {
    expect(quarterOf(date)).toBe(key);
    expect(quarterLabel(quarterOf(date))).toBe(label);
  });

  it("puts the days around England's clock changes in the quarter England's calendar says", () => {
    // 29 March 2026 (clocks go forward) and 25 October 2026 (clocks go back), read on England's clock.
    expect(quarterLabel(quarterOf(todayInEngland(new Date("2026-03-31T23:30:00Z"))))).toBe("Q1 2026/27");
    expect(quarterLabel(quarterOf(todayInEngland(new Date("2026-03-31T22:59:00Z"))))).toBe("Q4 2025/26");
    expect(quarterLabel(quarterOf(todayInEngland(new Date("2026-03-29T01:30:00Z"))))).toBe("Q4 2025/26");
    expect(quarterLabel(quarterOf(todayInEngland(new Date("2026-12-31T23:59:00Z"))))).toBe("Q3 2026/27");
    expect(quarterLabel(quarterOf(todayInEngland(new Date("2027-01-01T00:00:00Z"))))).toBe("Q4 2026/27");
  });

  it("leaves text that is not a quarter key as it is", () => {
    expect(quarterLabel("2026-Q5")).toBe("2026-Q5");
  });

  it("sorts stored keys in time order as plain text, across a financial year's end", () => {
    const keys = ["2027-Q1", "2026-Q2", "2026-Q4", "2026-Q1"];
    expect([...keys].sort().map(quarterLabel)).toEqual(["Q4 2025/26", "Q1 2026/27", "Q3 2026/27", "Q4 2026/27"]);
  });
});

describe("the quarter after, and its months", () => {
  it.each([
    ["2026-Q4", "2026-10-01", "2027-Q1", "October to December 2026"],
    ["2027-Q1", "2027-01-01", "2027-Q2", "January to March 2027"],
    ["2027-Q2", "2027-04-01", "2027-Q3", "April to June 2027"],
    ["2027-Q3", "2027-07-01", "2027-Q4", "July to September 2027"],
  ])("%s starts on %s, is followed by %s and covers %s", (key, start, next, months) => {
    expect(quarterStart(key)).toBe(start);
    expect(nextQuarter(key)).toBe(next);
    expect(quarterMonths(key)).toBe(months);
  });
  it("refuses what is not a quarter key", () => {
    expect(() => quarterStart("2026-13")).toThrow(RangeError);
  });
});
