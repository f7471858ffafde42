import fs from "node:fs";
import { describe, expect, it } from "vitest";
import {
  ETR_COLUMNS,
  MAX_ETR_ROWS,
  MAX_LINE_ISSUES,
  NotAnEtrFile,
  odsDate,
  parseEtr,
  readEtrRow,
} from "~/domain/ods/parse-etr";
import { isFoundationTrustName, tidyPostcode, titleCase } from "~/domain/ods/title-case";

const regionCodes = new Set(["Y56", "Y58", "Y59", "Y60", "Y61", "Y62", "Y63"]);

/** One etr.csv row with every field quoted, as ODS publishes it. */
function etrLine(
  overrides: Partial<Record<"code" | "name" | "region" | "icb" | "opened" | "closed", string>> = {},
  columns = ETR_COLUMNS,
) {
  const f = Array<string>(ETR_COLUMNS).fill("");
  f[0] = overrides.code ?? "RWK";
  f[1] = overrides.name ?? "EAST LONDON NHS FOUNDATION TRUST";
  f[2] = overrides.region ?? "Y56";
  f[3] = overrides.icb ?? "QMF";
  f[4] = "ROBERT DOLAN HOUSE";
  f[5] = "9 ALIE STREET";
  f[7] = "LONDON";
  f[9] = "E1 8DE";
  f[10] = overrides.opened ?? "20000401";
  f[11] = overrides.closed ?? "";
  f[21] = "0";
  return f
    .slice(0, columns)
    .map((v) => `"${v}"`)
    .join(",");
}

describe("titleCase", () => {
  it.each([
    ["EAST LONDON NHS FOUNDATION TRUST", "East London NHS Foundation Trust"],
    [
      "BARKING, HAVERING AND REDBRIDGE UNIVERSITY HOSPITALS NHS TRUST",
      "Barking, Havering and Redbridge University Hospitals NHS Trust",
    ],
    ["GUY'S AND ST THOMAS' NHS FOUNDATION TRUST", "Guy's and St Thomas' NHS Foundation Trust"],
    [
      "THE NEWCASTLE UPON TYNE HOSPITALS NHS FOUNDATION TRUST",
      "The Newcastle upon Tyne Hospitals NHS Foundation Trust",
    ],
    [
      "UNIVERSITY HOSPITALS OF DERBY AND BURTON NHS FOUNDATION TRUST",
      "University Hospitals of Derby and Burton NHS Foundation Trust",
    ],
    [
      "GREAT ORMOND STREET HOSPITAL FOR CHILDREN NHS FOUNDATION TRUST",
      "Great Ormond Street Hospital for Children NHS Foundation Trust",
    ],
    ["NHS STAFFORDSHIRE AND STOKE-ON-TRENT ICB", "NHS Staffordshire and Stoke-on-Trent ICB"],
    ["2GETHER NHS FOUNDATION TRUST", "2gether NHS Foundation Trust"],
    ["ST JAMES'S UNIVERSITY HOSPITAL", "St James's University Hospital"],
    ["UK HEALTH SECURITY AGENCY", "UK Health Security Agency"],
  ])("%s → %s", (input, expected) => {
    expect(titleCase(input)).toBe(expected);
  });

  it("keeps a leading small word capitalised", () => {
    expect(titleCase("THE ROYAL MARSDEN NHS FOUNDATION TRUST")).toBe("The Royal Marsden NHS Foundation Trust");
  });

  it("tells foundation trusts from NHS trusts by name", () => {
    expect(isFoundationTrustName("EAST LONDON NHS FOUNDATION TRUST")).toBe(true);
    expect(isFoundationTrustName("LEEDS TEACHING HOSPITALS NHS TRUST")).toBe(false);
  });

  it("tidies postcodes", () => {
    expect(tidyPostcode(" e1  8de ")).toBe("E1 8DE");
  });
});

describe("odsDate", () => {
  it("turns YYYYMMDD into an ISO date and empty into null", () => {
    expect(odsDate("20000401")).toBe("2000-04-01");
    expect(odsDate("20240229")).toBe("2024-02-29");
    expect(odsDate("")).toBeNull();
  });

  it.each(["20230229", "20183107", "2000-04-01", "200004", "2000040a"])("rejects %s", (value) => {
    expect(odsDate(value)).toBeUndefined();
  });
});

describe("readEtrRow", () => {
  // A good row after the one under test, so a file of one bad row is still recognised as etr.csv.
  const read = async (line: string) => {
    const { records, errors } = await parseEtr(`${line}\n${etrLine({ code: "RX9" })}`, { regionCodes });
    return { records: records.filter((r) => r.odsCode !== "RX9"), errors };
  };

  it("reads the columns Peerlink keeps", async () => {
    const { records, errors } = await read(etrLine());
    expect(errors).toEqual([]);
    expect(records).toEqual([
      {
        line: 1,
        odsCode: "RWK",
        name: "East London NHS Foundation Trust",
        isFoundationTrust: true,
        regionCode: "Y56",
        icbCode: "QMF",
        address: "Robert Dolan House, 9 Alie Street, London",
        postcode: "E1 8DE",
        openedOn: "2000-04-01",
        closedOn: null,
      },
    ]);
  });

  it("reads a close date and an empty ICB", async () => {
    const [record] = (await read(etrLine({ closed: "20200331", icb: "" }))).records;
    expect(record).toMatchObject({ closedOn: "2020-03-31", icbCode: null });
  });

  it.each([
    ["a short row", etrLine({}, 26), /has 26 columns; an etr.csv row has 27/],
    ["a long row", `${etrLine()},"extra"`, /has 28 columns/],
    ["a bad code", etrLine({ code: "R-K" }), /organisation code "R-K" is not 3 to 5 letters and digits/],
    ["a missing name", etrLine({ name: "" }), /RWK has no name/],
    ["a missing region", etrLine({ region: "" }), /RWK has no region code/],
    ["an unknown region", etrLine({ region: "Y99" }), /unknown region code "Y99"/],
    ["a bad open date", etrLine({ opened: "20183107" }), /open date "20183107", not a date as YYYYMMDD/],
    ["a bad close date", etrLine({ closed: "2020-03-31" }), /close date "2020-03-31"/],
    [
      "a close before the open",
      etrLine({ closed: "19990101" }),
      /closes \(1999-01-01\) before it opens \(2000-04-01\)/,
    ],
  ])("rejects %s", async (_label, line, message) => {
    const { records, errors } = await read(line);
    expect(records).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0].line).toBe(1);
    expect(errors[0].message).toMatch(message);
  });

  it("is usable on split fields without the CSV layer", () => {
    expect(readEtrRow(["RWK"], 7, { regionCodes })).toEqual({
      line: 7,
      message: "has 1 column; an etr.csv row has 27",
    });
  });
});

