import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requirePermission } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { todayInEngland } from "~/lib/dates";
import { cachedDashboard } from "~/models/dashboard/cache.server";
import { dashboardCsv, isDashboardTable } from "~/models/dashboard/csv.server";
import { readDashboardRequest } from "~/models/dashboard/filters.server";

/** One dashboard table as a CSV download, for the same scope and filters as the page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, { action: "dashboard:view" });
  const table = params.table;
  if (!isDashboardTable(table)) throw notFound();
  const db = getDb();
  const today = todayInEngland();
  const read = await readDashboardRequest(db, actor, new URL(request.url).searchParams, today);
  if (!read.ok)
    return new Response(`${Object.values(read.errors).join("\n")}\n`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  const csv = dashboardCsv(table, await cachedDashboard(db, read.query));
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="peerlink-${table}-${today}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
