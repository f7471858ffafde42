import { BarChart } from "~/components/charts/bar-chart";
import { FunnelChart } from "~/components/charts/funnel-chart";
import { funnelRows, loadPercent, type FunnelCounts } from "~/domain/dashboard";
import { formatNumber } from "~/domain/charts/scale";
import type { DashboardPageData } from "~/models/dashboard/dashboard.server";
import { DashboardSection, Figure, FiguresTable } from "./section";
import { quarterLabel } from "~/lib/dates";

const percent = (value: number | null) => (value === null ? null : `${formatNumber(value, 1)}%`);
const plural = (n: number, one: string, many = `${one}s`) => `${formatNumber(n)} ${n === 1 ? one : many}`;

function funnelSummary(counts: FunnelCounts): string {
  if (counts.submitted === 0) return "No requests were submitted in this period.";
  const rows = funnelRows(counts);
  return `Of ${plural(counts.submitted, "request")} submitted, ${formatNumber(counts.matched)} (${percent(rows[1].ofSubmitted)}) were matched and ${formatNumber(counts.reassessed)} (${percent(
    rows[4].ofSubmitted,
  )}) have been re-assessed.`;
}

export function FunnelSection({ funnel, csvHref }: { funnel: FunnelCounts; csvHref: string }) {
  const rows = funnelRows(funnel);
  const summary = funnelSummary(funnel);
  return (
    <DashboardSection
      id="funnel"
      title="From request to measured change"
      csvHref={csvHref}
      summary={summary}
      explanation={
        <p>
          Requests submitted in the period by organisations in scope, and how many went on to each later step: a match
          approved by a coordinator (and not since declined or cancelled), a session recorded as held, learning
          recorded, and a re-assessment that measured the change. Each step counts requests that also reached every step
          before it.
        </p>
      }
      chart={
        <FunnelChart
          id="funnel-chart"
          title="Requests reaching each step"
          description={summary}
          steps={rows.map((r) => ({
            label: r.label,
            value: r.requests,
            note: r.ofSubmitted === null ? undefined : `(${percent(r.ofSubmitted)})`,
          }))}
        />
      }
    >
      <FiguresTable
        caption="Requests reaching each step"
        columns={[
          { header: "Step" },
          { header: "Requests", numeric: true },
          { header: "Of submitted", numeric: true },
          { header: "Of the step before", numeric: true },
        ]}
        rows={rows.map((r) => ({
          key: r.key,
          cells: [
            r.label,
            formatNumber(r.requests),
            <Figure key="s" value={percent(r.ofSubmitted)} />,
            <Figure key="p" value={percent(r.ofPrevious)} missing="not applicable" />,
          ],
        }))}
      />
    </DashboardSection>
  );
}

type Timing = DashboardPageData["requestToMatch"];
const days = (value: number | null) => (value === null ? null : formatNumber(value, 1));

function timingSummary(timing: Timing): string {
  const { overall } = timing;
  if (overall.matches === 0 || overall.medianDays === null || overall.p90Days === null)
    return "No request had its first match approved in this period.";
  return `Across ${plural(overall.matches, "request")} first matched in the period, the median wait from submission to an approved match was ${formatNumber(
    overall.medianDays,
    1,
  )} days, and 9 in 10 waited ${formatNumber(overall.p90Days, 1)} days or less.`;
}