describe("parseEtr", () => {
  it("numbers lines as they are in the file, counting blank lines, with either line ending", async () => {
    for (const eol of ["\r\n", "\n"]) {
      const text =
        [
          etrLine({ code: "RWK" }),
          "",
          etrLine({ code: "RF4" }),
          etrLine({ code: "RJ1", opened: "x" }),
          etrLine({ code: "RX3" }),
        ].join(eol) + eol;
      const { records, errors } = await parseEtr(text, { regionCodes });
      expect(records.map((r) => [r.line, r.odsCode])).toEqual([
        [1, "RWK"],
        [3, "RF4"],
        [5, "RX3"],
      ]);
      expect(errors).toEqual([{ line: 4, message: expect.stringMatching(/RJ1 has open date "x"/) }]);
    }
  });

  it("reports a line with a broken quote and keeps reading", async () => {
    const text = [etrLine({ code: "RWK" }), `"RF4","BARKING "HAVERING","Y56"`, etrLine({ code: "RX3" })].join("\r\n");
    const { records, errors } = await parseEtr(text, { regionCodes });
    expect(records.map((r) => r.odsCode)).toEqual(["RWK", "RX3"]);
    expect(errors).toEqual([{ line: 2, message: expect.stringMatching(/^cannot be read as CSV/) }]);
  });

  it("keeps the first of two rows with the same code and reports the second", async () => {
    const { records, errors } = await parseEtr([etrLine(), etrLine({ name: "SOMETHING ELSE" })].join("\n"), {
      regionCodes,
    });
    expect(records.map((r) => r.name)).toEqual(["East London NHS Foundation Trust"]);
    expect(errors).toEqual([{ line: 2, message: "organisation RWK already appears on line 1" }]);
  });

  it("accepts a Buffer with a byte-order mark", async () => {
    const { records } = await parseEtr(Buffer.from(`\uFEFF${etrLine()}\r\n`, "utf8"), { regionCodes });
    expect(records.map((r) => r.odsCode)).toEqual(["RWK"]);
  });

  it("reads the sample fixture: twelve rows and one malformed line", async () => {
    const { records, errors } = await parseEtr(fs.readFileSync("tests/fixtures/etr-sample.csv"), { regionCodes });
    expect(records).toHaveLength(12);
    expect(errors).toEqual([{ line: 8, message: expect.stringMatching(/RTG has open date "20183107"/) }]);
  });
});

describe("parseEtr on files that are not etr.csv", () => {
  it("refuses notes saved as text by their content, naming what is wrong", async () => {
    const notes = "Meeting notes, 3 March\nAgreed to import the trusts next week.\nActions: check the ICB list\n";
    await expect(parseEtr(notes, { regionCodes })).rejects.toThrow(
      /not an ODS etr.csv file: its rows have 2 columns, an etr.csv row has 27/,
    );
  });

  it("refuses an empty file and a binary one", async () => {
    await expect(parseEtr("\n\n", { regionCodes })).rejects.toThrow(/empty/);
    await expect(parseEtr(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x08, 0]), { regionCodes })).rejects.toThrow(
      /binary data/,
    );
  });

  it("refuses five million lines of x after reading only the first few", async () => {
    const lines = 5_000_000;
    let piecesRead = 0;
    async function* manyLines() {
      const piece = "x\n".repeat(32 * 1024);
      for (let sent = 0; sent < lines; sent += 32 * 1024) {
        piecesRead++;
        yield piece;
      }
    }
    await expect(parseEtr(manyLines(), { regionCodes })).rejects.toBeInstanceOf(NotAnEtrFile);
    // The refusal came from the first rows, not after reading 10 MB.
    expect(piecesRead).toBeLessThan(5);
  });

  it("refuses a file that runs past the row limit, however well formed it starts", async () => {
    const good = etrLine({ code: "RWK" });
    const text = [good, ...Array(MAX_ETR_ROWS + 5).fill("x")].join("\n");
    await expect(parseEtr(text, { regionCodes })).rejects.toThrow(/more than 20,000 rows/);
  });

  it("lists the first fifty malformed lines and counts the rest", async () => {
    const text = [etrLine({ code: "RWK" }), ...Array.from({ length: 130 }, () => etrLine({ code: "R-K" }))].join("\n");
    const { records, errors, moreErrors } = await parseEtr(text, { regionCodes });
    expect(records).toHaveLength(1);
    expect(errors).toHaveLength(MAX_LINE_ISSUES);
    expect(errors[0].line).toBe(2);
    expect(moreErrors).toBe(80);
  });
});
