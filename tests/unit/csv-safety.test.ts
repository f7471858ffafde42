import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { safeCsvCell, toSafeCsv } from "~/lib/csv-safety";

describe("safeCsvCell", () => {
  it.each(['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])(
    "prefixes %j so a spreadsheet shows it as text",
    (text) => {
      expect(safeCsvCell(text)).toBe(`'${text}`);
    },
  );

  it("leaves ordinary text, numbers and missing values alone", () => {
    expect(safeCsvCell("Barking Trust")).toBe("Barking Trust");
    expect(safeCsvCell("a=b")).toBe("a=b");
    expect(safeCsvCell(-0.5)).toBe(-0.5);
    expect(safeCsvCell(0)).toBe(0);
    expect(safeCsvCell(null)).toBeNull();
  });
});

describe("toSafeCsv", () => {
  it("writes a header row and guarded, quoted cells that read back as written", () => {
    const csv = toSafeCsv(
      ["Organisation", "Change"],
      [
        ["=cmd|' /C calc'!A0", -0.25],
        ['Trust, "North"', null],
      ],
    );
    expect(csv.split("\r\n")[0]).toBe("Organisation,Change");
    expect(parse(csv)).toEqual([
      ["Organisation", "Change"],
      ["'=cmd|' /C calc'!A0", "-0.25"],
      ['Trust, "North"', ""],
    ]);
  });

  it("guards header cells too", () => {
    expect(toSafeCsv(["=x"], []).trim()).toBe("'=x");
  });
});
