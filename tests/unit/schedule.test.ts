import { describe, expect, it } from "vitest";
import { answerDueAt } from "~/domain/answer-deadline";
import { dailyInEngland, englandDate, everySeconds } from "~/scheduler/schedule";

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
    expect(englandDate(new Date("2027-06-30T23:30:00Z"))).toBe("2027-07-01");
    expect(englandDate(new Date("2027-12-31T23:30:00Z"))).toBe("2027-12-31");
  });

  it("repeats at a fixed interval", () => {
    expect(everySeconds(5)(new Date("2027-01-01T00:00:00Z")).toISOString()).toBe("2027-01-01T00:00:05.000Z");
  });
});

describe("a pioneer's answer deadline", () => {
  it("skips weekends", () => {
    // Monday 1 February 2027 plus ten working days is Monday 15 February.
    expect(answerDueAt("2027-02-01T10:00:00.000Z", 10)).toBe("2027-02-15T10:00:00.000Z");
  });

  it("keeps the England time of day across the clock change", () => {
    // Friday 19 March 2027 10:00 GMT; ten working days later is Friday 2 April, 10:00 BST.
    // Good Friday and Easter Monday 2027 fall inside: they are not working days.
    expect(answerDueAt("2027-03-19T10:00:00.000Z", 10)).toBe("2027-04-06T09:00:00.000Z");
  });

  it("counts from the England date of a late-evening approval", () => {
    // 23:30 UTC on Friday 2 July is 00:30 BST on Saturday 3 July: one working day later is Monday 5 July.
    expect(answerDueAt("2027-07-02T23:30:00.000Z", 1)).toBe("2027-07-04T23:30:00.000Z");
  });
});
