import { TZDate } from "@date-fns/tz";

const ENGLAND = "Europe/London";

/** When a job runs next, given the moment its run finished. */
export type Schedule = (after: Date) => Date;

export const everySeconds =
  (seconds: number): Schedule =>
  (after) =>
    new Date(after.getTime() + seconds * 1000);

/**
 * Daily at a wall-clock time in England: 07:00 is 07:00 GMT in winter and 07:00 BST in summer,
 * so the gap between runs is 23 or 25 hours on the days the clocks change.
 */
export const dailyInEngland =
  (hour: number, minute = 0): Schedule =>
  (after) => {
    const local = new TZDate(after.getTime(), ENGLAND);
    for (let day = 0; day <= 2; day++) {
      const candidate = new TZDate(
        local.getFullYear(),
        local.getMonth(),
        local.getDate() + day,
        hour,
        minute,
        0,
        ENGLAND,
      );
      if (candidate.getTime() > after.getTime()) return new Date(candidate.getTime());
    }
    throw new Error("unreachable: a later day always has the time");
  };
