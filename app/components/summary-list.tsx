import type { ReactNode } from "react";

/** The NHS.UK summary list: label and value pairs, in order. */
export function SummaryList({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="nhsuk-summary-list">
      {rows.map(([key, value]) => (
        <div className="nhsuk-summary-list__row" key={key}>
          <dt className="nhsuk-summary-list__key">{key}</dt>
          <dd className="nhsuk-summary-list__value">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
