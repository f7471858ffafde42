import type { DashboardPageData } from "~/models/dashboard/dashboard.server";
import { CapabilitySection } from "./capability-section";
import { ImpactSections } from "./impact-section";
import { FunnelSection, LoadSection, RequestToMatchSection } from "./outreach-sections";

/** Every measure on the dashboard, in order, each with its CSV link carrying the same filters. */
export function DashboardSections({ dashboard, csvQuery }: { dashboard: DashboardPageData; csvQuery: string }) {
  const csv = (table: string) => `/dashboard/csv/${table}?${csvQuery}`;
  return (
    <>
      <FunnelSection funnel={dashboard.funnel} csvHref={csv("funnel")} />
      <RequestToMatchSection timing={dashboard.requestToMatch} csvHref={csv("request-to-match")} />
      <LoadSection load={dashboard.load} csvHref={csv("load")} />
      <CapabilitySection heatmap={dashboard.heatmap} csvHref={csv("heatmap")} />
      <ImpactSections impact={dashboard.impact} csvHref={csv} />
    </>
  );
}
