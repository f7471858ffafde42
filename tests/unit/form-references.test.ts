import { describe, expect, it } from "vitest";
import { parseForm } from "~/lib/forms";
import { organisationSchema } from "~/schemas/organisation";
import { pageSchema } from "~/schemas/page";

const references = { regionCodes: ["Y56", "Y60"], icbCodes: ["QMF"] };
const organisationForm = (overrides: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries({
    odsCode: "RWK",
    name: "East London NHS Foundation Trust",
    type: "mental_health",
    regionCode: "Y56",
    icbCode: "QMF",
    ...overrides,
  }))
    data.set(k, v);
  return data;
};

describe("organisation form references", () => {
  it("accepts known region and board codes, and no board", () => {
    expect(parseForm(organisationSchema(references), organisationForm({})).ok).toBe(true);
    expect(parseForm(organisationSchema(references), organisationForm({ icbCode: "" })).ok).toBe(true);
  });

  it("puts an unknown region or board code next to its field instead of reaching the database", () => {
    const result = parseForm(
      organisationSchema(references),
      organisationForm({ regionCode: "Y99", icbCode: "Q'; --" }),
    );
    expect(result).toMatchObject({
      ok: false,
      errors: { regionCode: expect.stringMatching(/region/), icbCode: expect.stringMatching(/integrated care board/) },
    });
  });
});

describe("page numbers from the address bar", () => {
  it.each(["99999999999999999999", "1e400", "-1", "0", "NaN", "2.5", "", "10001"])("reads %j as page 1", (page) => {
    expect(pageSchema.parse({ page })).toEqual({ page: 1 });
  });

  it("keeps a real page", () => {
    expect(pageSchema.parse({ page: "3" })).toEqual({ page: 3 });
    expect(pageSchema.parse({})).toEqual({ page: 1 });
  });
});
