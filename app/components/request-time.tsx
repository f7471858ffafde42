import { formatDate, formatDateTimeInEngland } from "~/lib/dates";

/** A YYYY-MM-DD date, e.g. "3 March 2027"; the `<time>` element keeps the machine value. */
export function Day({ date }: { date: string }) {
  return <time dateTime={date}>{formatDate(date)}</time>;
}

/** An ISO timestamp in England's time, e.g. "3 March 2027 at 14:05". */
export function Moment({ at }: { at: string }) {
  return <time dateTime={at}>{formatDateTimeInEngland(at)}</time>;
}
