import { TZDate } from "@date-fns/tz";

/**
 * The moment a pioneer's answer to an approved match is overdue: the same time of day in England,
 * the given number of working days (Monday to Friday) after approval. Bank holidays are not counted
 * out, so the deadline may fall a day early around them.
 */
export function answerDeadline(approvedAt: string, workingDays: number): string {
  const local = new TZDate(new Date(approvedAt).getTime(), "Europe/London");
  let year = local.getFullYear();
  let month = local.getMonth();
  let day = local.getDate();
  let left = workingDays;
  while (left > 0) {
    day += 1;
    const weekday = new Date(Date.UTC(year, month, day)).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  const normalised = new Date(Date.UTC(year, month, day));
  year = normalised.getUTCFullYear();
  month = normalised.getUTCMonth();
  day = normalised.getUTCDate();
  const deadline = new TZDate(year, month, day, local.getHours(), local.getMinutes(), local.getSeconds(), "Europe/London");
  return new Date(deadline.getTime()).toISOString();
}
