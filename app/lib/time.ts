/** Timestamps are stored as ISO-8601 UTC text so they sort and compare the same on both engines. */
export const nowIso = (now: Date = new Date()) => now.toISOString();

export const addMinutes = (date: Date, minutes: number) => new Date(date.getTime() + minutes * 60_000);
export const addHours = (date: Date, hours: number) => new Date(date.getTime() + hours * 3_600_000);
export const addDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);

let lastStamp = 0;
/**
 * Like nowIso, but strictly increasing within this process, so events recorded in one
 * transaction keep their order when sorted by time even within the same millisecond.
 */
export function monotonicIso(): string {
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  return new Date(lastStamp).toISOString();
}
