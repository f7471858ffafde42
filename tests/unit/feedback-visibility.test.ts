import { describe, expect, it } from "vitest";
import {
  FEEDBACK_REVEAL_DAYS,
  feedbackRevealsAt,
  feedbackVisible,
  mayGiveFeedback,
  readableFeedback,
  type FeedbackState,
} from "~/domain/feedback-visibility";

const ENDED = "2027-03-01T12:00:00.000Z";
const at = (iso: string) => new Date(iso);
const state = (requesterGiven: boolean, pioneerGiven: boolean, endedAt: string | null = ENDED): FeedbackState => ({
  endedAt,
  requesterGiven,
  pioneerGiven,
});

describe("feedback visibility", () => {
  it("keeps feedback hidden while only one side has given it", () => {
    expect(feedbackVisible(state(true, false), at("2027-03-02T00:00:00Z"))).toBe(false);
    expect(feedbackVisible(state(false, true), at("2027-03-02T00:00:00Z"))).toBe(false);
    expect(feedbackVisible(state(false, false), at("2027-03-02T00:00:00Z"))).toBe(false);
  });

  it("opens both as soon as both sides have given it", () => {
    expect(feedbackVisible(state(true, true), at("2027-03-01T12:00:01Z"))).toBe(true);
  });

  it(`opens by time alone ${FEEDBACK_REVEAL_DAYS} days after the end, to the millisecond`, () => {
    expect(feedbackRevealsAt(ENDED)).toBe("2027-03-31T12:00:00.000Z");
    expect(feedbackVisible(state(true, false), at("2027-03-31T11:59:59.999Z"))).toBe(false);
    expect(feedbackVisible(state(true, false), at("2027-03-31T12:00:00.000Z"))).toBe(true);
  });

  it("is never visible before the engagement has ended, whatever the clock says", () => {
    expect(feedbackVisible(state(true, true, null), at("2099-01-01T00:00:00Z"))).toBe(false);
  });

  it("lets each side read its own at once, the other's only once visible, and others only once visible", () => {
    const early = at("2027-03-05T00:00:00Z");
    expect(readableFeedback(state(true, false), "requester", early)).toEqual(["requester"]);
    expect(readableFeedback(state(true, false), "pioneer", early)).toEqual(["pioneer"]);
    expect(readableFeedback(state(true, false), null, early)).toEqual([]);
    expect(readableFeedback(state(true, true), "pioneer", early)).toEqual(["requester", "pioneer"]);
    expect(readableFeedback(state(true, true), null, early)).toEqual(["requester", "pioneer"]);
    expect(readableFeedback(state(true, false), null, at("2027-04-01T00:00:00Z"))).toEqual(["requester", "pioneer"]);
  });

  it("lets each side give feedback once, only after the end, and nobody else", () => {
    expect(mayGiveFeedback(state(false, false), "requester")).toBe(true);
    expect(mayGiveFeedback(state(true, false), "requester")).toBe(false);
    expect(mayGiveFeedback(state(true, false), "pioneer")).toBe(true);
    expect(mayGiveFeedback(state(false, false, null), "pioneer")).toBe(false);
    expect(mayGiveFeedback(state(false, false), null)).toBe(false);
  });
});
