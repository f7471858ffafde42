/**
 * When an offer can be matched, and the date arithmetic that decides it. Dates are calendar dates
 * as YYYY-MM-DD text, which compare correctly as strings.
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

/** A real calendar date written YYYY-MM-DD (so 2026-02-30 is refused). */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

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
  if (!isIsoDate(window.start)) return { date: "start", message: "Enter the start date as a real date, like 2027-03-01" };
  if (!isIsoDate(window.end)) return { date: "end", message: "Enter the end date as a real date, like 2027-03-31" };
  if (window.start > window.end) return { date: "end", message: "The end date must be the same as or after the start date" };
  return null;
}

/** An offer whose every window has ended can never be matched, so at least one must reach today. */
export const hasCurrentWindow = (windows: DateWindow[], today: string) => windows.some((w) => w.end >= today);

/**
 * Calendar quarter of a date, e.g. 2026-11-30 → "2026-Q4". Quarters are calendar quarters
 * (January to March is Q1), not NHS financial-year quarters (which start in April), matching the
 * quarters match rounds and offer capacity are counted in.
 */
export function quarterOf(date: string): string {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-Q${Math.ceil(month / 3)}`;
}

/** Today's date in England, where return dates are meant: just after midnight BST it is already tomorrow. */
// Building a formatter is far dearer than using one, and pages ask for today many times.
const englandDate = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });

export function todayInEngland(now: Date = new Date()): string {
  const parts = englandDate.formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

const longDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** "3 March 2027", for pages. */
export function formatDate(date: string): string {
  if (!isIsoDate(date)) return date;
  return longDate.format(new Date(`${date}T00:00:00Z`));
}
