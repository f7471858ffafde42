/** Dates as people in England read them; the `<time>` element keeps the machine value. */
const dayFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const momentFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "Europe/London" });

/** A YYYY-MM-DD date, e.g. "3 March 2027". */
export function Day({ date }: { date: string }) {
  const parsed = new Date(`${date}T00:00:00Z`);
  return <time dateTime={date}>{Number.isNaN(parsed.getTime()) ? date : dayFormat.format(parsed)}</time>;
}

/** An ISO timestamp in England's time, e.g. "3 March 2027 at 14:05". */
export function Moment({ at }: { at: string }) {
  const parsed = new Date(at);
  if (Number.isNaN(parsed.getTime())) return <time dateTime={at}>{at}</time>;
  const parts = momentFormat.formatToParts(parsed);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return (
    <time dateTime={at}>
      {part("day")} {part("month")} {part("year")} at {part("hour")}:{part("minute")}
    </time>
  );
}
