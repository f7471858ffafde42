import { addDays, daysBetween } from "../../../app/lib/dates";
import type { Random } from "./random";

/**
 * The days a scaled data set spans: two years up to yesterday. Every recorded moment falls on a
 * day before today, so nothing claims to have happened later than now; only plans (sessions to
 * come, windows, due dates) lie ahead.
 */
export interface Calendar {
  today: string;
  /** Two years before today. */
  start: string;
  yesterday: string;
}

export function calendarFor(today: string): Calendar {
  return { today, start: addDays(today, -730), yesterday: addDays(today, -1) };
}

export const plusDays = addDays;

export const earliest = (a: string, b: string) => (a < b ? a : b);
export const latest = (a: string, b: string) => (a > b ? a : b);

/** A random day from `from` to `to`, both included. */
export const dayBetween = (from: string, to: string, random: Random) =>
  addDays(from, random.int(0, Math.max(0, daysBetween(from, to))));

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/**
 * A moment in working hours on a day, as ISO-8601 UTC text. 08:00 to 17:59 UTC is the same
 * calendar day in England all year, so the day read back in England time is the day given.
 */
export const stampOn = (date: string, random: Random) =>
  `${date}T${pad(random.int(8, 17))}:${pad(random.int(0, 59))}:${pad(random.int(0, 59))}.${pad(random.int(0, 999), 3)}Z`;

/** A stamp on `day` strictly after `previous`, so events recorded the same day keep their order. */
export function stampAfter(previous: string, day: string, random: Random): string {
  const stamp = stampOn(day, random);
  return stamp > previous ? stamp : new Date(new Date(previous).getTime() + random.int(60_000, 600_000)).toISOString();
}

/** The day of a stamp made by stampOn. */
export const dayOf = (stamp: string) => stamp.slice(0, 10);

/** Local meeting time, YYYY-MM-DDTHH:MM, as sessions store it. */
export const meetingTime = (date: string, random: Random) =>
  `${date}T${random.pick(["09:00", "09:30", "10:00", "11:00", "13:00", "13:30", "14:00"])}`;
