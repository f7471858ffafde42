import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { DashboardPageData } from "~/models/dashboard/dashboard.server";
import { DashboardSections } from "./sections";

/** The dashboard's sections as markup, for DashboardFigures to send as one piece. */
export function dashboardSectionsHtml(dashboard: DashboardPageData, csvQuery: string): string {
  return renderToStaticMarkup(createElement(DashboardSections, { dashboard, csvQuery }));
}
