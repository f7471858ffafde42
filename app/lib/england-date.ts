const longDate = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  day: "numeric",
  month: "long",
  year: "numeric",
});
const longDateTime = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

/** An instant as a date in England, like "3 March 2027". */
export const englandDate = (iso: string) => longDate.format(new Date(iso));

/** An instant as a date and time in England, like "3 March 2027 at 14:05". */
export const englandDateTime = (iso: string) => longDateTime.format(new Date(iso));
