import { tz, TZDate } from "@date-fns/tz";
import {
  addDays as addCalendarDays,
  addHours,
  addMonths as addCalendarMonths,
  differenceInCalendarDays,
  format,
  getQuarter,
  isValid,
  parseISO,
} from "date-fns";

/**
 * Every date and time rule in one place. Three kinds of value travel through the service:
 * - instants, stored as ISO-8601 UTC text so they sort and compare the same on both engines;
 * - calendar dates, YYYY-MM-DD text, which compare correctly as strings;
 * - wall-clock times in England, YYYY-MM-DDTHH:MM text, the time people agreed for a session.
 * A calendar date is read as midnight in the process's own zone and written back from it, so
 * arithmetic on it never depends on that zone (UTC in production, England on laptops). "Today"
 * and "now" are read on England's clock, where the service's users are.
 */

const ENGLAND = "Europe/London";
const inEngland = tz(ENGLAND);
// Only for wall-clock text, which must never fall into a clock change of the process's own zone.
const inUtc = tz("UTC");

// Instants

export const nowIso = (now: Date = new Date()) => now.toISOString();

/** An instant strictly after `previous` (at least a millisecond), so events on one timeline never tie. */
export function stampAfter(previous: string | null | undefined, now: Date = new Date()): string {
  const stamp = now.toISOString();
  if (!previous || stamp > previous) return stamp;
  return new Date(new Date(previous).getTime() + 1).toISOString();
}

let lastStamp: string | null = null;
/**
 * Like nowIso, but strictly increasing within this process, so events recorded in one
 * transaction keep their order when sorted by time even within the same millisecond.
 */
export function monotonicIso(): string {
  lastStamp = stampAfter(lastStamp);
  return lastStamp;
}

/** Whole 24-hour days after an instant, so an expiry lasts as long across a clock change. */
export const addDaysToInstant = (at: Date, days: number): Date => addHours(at, days * 24);

// Calendar dates

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)$/;

const readDate = (date: string) => parseISO(date);
const writeDate = (date: Date) => format(date, "yyyy-MM-dd");

/** A real calendar date written YYYY-MM-DD (so 2026-02-30 is refused rather than rolled over). */
export const isIsoDate = (text: string): boolean => ISO_DATE.test(text) && isValid(readDate(text));

/** A real date and a real time of day written YYYY-MM-DDTHH:MM, e.g. 2027-02-29T10:00 is refused. */
export function isLocalDateTime(text: string): boolean {
  const match = LOCAL_DATE_TIME.exec(text);
  return match !== null && isIsoDate(match[1]);
}

export const addDays = (date: string, days: number): string => writeDate(addCalendarDays(readDate(date), days));

/** The same day of a later month, or that month's last day when it is shorter (31 January + 1 month is 28 or 29 February). */
export const addMonths = (date: string, months: number): string => writeDate(addCalendarMonths(readDate(date), months));

/** The day after a date: the exclusive end when comparing instants against an inclusive period. */
export const dayAfter = (date: string): string => addDays(date, 1);

/** Calendar days from one date to another; negative when `to` comes first. */
export const daysBetween = (from: string, to: string): number => differenceInCalendarDays(readDate(to), readDate(from));

// England's clock

/** Today's date in England: just after midnight in summer time it is already tomorrow there. */
export const todayInEngland = (now: Date = new Date()): string => format(now, "yyyy-MM-dd", { in: inEngland });

/** The wall-clock time in England, as YYYY-MM-DDTHH:MM. */
export const nowInEngland = (now: Date = new Date()): string => format(now, "yyyy-MM-dd'T'HH:mm", { in: inEngland });

/** The date in England on which an instant fell. */
export const dateInEngland = (at: string): string => todayInEngland(new Date(at));

// Quarters: quarterOf is the one place that says what a quarter is.

/**
 * The quarter a date falls in, as its stored key, e.g. 2026-11-30 → "2026-Q4". NHS financial-year
 * quarters cover the same three months as calendar quarters, so the key keeps the calendar form,
 * which sorts as text on both engines; people only ever see quarterLabel (docs/decisions).
 */
