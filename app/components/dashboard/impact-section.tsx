import { DivergingBarChart } from "~/components/charts/diverging-bar-chart";
import { formatChange, formatNumber } from "~/domain/charts/scale";
import type { ImpactRow, ImpactSummary } from "~/models/dashboard/dashboard.server";
import { DashboardSection, Figure, FiguresTable } from "./section";

const change = (value: number | null) => (value === null ? null : formatChange(value, 2));

function impactSummary(impact: ImpactSummary, scopeOfRows: string): string {
  if (impact.ended === 0) return "No engagements ended in this period.";
  const measured =
    impact.measured === 0 || impact.meanChange === null
      ? "none has been re-assessed yet"
      : `${formatNumber(impact.measured)} ${impact.measured === 1 ? "has" : "have"} been re-assessed, with a mean change of ${formatChange(impact.meanChange, 2)} maturity levels ${scopeOfRows}`;
  return `Of ${formatNumber(impact.ended)} engagement${impact.ended === 1 ? "" : "s"} that ended in the period, ${measured}; ${formatNumber(impact.awaiting)} ${
    impact.awaiting === 1 ? "is" : "are"
  } still awaiting re-assessment.`;
}

function ImpactTable({ caption, first, rows }: { caption: string; first: string; rows: ImpactRow[] }) {
  return (
    <FiguresTable
      caption={caption}
      empty="No engagements ended in this period."
      columns={[
        { header: first },
        { header: "Engagements measured", numeric: true },
        { header: "Mean change", numeric: true },
        { header: "Awaiting re-assessment", numeric: true },
      ]}
      rows={rows.map((r) => ({
        key: r.key,
        cells: [
          r.code ? `${r.code} ${r.label}` : r.label,
          formatNumber(r.measured),
          <Figure key="c" value={change(r.meanChange)} missing="not yet measured" />,
          formatNumber(r.awaiting),
        ],
      }))}
    />
  );
}

export function ImpactSections({
  impact,
  csvHref,
}: {
  impact: ImpactSummary;
  csvHref: (table: "impact-capability" | "impact-format") => string;
}) {
  const byCapability = impactSummary(impact, "on the capabilities they targeted");
  const byFormat = impactSummary(impact, "across the capabilities each targeted");
  const explanation = (
    <p>
      Engagements whose requesting organisation is in scope and that ended in the period. When the requesting
      organisation re-assesses itself, the change in maturity on the capabilities its request targeted is measured
      (points on the 1 to 5 scale). Engagements not yet re-assessed are counted as awaiting, not as no change. Only the
      capabilities and formats of those engagements are listed.
    </p>
  );
  return (
    <>
      <DashboardSection
        id="impact-capability"
        title="Impact by capability"
        csvHref={csvHref("impact-capability")}
        summary={byCapability}
        explanation={explanation}
        chart={
          impact.byCapability.length > 0 && (
            <DivergingBarChart
              id="impact-capability-chart"
              title="Mean change in maturity after engagements, by capability"
              description={byCapability}
              categories={impact.byCapability.map((r) => `${r.code} ${r.label}`)}
              values={impact.byCapability.map((r) => r.meanChange)}
              axisLabel="Mean change in maturity"
            />
          )
        }
      >
        <ImpactTable
          caption="Change in maturity by capability targeted"
          first="Capability"
          rows={impact.byCapability}
        />
      </DashboardSection>
      <DashboardSection
        id="impact-format"
        title="Impact by offer format"
        csvHref={csvHref("impact-format")}
        summary={byFormat}
        explanation={
          <p>
            The same engagements by the format of the offer that helped: each engagement&apos;s mean change over the
            capabilities it targeted.
          </p>
        }
        chart={
          impact.byFormat.length > 0 && (
            <DivergingBarChart
              id="impact-format-chart"
              title="Mean change in maturity after engagements, by offer format"
              description={byFormat}
              categories={impact.byFormat.map((r) => r.label)}
              values={impact.byFormat.map((r) => r.meanChange)}
              axisLabel="Mean change in maturity"
            />
          )
        }
      >
        <ImpactTable caption="Change in maturity by offer format" first="Offer format" rows={impact.byFormat} />
      </DashboardSection>
    </>
  );
}
