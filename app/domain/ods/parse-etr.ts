import { parse, type CsvError, type Options } from "csv-parse";
import { Readable } from "node:stream";
import { isFoundationTrustName, tidyPostcode, titleCase } from "./title-case";

/**
 * The ODS trust file `etr.csv`: no header, 27 string columns. Only the columns Peerlink keeps
 * are named here.
 */
export const ETR_COLUMNS = 27;
const COL = {
  code: 0,
  name: 1,
  region: 2,
  icb: 3,
  addressFirst: 4,
  addressLast: 8,
  postcode: 9,
  opened: 10,
  closed: 11,
} as const;

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
  /** The first MAX_LINE_ISSUES malformed lines. */
  errors: LineIssue[];
  /** How many more malformed lines there were beyond those listed. */
  moreErrors: number;
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
  if (fields.length !== ETR_COLUMNS)
    return problem(`has ${fields.length} column${fields.length === 1 ? "" : "s"}; an etr.csv row has ${ETR_COLUMNS}`);

  const odsCode = fields[COL.code].toUpperCase();
  if (!ODS_CODE.test(odsCode))
    return problem(`organisation code "${fields[COL.code]}" is not 3 to 5 letters and digits`);
  const rawName = fields[COL.name];
  if (!rawName) return problem(`organisation ${odsCode} has no name`);
  const regionCode = fields[COL.region].toUpperCase();
  if (!regionCode) return problem(`organisation ${odsCode} has no region code`);
  if (!regionCodes.has(regionCode))
    return problem(`organisation ${odsCode} has unknown region code "${fields[COL.region]}"`);
  const openedOn = odsDate(fields[COL.opened]);
  if (openedOn === undefined)
    return problem(`organisation ${odsCode} has open date "${fields[COL.opened]}", not a date as YYYYMMDD`);
  const closedOn = odsDate(fields[COL.closed]);
  if (closedOn === undefined)
    return problem(`organisation ${odsCode} has close date "${fields[COL.closed]}", not a date as YYYYMMDD`);
  if (openedOn && closedOn && closedOn < openedOn)
    return problem(`organisation ${odsCode} closes (${closedOn}) before it opens (${openedOn})`);

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

/** The national trust file has a few hundred rows; a file far longer is not one. */
export const MAX_ETR_ROWS = 20_000;
/** Messages kept per import; the rest are only counted ("and N more"). */
export const MAX_LINE_ISSUES = 50;
/** A file is judged by its first rows: an etr.csv file has 27 columns from its first line. */
const ROWS_TO_RECOGNISE = 10;
/** Parsed a piece at a time so a large file never holds the event loop for long. */
const CHUNK_BYTES = 64 * 1024;

/** The whole file is refused, not line by line: nothing of it is imported. */
export class NotAnEtrFile extends Error {}

/** Issues by line, keeping the first MAX_LINE_ISSUES and counting the rest. */
export class BoundedIssues {
  readonly kept: LineIssue[] = [];
  total = 0;
  add(issue: LineIssue) {
    this.total++;
    if (this.kept.length < MAX_LINE_ISSUES) this.kept.push(issue);
  }
  get more() {
    return this.total - this.kept.length;
  }
}

export type EtrInput = string | Buffer | AsyncIterable<Buffer | string>;

async function* inPieces(input: EtrInput): AsyncIterable<Buffer | string> {
  if (typeof input !== "string" && !Buffer.isBuffer(input)) return yield* input;
  const bytes = typeof input === "string" ? Buffer.from(input, "utf8") : input;
  for (let start = 0; start < bytes.length; start += CHUNK_BYTES) {
    yield bytes.subarray(start, start + CHUNK_BYTES);
    // Lets other requests in between pieces.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const plural = (n: number, word: string) => `${n.toLocaleString("en-GB")} ${word}${n === 1 ? "" : "s"}`;

/**
 * Parses a file as a stream. A row that cannot be imported is reported by line and left out;
 * the rest are returned, so one bad line never stops the others. A code seen twice keeps its
 * first row and reports the second. A file that is not etr.csv by its content (its first rows
 * are not 27 columns, it holds binary data, or it runs past MAX_ETR_ROWS) throws NotAnEtrFile
 * as soon as that is known, without reading the rest.
 */
export async function parseEtr(input: EtrInput, options: ParseOptions): Promise<ParsedEtr> {
  const issues = new BoundedIssues();
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
      if (error)
        issues.add({
          line: Number(error.lines),
          message: `cannot be read as CSV: ${error.message.replace(/ at line \d+/, "")}`,
        });
    },
  };
  const parser = parse(csvOptions);
  const source = Readable.from(inPieces(input));
  source.on("data", (piece: Buffer | string) => {
    if ((typeof piece === "string" ? piece : piece.toString("latin1")).includes("\0")) {
      source.destroy(new NotAnEtrFile("The file is not an ODS etr.csv file: it holds binary data, not text."));
    }
  });
  source.on("error", (error) => parser.destroy(error));
  source.pipe(parser);

  const records: EtrRecord[] = [];
  const firstLine = new Map<string, number>();
  let rows = 0;
  let recognised = false;
  let firstWidth: number | undefined;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      rows++;
      firstWidth ??= record.length;
      if (record.length === ETR_COLUMNS) recognised = true;
      if (!recognised && rows >= ROWS_TO_RECOGNISE) break;
      if (rows > MAX_ETR_ROWS)
        throw new NotAnEtrFile(
          `The file has more than ${plural(MAX_ETR_ROWS, "row")}; the ODS etr.csv file has a few hundred. Nothing was imported.`,
        );
      // info.lines is where the record ends; a quoted field may span lines.
      const line = info.lines - record.reduce((n, field) => n + (field.match(/\n/g)?.length ?? 0), 0);
      const result = readEtrRow(record, line, options);
      if (!("odsCode" in result)) {
        issues.add(result);
        continue;
      }
      const seen = firstLine.get(result.odsCode);
      if (seen !== undefined) {
        issues.add({ line, message: `organisation ${result.odsCode} already appears on line ${seen}` });
        continue;
      }
      firstLine.set(result.odsCode, line);
      records.push(result);
    }
  } finally {
    source.destroy();
    parser.destroy();
  }
  if (!recognised) {
    throw new NotAnEtrFile(
      firstWidth === undefined
        ? "The file is empty: it is not an ODS etr.csv file."
        : `The file is not an ODS etr.csv file: its rows have ${plural(firstWidth, "column")}, an etr.csv row has ${ETR_COLUMNS}. Nothing was imported.`,
    );
  }
  issues.kept.sort((a, b) => a.line - b.line);
  return { records, errors: issues.kept, moreErrors: issues.more };
}
