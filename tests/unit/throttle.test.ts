import { describe, expect, it } from "vitest";
import { secondsUntilRoom, waitThenTryAgain } from "~/auth/throttle.server";

const now = new Date("2026-03-02T10:00:00.000Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();

describe("when a throttled key has room again", () => {
  it("has room at once while the allowance is not used up", () => {
    expect(secondsUntilRoom([], 3, 15, now)).toBe(0);
    expect(secondsUntilRoom([minutesAgo(10), minutesAgo(5)], 3, 15, now)).toBe(0);
  });

  it("waits until the entry that used the allowance up leaves the window", () => {
    // Oldest first; with an allowance of 2 the second newest (10 minutes ago) frees a place in 5 minutes.
    const times = [minutesAgo(14), minutesAgo(10), minutesAgo(1)];
    expect(secondsUntilRoom(times, 2, 15, now)).toBe(5 * 60);
    expect(secondsUntilRoom(times, 3, 15, now)).toBe(60);
  });

  it("never answers less than a second once throttled", () => {
    expect(secondsUntilRoom([minutesAgo(15)], 1, 15, now)).toBe(1);
  });

  it("says the wait in whole minutes, rounded up", () => {
    expect(waitThenTryAgain(1)).toBe("Wait 1 minute, then try again.");
    expect(waitThenTryAgain(61)).toBe("Wait 2 minutes, then try again.");
  });
});
