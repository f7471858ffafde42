import { addDays, isIsoDate } from "../lib/dates";
import { DATE_EXAMPLE } from "../lib/date-hint";

/**
 * When an offer can be matched. Dates are calendar dates as YYYY-MM-DD text, which compare
 * correctly as strings.
 */
export type OfferStatus = "published" | "paused" | "closed";

export interface OfferState {
  status: OfferStatus;
  /** The return date of a paused offer; null otherwise. */
  paused_until: string | null;
}

export interface DateWindow {
  start: string; // YYYY-MM-DD
  end: string; // YYYY-MM-DD, inclusive
}

/**
 * The status an offer has on `today`. A pause ends by itself on its return date, so reads never
 * depend on the job that rewrites the stored status having run.
 */
export function effectiveStatus(offer: OfferState, today: string): OfferStatus {
  if (offer.status === "paused" && offer.paused_until !== null && offer.paused_until <= today) return "published";
  return offer.status;
}

/** Paused and closed offers are left out of matching. */
export const isMatchable = (offer: OfferState, today: string) => effectiveStatus(offer, today) === "published";

/**
 * Availability is the union of the windows, so overlapping windows are joined rather than refused:
 * "1 to 20 March" and "15 to 31 March" mean the same as "1 to 31 March". Windows that touch (one ends
 * the day before the next starts) are joined too. The result is sorted by start date.
 * Callers check start ≤ end first (see windowProblem).
 */
export function mergeWindows(windows: DateWindow[]): DateWindow[] {
  const sorted = [...windows].sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end));
  const merged: DateWindow[] = [];
  for (const w of sorted) {
    const last = merged.at(-1);
    if (last && w.start <= addDays(last.end, 1)) {
      if (w.end > last.end) last.end = w.end;
    } else {
      merged.push({ ...w });
    }
  }
  return merged;
}

/** What is wrong with one window, and which of its two dates to point at; null when it is fine. */
export function windowProblem(window: DateWindow): { date: "start" | "end"; message: string } | null {
  if (!isIsoDate(window.start))
    return { date: "start", message: `Enter the start date as a real date, like ${DATE_EXAMPLE}` };
  if (!isIsoDate(window.end))
    return { date: "end", message: `Enter the end date as a real date, like ${DATE_EXAMPLE}` };
  if (window.start > window.end)
    return { date: "end", message: "The end date must be the same as or after the start date" };
  return null;
}

/** An offer whose every window has ended can never be matched, so at least one must reach today. */
export const hasCurrentWindow = (windows: DateWindow[], today: string) => windows.some((w) => w.end >= today);