export const quarterOf = (date: string): string => `${date.slice(0, 4)}-Q${getQuarter(readDate(date))}`;

const QUARTER_KEY = /^(\d{4})-Q([1-4])$/;

/**
 * A stored quarter key as the NHS says it, by financial year (April to March): "2026-Q2"
 * (April to June 2026) → "Q1 2026/27", "2027-Q1" (January to March 2027) → "Q4 2026/27".
 */
export function quarterLabel(key: string): string {
  const match = QUARTER_KEY.exec(key);
  if (!match) return key;
  const year = Number(match[1]);
  const calendarQuarter = Number(match[2]);
  const startYear = calendarQuarter === 1 ? year - 1 : year;
  const financialQuarter = calendarQuarter === 1 ? 4 : calendarQuarter - 1;
  return `Q${financialQuarter} ${startYear}/${String((startYear + 1) % 100).padStart(2, "0")}`;
}

/** The first day of a stored quarter key: "2027-Q1" → "2027-01-01". */
export function quarterStart(key: string): string {
  const match = QUARTER_KEY.exec(key);
  if (!match) throw new RangeError(`not a quarter key: ${key}`);
  return `${match[1]}-${String((Number(match[2]) - 1) * 3 + 1).padStart(2, "0")}-01`;
}

/** The quarter after a stored quarter key: "2026-Q4" → "2027-Q1". */
export const nextQuarter = (key: string): string => quarterOf(addMonths(quarterStart(key), 3));

/** A quarter's months in words, for people who do not count in financial quarters: "January to March 2027". */
export function quarterMonths(key: string): string {
  const start = quarterStart(key);
  const month = (date: string) => format(readDate(date), "MMMM");
  return `${month(start)} to ${month(addMonths(start, 2))} ${start.slice(0, 4)}`;
}

/** Every quarter a period touches, oldest first: "2026-Q1", "2026-Q2", … */
export function quartersBetween(from: string, to: string): string[] {
  if (to < from) return [];
  const last = quarterOf(to);
  const quarters = [quarterOf(from)];
  // Month by month, so the list follows quarterOf whatever months a quarter is made of.
  for (let month = `${from.slice(0, 7)}-01`; quarters.at(-1) !== last;) {
    month = addMonths(month, 1);
    if (quarterOf(month) !== quarters.at(-1)) quarters.push(quarterOf(month));
  }
  return quarters;
}

// Formats for pages: the same text on the server and in the browser, whatever their time zones.

const LONG_DATE = "d MMMM yyyy";
const LONG_DATE_TIME = "d MMMM yyyy 'at' HH:mm";

/** A calendar date as "3 March 2027"; anything else is shown as it is. */
export const formatDate = (date: string): string => (isIsoDate(date) ? format(readDate(date), LONG_DATE) : date);

/** A wall-clock time in England (YYYY-MM-DDTHH:MM) as "3 March 2027 at 14:00". */
export const formatLocalDateTime = (text: string): string =>
  isLocalDateTime(text) ? format(parseISO(text, { in: inUtc }), LONG_DATE_TIME, { in: inUtc }) : text;

const formatInstant = (at: string | Date, pattern: string) => {
  const instant = new Date(at);
  return isValid(instant) ? format(new TZDate(instant.getTime(), ENGLAND), pattern) : String(at);
};

/** The instant England's calendar date begins (midnight GMT or BST), as ISO-8601 UTC text. */
export function startOfDayInEngland(date: string): string {
  const [year, month, day] = date.split("-").map(Number);
  return new Date(new TZDate(year, month - 1, day, 0, 0, 0, 0, ENGLAND).getTime()).toISOString();
}

/** An instant as England's date and time, e.g. "3 March 2027 at 14:05". */
export const formatDateTimeInEngland = (at: string | Date): string => formatInstant(at, LONG_DATE_TIME);

/** An instant's date in England, e.g. "3 March 2027". */
export const formatDateInEngland = (at: string | Date): string => formatInstant(at, LONG_DATE);

/** An instant's time of day in England, e.g. "14:05". */
export const formatTimeInEngland = (at: string | Date): string => formatInstant(at, "HH:mm");
