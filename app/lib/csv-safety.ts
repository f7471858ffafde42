import { stringify } from "csv-stringify/sync";

export type CsvValue = string | number | null;

// Text starting with one of these is read as a formula by spreadsheet programs (tab and carriage
// return too, since some programs strip them and then see the next character).
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell that a spreadsheet shows as text rather than running as a formula: text starting with
 * = + - @ (or a tab or carriage return) gets a leading single quote. Numbers are the service's
 * own figures, not typed text, so a negative change stays a number.
 */
export function safeCsvCell(value: CsvValue): CsvValue {
  if (typeof value === "string" && FORMULA_START.test(value)) return `'${value}`;
  return value;
}

/** A CSV file with a header row, every cell guarded; missing values are empty cells. */
export function toSafeCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return toSafeCsvRows([header, ...rows]);
}

/** Guarded CSV lines without a header, for a file written a batch at a time after `toSafeCsv(header, [])`. */
export function toSafeCsvRows(rows: readonly (readonly CsvValue[])[]): string {
  return stringify(
    rows.map((row) => row.map(safeCsvCell)),
    { record_delimiter: "\r\n" },
  );
}
