import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireVisibleRound } from "~/models/matching/guard.server";
import { roundCsv } from "~/models/matching/round-csv.server";

/** A matching round as a CSV download, for whoever may see the round's page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { round } = await requireVisibleRound(request, params.id);
  return new Response(roundCsv(round), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="peerlink-matching-round-${round.created_at.slice(0, 10)}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
