import { describe, expect, it } from "vitest";
import { todayInEngland } from "~/lib/dates";
import { dailyInEngland, everySeconds } from "~/scheduler/schedule";

describe("daily runs at an England wall-clock time", () => {
  const at0700 = dailyInEngland(7);

  it("runs at 07:00 GMT in winter and 07:00 BST in summer", () => {
    expect(at0700(new Date("2027-01-10T12:00:00Z")).toISOString()).toBe("2027-01-11T07:00:00.000Z");
    expect(at0700(new Date("2027-07-10T12:00:00Z")).toISOString()).toBe("2027-07-11T06:00:00.000Z");
  });

  it("is 23 hours after the last winter run when the clocks go forward", () => {
    // Clocks go forward on Sunday 28 March 2027.
    expect(at0700(new Date("2027-03-27T07:00:00Z")).toISOString()).toBe("2027-03-28T06:00:00.000Z");
  });

  it("is 25 hours after the last summer run when the clocks go back", () => {
    // Clocks go back on Sunday 31 October 2027.
    expect(at0700(new Date("2027-10-30T06:00:00Z")).toISOString()).toBe("2027-10-31T07:00:00.000Z");
  });

  it("runs later the same day when the time has not yet come", () => {
    expect(at0700(new Date("2027-03-28T05:59:00Z")).toISOString()).toBe("2027-03-28T06:00:00.000Z");
  });

  it("runs just after midnight on the night the clocks change", () => {
    // 23:30 BST on Saturday 30 October; 00:05 on Sunday is still BST, as the clocks go back at 02:00.
    expect(dailyInEngland(0, 5)(new Date("2027-10-30T22:30:00Z")).toISOString()).toBe("2027-10-30T23:05:00.000Z");
    // 00:30 BST on Sunday: the next 00:05 is Monday's, in GMT.
    expect(dailyInEngland(0, 5)(new Date("2027-10-30T23:30:00Z")).toISOString()).toBe("2027-11-01T00:05:00.000Z");
  });

  it("takes the date in England, not in UTC", () => {
    expect(todayInEngland(new Date("2027-06-30T23:30:00Z"))).toBe("2027-07-01");
    expect(todayInEngland(new Date("2027-12-31T23:30:00Z"))).toBe("2027-12-31");
  });

  it("repeats at a fixed interval", () => {
    expect(everySeconds(5)(new Date("2027-01-01T00:00:00Z")).toISOString()).toBe("2027-01-01T00:00:05.000Z");
  });
});
