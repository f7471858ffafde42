import { useEffect, useState } from "react";
import type { DashboardPageData } from "~/models/dashboard/dashboard.server";
import { DashboardSections } from "./sections";

const FIGURES_ID = "dashboard-figures";
const MAX_KEPT = 50;

/**
 * The figures' markup, rendered once per snapshot and filters on the server and handed from the
 * route's loader to the same request's render. Streaming a page of charts and tables element by
 * element costs several times more than the figures behind it, and every view of one snapshot
 * looks the same, so each view sends the markup made for the first. In the browser this stays empty.
 */
const markupByKey = new Map<string, string>();

/** Keeps the markup for `key`, rendering it only the first time; the oldest go once too many are kept. */
export function keepFiguresMarkup(key: string, render: () => string): void {
  if (markupByKey.has(key)) return;
  markupByKey.set(key, render());
  while (markupByKey.size > MAX_KEPT) markupByKey.delete(markupByKey.keys().next().value as string);
}

let hydrated = false;

/**
 * On the server, the kept markup. In the browser, while hydrating, the same markup read back from
 * the page; after a navigation in the browser, the sections rendered from the data as usual.
 */
export function DashboardFigures({
  dashboard,
  csvQuery,
  markupKey,
}: {
  dashboard: DashboardPageData;
  csvQuery: string;
  markupKey: string;
}) {
  const [markup] = useState(() => {
    if (typeof document === "undefined") return markupByKey.get(markupKey) ?? null;
    return hydrated ? null : (document.getElementById(FIGURES_ID)?.innerHTML ?? null);
  });
  useEffect(() => {
    hydrated = true;
  }, []);
  if (markup !== null) return <div id={FIGURES_ID} dangerouslySetInnerHTML={{ __html: markup }} />;
  return (
    <div id={FIGURES_ID}>
      <DashboardSections dashboard={dashboard} csvQuery={csvQuery} />
    </div>
  );
}
