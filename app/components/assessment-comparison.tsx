import type { ReactNode } from "react";
import { maturityName, READINESS_LEVELS } from "~/domain/maturity";
import { formatDate } from "~/lib/dates";
import type { ComparisonRow, LatestAgainstPrevious } from "~/models/assessment/assessments.server";

const maturityText = (value: number | null) => (value === null ? "Not assessed" : `${value} ${maturityName(value)}`);
const readinessText = (value: number | null) =>
  value === null ? "Not assessed" : `${value} ${READINESS_LEVELS.find((l) => l.value === value)?.name ?? ""}`;

function changeText(change: number | null) {
  if (change === null) return "No comparison";
  if (change === 0) return "No change";
  const levels = Math.abs(change) === 1 ? "level" : "levels";
  return change > 0 ? `Up ${change} ${levels}` : `Down ${-change} ${levels}`;
}

function byDomain(rows: ComparisonRow[]): [string, ComparisonRow[]][] {
  const groups: [string, ComparisonRow[]][] = [];
  for (const row of rows) {
    const last = groups[groups.length - 1];
    if (last && last[0] === row.domainName) last[1].push(row);
    else groups.push([row.domainName, [row]]);
  }
  return groups;
}

function ComparisonTable({
  caption,
  firstHeader,
  withPrevious,
  previousOn,
  latestOn,
  children,
}: {
  caption: string;
  firstHeader: string;
  withPrevious: boolean;
  previousOn?: string;
  latestOn: string;
  children: ReactNode;
}) {
  return (
    <div className="nhsuk-table-container">
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">{caption}</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header nhsuk-u-width-one-half">
              {firstHeader}
            </th>
            {withPrevious && previousOn ? (
              <th scope="col" className="nhsuk-table__header">
                Previous ({formatDate(previousOn)})
              </th>
            ) : null}
            <th scope="col" className="nhsuk-table__header">
              Latest ({formatDate(latestOn)})
            </th>
            {withPrevious ? (
              <th scope="col" className="nhsuk-table__header">
                Change
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">{children}</tbody>
      </table>
    </div>
  );
}

/**
 * An organisation's latest self-assessment beside the one before it, per capability grouped by
 * domain, then readiness for change. Feed it the result of latestAgainstPrevious.
 */
export function AssessmentComparison({
  comparison,
  showEvidence = false,
}: {
  comparison: LatestAgainstPrevious;
  showEvidence?: boolean;
}) {
  const { latest, previous } = comparison;
  if (!latest) return <p>No self-assessment has been recorded yet.</p>;
  const withPrevious = previous !== null;
  return (
    <>
      {byDomain(comparison.rows).map(([domain, rows]) => (
        <ComparisonTable
          key={domain}
          caption={domain}
          firstHeader="Capability"
          withPrevious={withPrevious}
          previousOn={previous?.assessedOn}
          latestOn={latest.assessedOn}
        >
          {rows.map((row) => (
            <tr className="nhsuk-table__row" key={row.capabilityId}>
              <th scope="row" className="nhsuk-table__cell">
                {row.code} {row.name}
                {row.retired ? (
                  <>
                    {" "}
                    <strong className="nhsuk-tag nhsuk-tag--grey">Retired</strong>
                  </>
                ) : null}
                {showEvidence && row.evidence ? (
                  <span className="nhsuk-body-s nhsuk-u-secondary-text-colour nhsuk-u-display-block">
                    Evidence: {row.evidence}
                  </span>
                ) : null}
              </th>
              {withPrevious ? <td className="nhsuk-table__cell">{maturityText(row.previous)}</td> : null}
              <td className="nhsuk-table__cell">{maturityText(row.latest)}</td>
              {withPrevious ? <td className="nhsuk-table__cell">{changeText(row.change)}</td> : null}
            </tr>
          ))}
        </ComparisonTable>
      ))}
      {comparison.readiness.length > 0 ? (
        <ComparisonTable
          caption="Readiness for change"
          firstHeader="Factor"
          withPrevious={withPrevious}
          previousOn={previous?.assessedOn}
          latestOn={latest.assessedOn}
        >
          {comparison.readiness.map((row) => (
            <tr className="nhsuk-table__row" key={row.code}>
              <th scope="row" className="nhsuk-table__cell">
                {row.name}
              </th>
              {withPrevious ? <td className="nhsuk-table__cell">{readinessText(row.previous)}</td> : null}
              <td className="nhsuk-table__cell">{readinessText(row.latest)}</td>
              {withPrevious ? <td className="nhsuk-table__cell">{changeText(row.change)}</td> : null}
            </tr>
          ))}
        </ComparisonTable>
      ) : null}
    </>
  );
}
