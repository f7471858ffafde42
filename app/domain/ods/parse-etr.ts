import { parse, type CsvError, type Options } from "csv-parse/sync";
import { isFoundationTrustName, tidyPostcode, titleCase } from "./title-case";

/**
 * The ODS trust file `etr.csv`: no header, 27 string columns. Only the columns Peerlink keeps
 * are named here.
 */
export const ETR_COLUMNS = 27;
const COL = { code: 0, name: 1, region: 2, icb: 3, addressFirst: 4, addressLast: 8, postcode: 9, opened: 10, closed: 11 } as const;

/** ODS organisation codes are 3 to 5 letters and digits; trusts have three, e.g. RWK. */
export const ODS_CODE = /^[A-Z0-9]{3,5}$/;

export interface EtrRecord {
  /** The line of the file the row starts on, 1-based, for messages. */
  line: number;
  odsCode: string;
  name: string;
  isFoundationTrust: boolean;
  regionCode: string;
  /** As written in the file; whether the board exists is for the importer to check. */
  icbCode: string | null;
  address: string;
  postcode: string;
  openedOn: string | null; // YYYY-MM-DD
  closedOn: string | null;
}

export interface LineIssue {
  line: number;
  message: string;
}

export interface ParsedEtr {
  records: EtrRecord[];
  errors: LineIssue[];
}

export interface ParseOptions {
  /** Region codes a row may name; a row naming another is malformed. */
  regionCodes: ReadonlySet<string>;
}

/** "20000401" → "2000-04-01"; "" → null; anything that is not a real calendar date → undefined. */
export function odsDate(value: string): string | null | undefined {
  if (value === "") return null;
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** Checks one row's fields; returns the record, or the reason it cannot be imported. */
export function readEtrRow(fields: string[], line: number, { regionCodes }: ParseOptions): EtrRecord | LineIssue {
  const problem = (message: string): LineIssue => ({ line, message });
  if (fields.length !== ETR_COLUMNS) return problem(`has ${fields.length} column${fields.length === 1 ? "" : "s"}; an etr.csv row has ${ETR_COLUMNS}`);

  const odsCode = fields[COL.code].toUpperCase();
  if (!ODS_CODE.test(odsCode)) return problem(`organisation code "${fields[COL.code]}" is not 3 to 5 letters and digits`);
  const rawName = fields[COL.name];
  if (!rawName) return problem(`organisation ${odsCode} has no name`);
  const regionCode = fields[COL.region].toUpperCase();
  if (!regionCode) return problem(`organisation ${odsCode} has no region code`);
  if (!regionCodes.has(regionCode)) return problem(`organisation ${odsCode} has unknown region code "${fields[COL.region]}"`);
  const openedOn = odsDate(fields[COL.opened]);
  if (openedOn === undefined) return problem(`organisation ${odsCode} has open date "${fields[COL.opened]}", not a date as YYYYMMDD`);
  const closedOn = odsDate(fields[COL.closed]);
  if (closedOn === undefined) return problem(`organisation ${odsCode} has close date "${fields[COL.closed]}", not a date as YYYYMMDD`);
  if (openedOn && closedOn && closedOn < openedOn) return problem(`organisation ${odsCode} closes (${closedOn}) before it opens (${openedOn})`);

  return {
    line,
    odsCode,
    name: titleCase(rawName),
    isFoundationTrust: isFoundationTrustName(rawName),
    regionCode,
    icbCode: fields[COL.icb].toUpperCase() || null,
    address: fields
      .slice(COL.addressFirst, COL.addressLast + 1)
      .filter(Boolean)
      .map(titleCase)
      .join(", "),
    postcode: tidyPostcode(fields[COL.postcode]),
    openedOn,
    closedOn,
  };
}

/**
 * Parses a whole file. A row that cannot be imported is reported by line and left out; the
 * rest are returned, so one bad line never stops the others. A code seen twice keeps its first
 * row and reports the second.
 */
export function parseEtr(input: string | Buffer, options: ParseOptions): ParsedEtr {
  const errors: LineIssue[] = [];
  // on_skip is documented and supported by csv-parse 5 but missing from its type declarations.
  const csvOptions: Options & { on_skip: (error: CsvError | undefined) => void } = {
    bom: true,
    trim: true,
    info: true,
    skip_empty_lines: true,
    relax_column_count: true,
    // ODS files have CRLF endings; hand-edited copies may not.
    record_delimiter: ["\r\n", "\n", "\r"],
    // A broken quote spoils only its own record, which is reported rather than ending the parse.
    skip_records_with_error: true,
    on_skip: (error) => {
      if (error) errors.push({ line: Number(error.lines), message: `cannot be read as CSV: ${error.message.replace(/ at line \d+/, "")}` });
    },
  };
  const rows = parse(input, csvOptions) as { record: string[]; info: { lines: number } }[];

  const records: EtrRecord[] = [];
  const firstLine = new Map<string, number>();
  for (const { record, info } of rows) {
    // info.lines is where the record ends; a quoted field may span lines.
    const line = info.lines - record.reduce((n, field) => n + (field.match(/\n/g)?.length ?? 0), 0);
    const result = readEtrRow(record, line, options);
    if (!("odsCode" in result)) {
      errors.push(result);
      continue;
    }
    const seen = firstLine.get(result.odsCode);
    if (seen !== undefined) {
      errors.push({ line, message: `organisation ${result.odsCode} already appears on line ${seen}` });
      continue;
    }
    firstLine.set(result.odsCode, line);
    records.push(result);
  }
  errors.sort((a, b) => a.line - b.line);
  return { records, errors };
}
