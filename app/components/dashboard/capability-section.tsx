import { Heatmap } from "~/components/charts/heatmap";
import { formatNumber } from "~/domain/charts/scale";
import type { HeatmapRow } from "~/domain/charts/heatmap";
import { MATURITY_LEVELS } from "~/domain/maturity";
import type { DashboardPageData } from "~/models/dashboard/dashboard.server";
import { DashboardSection, Figure, NUMERIC_CELL, NUMERIC_HEADER } from "./section";

type CapabilityHeatmap = DashboardPageData["heatmap"];
type CapabilityMaturityRow = CapabilityHeatmap["rows"][number];

const nameOf = (row: CapabilityMaturityRow) => `${row.code} ${row.name}${row.retired ? " (retired)" : ""}`;

function mostOf(rows: CapabilityMaturityRow[], count: (row: CapabilityMaturityRow) => number) {
  return rows.reduce<CapabilityMaturityRow | null>(
    (best, row) => (count(row) > 0 && (best === null || count(row) > count(best)) ? row : best),
    null,
  );
}

function heatmapSummary(heatmap: CapabilityHeatmap): string {
  if (heatmap.assessedOrganisations === 0)
    return `None of the ${formatNumber(heatmap.organisations)} organisations in scope has assessed itself yet.`;
  const gap = mostOf(heatmap.rows, (r) => r.gaps);
  const strength = mostOf(heatmap.rows, (r) => r.strengths);
  const parts = [
    `${formatNumber(heatmap.assessedOrganisations)} of ${formatNumber(heatmap.organisations)} organisations in scope have assessed themselves.`,
  ];
  if (gap) parts.push(`The most common gap is ${gap.name} (${formatNumber(gap.gaps)} at level 2 or below).`);
  if (strength)
    parts.push(
      `The most common strength is ${strength.name} (${formatNumber(strength.strengths)} at level 4 or above).`,
    );
  return parts.join(" ");
}

/** Rows for the heatmap chart: a heading per domain, then its capabilities. */
function chartRows(rows: CapabilityMaturityRow[]): HeatmapRow[] {
  const out: HeatmapRow[] = [];
  let domain: string | null = null;
  for (const row of rows) {
    if (row.domainName !== domain) {
      domain = row.domainName;
      out.push({ kind: "group", label: domain });
    }
    out.push({ kind: "cells", label: nameOf(row), values: row.counts });
  }
  return out;
}

const byDomain = (rows: CapabilityMaturityRow[]) => {
  const groups: { domain: string; rows: CapabilityMaturityRow[] }[] = [];
  for (const row of rows) {
    const last = groups[groups.length - 1];
    if (last && last.domain === row.domainName) last.rows.push(row);
    else groups.push({ domain: row.domainName, rows: [row] });
  }
  return groups;
};

export function CapabilitySection({ heatmap, csvHref }: { heatmap: CapabilityHeatmap; csvHref: string }) {
  const summary = heatmapSummary(heatmap);
  const columns = 1 + MATURITY_LEVELS.length + 4;
  return (
    <DashboardSection
      id="heatmap"
      title="Improvement capability across organisations"
      csvHref={csvHref}
      summary={summary}
      explanation={
        <p>
          For each capability, how many open organisations in scope put themselves at each maturity level (1 not started
          to 5 exemplary) in their latest self-assessment, whenever it was made: this measure shows where things stand
          now, whatever the period chosen. A gap is level 2 or below; a strength is level 4 or above. Darker cells hold
          more organisations.
        </p>
      }
      chart={
        <Heatmap
          id="heatmap-chart"
          title="Organisations at each maturity level, by capability"
          description={summary}
          columns={MATURITY_LEVELS.map((l) => ({ label: String(l.value), sublabel: l.name }))}
          rows={chartRows(heatmap.rows)}
        />
      }
    >
      <div className="nhsuk-table-container">
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-table__caption--s">
            Organisations at each maturity level by capability, with the mean, gaps and strengths
          </caption>
          <thead>
            <tr>
              <th scope="col">Capability</th>
              {MATURITY_LEVELS.map((l) => (
                <th key={l.value} scope="col" className={NUMERIC_HEADER}>
                  {l.value}
                  <span className="nhsuk-u-visually-hidden"> {l.name}</span>
                </th>
              ))}
              <th scope="col" className={NUMERIC_HEADER}>
                Assessed
              </th>
              <th scope="col" className={NUMERIC_HEADER}>
                Mean
              </th>
              <th scope="col" className={NUMERIC_HEADER}>
                Gaps
              </th>
              <th scope="col" className={NUMERIC_HEADER}>
                Strengths
              </th>
            </tr>
          </thead>
          {byDomain(heatmap.rows).map((group) => (
            <tbody key={group.domain}>
              <tr>
                <th scope="colgroup" colSpan={columns}>
                  {group.domain}
                </th>
              </tr>
              {group.rows.map((row) => (
                <tr key={row.code}>
                  <th scope="row">{nameOf(row)}</th>
                  {row.counts.map((n, i) => (
                    <td key={i} className={NUMERIC_CELL}>
                      {formatNumber(n)}
                    </td>
                  ))}
                  <td className={NUMERIC_CELL}>{formatNumber(row.assessed)}</td>
                  <td className={NUMERIC_CELL}>
                    <Figure value={row.mean === null ? null : formatNumber(row.mean, 2)} missing="not assessed" />
                  </td>
                  <td className={NUMERIC_CELL}>{formatNumber(row.gaps)}</td>
                  <td className={NUMERIC_CELL}>{formatNumber(row.strengths)}</td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
    </DashboardSection>
  );
}
