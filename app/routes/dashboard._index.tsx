import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { DashboardFigures, keepFiguresMarkup } from "~/components/dashboard/figures";
import { DashboardFilters } from "~/components/dashboard/filters";
import { OneMorePlaceSection } from "~/components/round-insights";
import { dashboardSectionsHtml } from "~/components/dashboard/sections-html.server";
import { getDb } from "~/db.server";
import { formatDate, formatDateInEngland, formatTimeInEngland, todayInEngland } from "~/lib/dates";
import { cachedDashboard, dashboardCacheTtlMs } from "~/models/dashboard/cache.server";
import { readDashboardRequest } from "~/models/dashboard/filters.server";
import { dashboardForPage } from "~/models/dashboard/dashboard.server";
import { latestRoundPlaceInsights } from "~/models/matching/insights.server";

export const meta: MetaFunction = () => [{ title: "Dashboard - Peerlink" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, { action: "dashboard:view" });
  const db = getDb();
  const read = await readDashboardRequest(db, actor, new URL(request.url).searchParams, todayInEngland());
  if (!read.ok)
    return json(
      { ok: false as const, errors: read.errors, values: read.values, regions: read.regions },
      { status: 400 },
    );
  const snapshot = await cachedDashboard(db, read.query);
  const values = { from: read.filters.from, to: read.filters.to, region: read.filters.region ?? "" };
  const csvQuery = new URLSearchParams({
    from: values.from,
    to: values.to,
    ...(values.region ? { region: values.region } : {}),
  }).toString();
  const dashboard = dashboardForPage(snapshot);
  // One key per snapshot and filters: views of the same snapshot share one rendering of the figures.
  const markupKey = JSON.stringify([snapshot.asOf, read.query, csvQuery]);
  keepFiguresMarkup(markupKey, () => dashboardSectionsHtml(dashboard, csvQuery));
  // A coordinator also sees whom to ask for more places, from the newest round of their area.
  const places = actor.scope ? await latestRoundPlaceInsights(db, { actor }) : null;
  return json({
    places,
    ok: true as const,
    values,
    regions: read.regions,
    scopeName: snapshot.scopeName,
    asOf: snapshot.asOf,
    cacheSeconds: Math.round(dashboardCacheTtlMs() / 1000),
    dashboard,
    csvQuery,
    markupKey,
  });
}

export default function Dashboard() {
  const data = useLoaderData<typeof loader>();
  if (!data.ok) {
    return (
      <>
        <h1>Dashboard</h1>
        <DashboardFilters values={data.values} errors={data.errors} regions={data.regions} />
      </>
    );
  }
  const { values, regions, scopeName, cacheSeconds, dashboard, csvQuery, markupKey, places } = data;
  return (
    <>
      <span className="nhsuk-caption-l">{scopeName}</span>
      <h1>Dashboard</h1>
      <p className="nhsuk-lede-text">
        How outreach is going for the organisations in {scopeName}, from {formatDate(values.from)} to{" "}
        {formatDate(values.to)}.
      </p>
      <DashboardFilters values={values} regions={regions} />
      <div className="nhsuk-inset-text">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <p>
          Figures as of {formatTimeInEngland(data.asOf)} on {formatDateInEngland(data.asOf)}
          {cacheSeconds > 0
            ? `. They are kept for up to ${cacheSeconds} seconds, so a change made since may take that long to show.`
            : "."}
        </p>
      </div>
      <DashboardFigures key={markupKey} dashboard={dashboard} csvQuery={csvQuery} markupKey={markupKey} />
      {places ? (
        <>
          <OneMorePlaceSection places={places.places} />
          <p>
            <Link to={`/matching/rounds/${places.roundId}`}>The round these places come from</Link>
          </p>
        </>
      ) : null}
    </>
  );
}
