import { TZDate } from "@date-fns/tz";
import { addDays, dateInEngland } from "../lib/dates";

const ENGLAND = "Europe/London";

/**
 * England and Wales bank holidays (gov.uk), which are not working days. A year missing here
 * only makes a deadline a day early, never late enough to leave a request waiting unseen.
 */
const BANK_HOLIDAYS = new Set([
  "2025-01-01",
  "2025-04-18",
  "2025-04-21",
  "2025-05-05",
  "2025-05-26",
  "2025-08-25",
  "2025-12-25",
  "2025-12-26",
  "2026-01-01",
  "2026-04-03",
  "2026-04-06",
  "2026-05-04",
  "2026-05-25",
  "2026-08-31",
  "2026-12-25",
  "2026-12-28",
  "2027-01-01",
  "2027-03-26",
  "2027-03-29",
  "2027-05-03",
  "2027-05-31",
  "2027-08-30",
  "2027-12-27",
  "2027-12-28",
  "2028-01-03",
  "2028-04-14",
  "2028-04-17",
  "2028-05-01",
  "2028-05-29",
  "2028-08-28",
  "2028-12-25",
  "2028-12-26",
]);

/** Monday to Friday in England, bank holidays excepted; `date` is YYYY-MM-DD. */
export function isWorkingDay(date: string): boolean {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !BANK_HOLIDAYS.has(date);
}

/**
 * When the pioneer's answer to an approved match is due: the same time of day in England, the
 * given number of working days after approval (so a deadline across a clock change keeps its
 * hour). An instant in, an ISO-8601 UTC instant out.
 */
export function answerDueAt(approvedAt: string, workingDays: number): string {
  const approved = new TZDate(new Date(approvedAt).getTime(), ENGLAND);
  let date = dateInEngland(approvedAt);
  for (let counted = 0; counted < workingDays;) {
    date = addDays(date, 1);
    if (isWorkingDay(date)) counted += 1;
  }
  const [year, month, day] = date.split("-").map(Number);
  const due = new TZDate(
    year!,
    month! - 1,
    day!,
    approved.getHours(),
    approved.getMinutes(),
    approved.getSeconds(),
    ENGLAND,
  );
  return new Date(due.getTime()).toISOString();
}

/** Whether the answer is overdue at `now`. */
export const isAnswerOverdue = (answerDueAt: string | null, now: string) => answerDueAt !== null && answerDueAt < now;

/**
 * Working days past its answer deadline after which an unanswered match lapses by itself: its place
 * is freed and the request goes back into matching. A week gives the coordinators, who are told at
 * the deadline, time to chase the pioneer first.
 */
export const LAPSE_AFTER_WORKING_DAYS = 5;

/** When an unanswered match lapses, from its answer deadline. */
export const lapsesAt = (answerDueAt_: string) => answerDueAt(answerDueAt_, LAPSE_AFTER_WORKING_DAYS);
