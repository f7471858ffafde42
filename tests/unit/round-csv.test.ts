import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { roundCsv } from "~/models/matching/round-csv.server";
import type { RoundDetail } from "~/models/matching/rounds.server";

type Proposal = RoundDetail["proposals"][number];

const proposal = (overrides: Partial<Proposal>): Proposal => ({
  id: "p1",
  request_id: "r1",
  offer_id: "o1",
  score: 81.6,
  unmatched_reason: null,
  status: "proposed",
  decided_at: null,
  decision_reason: null,
  decided_by_name: null,
  request_title: "SPC skills",
  request_organisation_name: "Barking Trust",
  offer_title: "Run charts in practice",
  offer_organisation_name: "East London Trust",
  match_id: null,
  match_status: null,
  preferred_offer_id: null,
  preferred_offer_title: null,
  preferred_offer_organisation_name: null,
  factors: [],
  alternatives: [],
  whatIf: null,
  ...overrides,
});

const round = (proposals: Proposal[]) => ({ quarter: "2027-Q1", proposals }) as RoundDetail;

describe("roundCsv", () => {
  it("writes one row per proposal and unmatched request, with the financial-year quarter and the state in words", () => {
    const rows = parse(
      roundCsv(
        round([
          proposal({ status: "approved", decided_by_name: "Priya Sharma", decision_reason: "Good fit" }),
          proposal({
            id: "p2",
            offer_id: null,
            offer_title: null,
            offer_organisation_name: null,
            score: null,
            status: "unmatched",
            unmatched_reason: "No offer within the travel limit",
          }),
        ]),
      ),
    ) as string[][];
    expect(rows).toEqual([
      [
        "Quarter",
        "Request",
        "Requesting trust",
        "Proposed offer",
        "Pioneer trust",
        "Fit score",
        "State",
        "Why",
        "Decided by",
      ],
      [
        "Q4 2026/27",
        "SPC skills",
        "Barking Trust",
        "Run charts in practice",
        "East London Trust",
        "82",
        "Approved",
        "Good fit",
        "Priya Sharma",
      ],
      ["Q4 2026/27", "SPC skills", "Barking Trust", "", "", "", "Unmatched", "No offer within the travel limit", ""],
    ]);
  });

  it("keeps a trust's typed text from running as a formula", () => {
    const [, row] = parse(roundCsv(round([proposal({ request_title: "=HYPERLINK(1)" })]))) as string[][];
    expect(row[1]).toBe("'=HYPERLINK(1)");
  });
});
