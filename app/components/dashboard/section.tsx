import type { ReactNode } from "react";

/**
 * One dashboard measure: what it means, its finding in a sentence, the chart, the numbers as a
 * table, and the same numbers to download.
 */
export function DashboardSection({
  id,
  title,
  explanation,
  summary,
  chart,
  csvHref,
  children,
}: {
  id: string;
  title: string;
  explanation: ReactNode;
  summary: string;
  /** Null when there is nothing to draw: the summary says so. */
  chart: ReactNode;
  csvHref: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className="nhsuk-u-margin-bottom-9">
      <h2 id={`${id}-heading`}>{title}</h2>
      <div className="nhsuk-body">{explanation}</div>
      <p className="nhsuk-body nhsuk-u-font-weight-bold">{summary}</p>
      {chart ? (
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds nhsuk-u-margin-bottom-5">{chart}</div>
        </div>
      ) : null}
      {children}
      <p>
        <a href={csvHref} download>
          Download CSV<span className="nhsuk-u-visually-hidden"> of {title.toLowerCase()}</span>
        </a>
      </p>
    </section>
  );
}

export interface Column {
  header: ReactNode;
  numeric?: boolean;
}

/** Right-aligned numbers, the one cell style the tables here need. */
export const NUMERIC_HEADER = "nhsuk-table__header--numeric";
export const NUMERIC_CELL = "nhsuk-table__cell--numeric";

/**
 * A table of figures: the first cell of each row names it. A missing figure is given as a dash
 * with words for screen readers, never as 0. Rows and cells carry only the NHS.UK classes that
 * style something (plain td and th are styled already), as these tables can run to many cells.
 */
export function FiguresTable({
  caption,
  columns,
  rows,
  empty = "None.",
}: {
  caption: string;
  columns: Column[];
  rows: { key: string; cells: ReactNode[] }[];
  empty?: string;
}) {
  return (
    <div className="nhsuk-table-container">
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col" className={c.numeric ? NUMERIC_HEADER : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length}>{empty}</td>
            </tr>
          ) : null}
          {rows.map((row) => (
            <tr key={row.key}>
              {row.cells.map((cell, i) =>
                i === 0 ? (
                  <th key={i} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={i} className={columns[i]?.numeric ? NUMERIC_CELL : undefined}>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A figure that may be missing: a dash that says "no data" to screen readers. */
export function Figure({ value, missing = "no data" }: { value: string | null; missing?: string }) {
  if (value !== null) return <>{value}</>;
  return (
    <>
      <span aria-hidden="true">–</span>
      <span className="nhsuk-u-visually-hidden">{missing}</span>
    </>
  );
}
