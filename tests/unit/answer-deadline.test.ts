import { describe, expect, it } from "vitest";
import { answerDueAt, isAnswerOverdue, isWorkingDay, lapsesAt } from "~/domain/answer-deadline";

describe("the pioneer's answer deadline", () => {
  it("counts ten working days, skipping the weekends", () => {
    // Monday 2 November 2026, 10:00 UTC: ten working days on is Monday 16 November.
    expect(answerDueAt("2026-11-02T10:00:00.000Z", 10)).toBe("2026-11-16T10:00:00.000Z");
  });

  it("an approval on a Friday is due on the Friday two weeks later", () => {
    expect(answerDueAt("2026-11-06T09:30:00.000Z", 10)).toBe("2026-11-20T09:30:00.000Z");
  });

  it("an approval at the weekend counts from the Monday", () => {
    expect(answerDueAt("2026-11-07T12:00:00.000Z", 1)).toBe("2026-11-09T12:00:00.000Z");
  });

  it("skips bank holidays: Christmas 2026 falls on a Friday, Boxing Day is moved to Monday", () => {
    expect(isWorkingDay("2026-12-25")).toBe(false);
    expect(isWorkingDay("2026-12-28")).toBe(false);
    expect(isWorkingDay("2026-12-29")).toBe(true);
    // Thursday 24 December + 1 working day is Tuesday 29 December.
    expect(answerDueAt("2026-12-24T10:00:00.000Z", 1)).toBe("2026-12-29T10:00:00.000Z");
  });

  it("is overdue only once the deadline has passed", () => {
    expect(isAnswerOverdue("2026-11-16T10:00:00.000Z", "2026-11-16T09:59:59.999Z")).toBe(false);
    expect(isAnswerOverdue("2026-11-16T10:00:00.000Z", "2026-11-16T10:00:00.001Z")).toBe(true);
    expect(isAnswerOverdue(null, "2030-01-01T00:00:00.000Z")).toBe(false);
  });

  it("skips weekends", () => {
    // Monday 1 February 2027 plus ten working days is Monday 15 February.
    expect(answerDueAt("2027-02-01T10:00:00.000Z", 10)).toBe("2027-02-15T10:00:00.000Z");
  });

  it("keeps the England time of day across the clock change", () => {
    // Friday 19 March 2027 10:00 GMT; ten working days later is Tuesday 6 April, 10:00 BST,
    // as Good Friday and Easter Monday 2027 fall inside and are not working days.
    expect(answerDueAt("2027-03-19T10:00:00.000Z", 10)).toBe("2027-04-06T09:00:00.000Z");
  });

  it("counts from the England date of a late-evening approval", () => {
    // 23:30 UTC on Friday 2 July is 00:30 BST on Saturday 3 July: one working day later is Monday 5 July.
    expect(answerDueAt("2027-07-02T23:30:00.000Z", 1)).toBe("2027-07-04T23:30:00.000Z");
  });

  it("an unanswered match lapses five working days after its deadline, bank holidays skipped", () => {
    // Tuesday 6 April 2027, after Easter Monday: the Tuesday a week later.
    expect(lapsesAt("2027-04-06T09:00:00.000Z")).toBe("2027-04-13T09:00:00.000Z");
    // Wednesday 23 December 2026: Christmas, the Boxing Day holiday and New Year's Day pass first.
    expect(lapsesAt("2026-12-23T10:00:00.000Z")).toBe("2027-01-04T10:00:00.000Z");
  });
});
