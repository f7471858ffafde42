// Every date field is the browser's date picker (`<input type="date">`), which shows a date the
// way England writes it (day/month/year) and always sends it as 2027-03-14. Hints and messages
// give examples in the form people see, never the form the server receives.

export const DATE_EXAMPLE = "14/03/2027";

export const DATE_HINT = `For example, ${DATE_EXAMPLE}`;
