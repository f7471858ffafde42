import { funnelRows, loadPercent } from "../../domain/dashboard";
import { MATURITY_LEVELS } from "../../domain/maturity";
import { toSafeCsv, type CsvValue } from "../../lib/csv-safety";
import type { DashboardSnapshot } from "./dashboard.server";
import { quarterLabel } from "../../lib/dates";

// Each dashboard table as a CSV download: the same figures as the page, with every row the page leaves out.

const TABLES = {
  funnel: (s: DashboardSnapshot) => ({
    header: ["Step", "Requests", "Percentage of submitted", "Percentage of previous step"],
    rows: funnelRows(s.funnel).map((r): CsvValue[] => [r.label, r.requests, r.ofSubmitted, r.ofPrevious]),
  }),
  "request-to-match": (s: DashboardSnapshot) => ({
    header: ["Quarter of approval", "Requests matched", "Median days", "90th percentile days"],
    rows: s.requestToMatch.byQuarter.map((r): CsvValue[] => [
      quarterLabel(r.quarter),
      r.matches,
      r.medianDays,
      r.p90Days,
    ]),
  }),
  load: (s: DashboardSnapshot) => ({
    header: [
      "Organisation",
      "Offer",
      "Offer status",
      "Quarter",
      "Places approved",
      "Capacity per quarter",
      "Percentage of capacity",
    ],
    rows: s.load.offers.map((o): CsvValue[] => [
      o.organisationName,
      o.title,
      o.status,
      quarterLabel(s.load.quarter),
      o.approved,
      o.capacity,
      loadPercent(o),
    ]),
  }),
  heatmap: (s: DashboardSnapshot) => ({
    header: [
      "Domain",
      "Capability code",
      "Capability",
      ...MATURITY_LEVELS.map((l) => `Level ${l.value} (${l.name.toLowerCase()})`),
      "Organisations assessed",
      "Mean maturity",
      "Gaps (level 2 or below)",
      "Strengths (level 4 or above)",
    ],
    rows: s.heatmap.rows.map((r): CsvValue[] => [
      r.domainName,
      r.code,
      r.name,
      ...r.counts,
      r.assessed,
      r.mean,
      r.gaps,
      r.strengths,
    ]),
  }),
  "impact-capability": (s: DashboardSnapshot) => ({
    header: [
      "Capability code",
      "Capability",
      "Engagements measured",
      "Mean change in maturity",
      "Engagements awaiting re-assessment",
    ],
    rows: s.impact.byCapability.map((r): CsvValue[] => [r.code, r.label, r.measured, r.meanChange, r.awaiting]),
  }),
  "impact-format": (s: DashboardSnapshot) => ({
    header: ["Offer format", "Engagements measured", "Mean change in maturity", "Engagements awaiting re-assessment"],
    rows: s.impact.byFormat.map((r): CsvValue[] => [r.label, r.measured, r.meanChange, r.awaiting]),
  }),
} satisfies Record<string, (s: DashboardSnapshot) => { header: string[]; rows: CsvValue[][] }>;

export type DashboardTable = keyof typeof TABLES;

export const DASHBOARD_TABLES = Object.keys(TABLES) as DashboardTable[];

export const isDashboardTable = (name: string | undefined): name is DashboardTable =>
  name !== undefined && Object.hasOwn(TABLES, name);

/** The table as CSV text with a header row; missing figures are empty cells, never zeros. */
export function dashboardCsv(table: DashboardTable, snapshot: DashboardSnapshot): string {
  const { header, rows } = TABLES[table](snapshot);
  return toSafeCsv(header, rows);
}
