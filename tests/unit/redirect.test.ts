import { describe, expect, it } from "vitest";
import { safeRedirect } from "~/lib/redirect";

// Each of these, followed by a browser as a Location, would leave the site or is not a plain path.
const offSite: [string, string][] = [
  ["tab after the slash (browsers drop it)", "/\t/example.org"],
  ["newline after the slash", "/\n/example.org"],
  ["carriage return", "/\r/example.org"],
  ["NUL", "/\u0000/example.org"],
  ["DEL", "/\u007f/example.org"],
  ["C1 control", "/\u0085/example.org"],
  ["slash backslash", "/\\example.org"],
  ["backslash slash", "\\/example.org"],
  ["backslash later in the path", "/requests\\..\\..\\example.org"],
  ["protocol-relative", "//example.org"],
  ["three slashes", "///example.org"],
  ["dot segment collapsing to two slashes", "/.//example.org"],
  ["parent segment collapsing to two slashes", "/..//example.org"],
  ["encoded slashes", "%2F%2Fexample.org"],
  ["encoded slashes after a slash", "/%2F%2Fexample.org"],
  ["encoded slashes, lower case", "/%2f/example.org"],
  ["encoded backslash", "/%5Cexample.org"],
  ["encoded tab", "/%09/example.org"],
  ["double-encoded tab", "/%2509/example.org"],
  ["malformed percent-encoding", "/%E0%A4%A"],
  ["full-width solidus", "／／example.org"],
  ["ideographic space", "/\u3000/example.org"],
  ["encoded ideographic space", "/%E3%80%80/example.org"],
  ["no-break space", "/\u00a0/example.org"],
  ["encoded no-break space", "/%C2%A0/example.org"],
  ["raw space", "/ /example.org"],
  ["zero-width space", "/\u200b/example.org"],
  ["right-to-left override", "/\u202e/gro.elpmaxe"],
  ["line separator", "/\u2028/example.org"],
  ["absolute https", "https://example.org"],
  ["absolute with own-looking path", "https://example.org/requests"],
  ["javascript", "javascript:alert(1)"],
  ["data", "data:text/html,hi"],
  ["relative path", "requests"],
  ["empty", ""],
];

const kept: [string, string][] = [
  ["home", "/"],
  ["a page", "/requests"],
  ["a page with a query", "/requests?status=submitted&page=2"],
  ["a page with a hash", "/engagements/abc#learning"],
  ["query and hash", "/offers?format=visit#results"],
  ["encoded characters in the query", "/learning?q=flow%20%26%20discharge"],
  ["a colon in the path", "/javascript:alert(1)"],
];

describe("redirects after sign-in", () => {
  it.each(offSite)("falls back to the home page for %s", (_name, value) => {
    expect(safeRedirect(value)).toBe("/");
  });

  it.each(kept)("keeps %s", (_name, value) => {
    expect(safeRedirect(value)).toBe(value);
  });

  it("falls back for what is not a string", () => {
    expect(safeRedirect(null)).toBe("/");
    expect(safeRedirect(undefined)).toBe("/");
  });

  it("always answers with something a Location header can carry", () => {
    for (const [, value] of [...offSite, ...kept, ["accented", "/café"]])
      expect(safeRedirect(value)).toMatch(/^\/[\x21-\x7e]*$/);
  });
});