export function RequestToMatchSection({ timing, csvHref }: { timing: Timing; csvHref: string }) {
  const summary = timingSummary(timing);
  return (
    <DashboardSection
      id="request-to-match"
      title="Time from request to approved match"
      csvHref={csvHref}
      summary={summary}
      explanation={
        <p>
          Days from a request being submitted to its first match being approved, by the quarter the match was approved
          in. The median is the middle wait; the 90th percentile is the wait that 9 in 10 requests did not exceed, which
          shows how long the slowest requests wait.
        </p>
      }
      chart={
        <BarChart
          id="request-to-match-chart"
          title="Median and 90th percentile days to an approved match, by quarter"
          description={summary}
          categories={timing.byQuarter.map((q) => quarterLabel(q.quarter))}
          series={[
            { name: "Median", values: timing.byQuarter.map((q) => q.medianDays) },
            { name: "90th percentile", values: timing.byQuarter.map((q) => q.p90Days), outlined: true },
          ]}
          formatValue={(v) => `${formatNumber(v, 1)} days`}
          missingLabel="no matches"
          axisLabel="Days"
          labelWidth={90}
        />
      }
    >
      <FiguresTable
        caption="Days from submission to first approved match, by quarter of approval"
        columns={[
          { header: "Quarter" },
          { header: "Requests matched", numeric: true },
          { header: "Median days", numeric: true },
          { header: "90th percentile days", numeric: true },
        ]}
        rows={timing.byQuarter.map((q) => ({
          key: q.quarter,
          cells: [
            quarterLabel(q.quarter),
            formatNumber(q.matches),
            <Figure key="m" value={days(q.medianDays)} />,
            <Figure key="p" value={days(q.p90Days)} />,
          ],
        }))}
      />
    </DashboardSection>
  );
}

type Load = DashboardPageData["load"];

function loadSummary(load: Load): string {
  if (load.total === 0) return `No offers from pioneers in scope are open in ${quarterLabel(load.quarter)}.`;
  const busiest = load.offers[0];
  const offers = `${formatNumber(load.total)} offer${load.total === 1 ? "" : "s"}`;
  const full =
    load.full === 0
      ? `None of the ${offers} is full`
      : `${formatNumber(load.full)} of ${offers} ${load.full === 1 ? "is" : "are"} full`;
  return `${full} in ${quarterLabel(load.quarter)}; the busiest is "${busiest.title}" from ${busiest.organisationName}, with ${formatNumber(busiest.approved)} of ${plural(busiest.capacity, "place")} approved.`;
}

export function LoadSection({ load, csvHref }: { load: Load; csvHref: string }) {
  const summary = loadSummary(load);
  // The page gets only the busiest offers; the chart and the table show the same ones.
  const shown = load.offers;
  return (
    <DashboardSection
      id="load"
      title="Pioneer load against capacity"
      csvHref={csvHref}
      summary={summary}
      explanation={
        <p>
          Places approved this quarter ({quarterLabel(load.quarter)}) on each offer from pioneer organisations in scope,
          against the places the offer has each quarter. Offers are listed busiest first, by the share of their places
          taken. This measure is always for the current quarter, whatever the period chosen.
        </p>
      }
      chart={
        shown.length > 0 && (
          <BarChart
            id="load-chart"
            title={`Places approved against capacity, ${quarterLabel(load.quarter)}, the ${shown.length} busiest offers`}
            description={summary}
            categories={shown.map((o) => o.title)}
            series={[
              { name: "Places approved", values: shown.map((o) => o.approved) },
              { name: "Places each quarter", values: shown.map((o) => o.capacity), outlined: true },
            ]}
            overlay={{ rowLabel: (i) => `${formatNumber(shown[i].approved)} of ${formatNumber(shown[i].capacity)}` }}
            integer
            axisLabel="Places"
            labelWidth={260}
          />
        )
      }
    >
      <FiguresTable
        caption={`Offers by share of capacity taken, ${quarterLabel(load.quarter)}`}
        empty="No offers from pioneers in scope."
        columns={[
          { header: "Offer" },
          { header: "Organisation" },
          { header: "Places approved", numeric: true },
          { header: "Capacity", numeric: true },
          { header: "Taken", numeric: true },
        ]}
        rows={load.offers.map((o, i) => ({
          key: String(i),
          cells: [
            o.status === "published" ? o.title : `${o.title} (${o.status})`,
            o.organisationName,
            formatNumber(o.approved),
            formatNumber(o.capacity),
            <Figure key="t" value={percent(loadPercent(o))} missing="no places offered" />,
          ],
        }))}
      />
      {load.total > load.offers.length ? (
        <p className="nhsuk-body-s">
          Showing the {load.offers.length} busiest of {formatNumber(load.total)} offers. The CSV lists them all.
        </p>
      ) : null}
    </DashboardSection>
  );
}
