import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { toSafeCsv, toSafeCsvRows } from "~/lib/csv-safety";
import { formatDateTimeInEngland, todayInEngland } from "~/lib/dates";
import { auditEventBatches } from "~/models/audit/events.server";
import { readAuditFilters } from "~/schemas/audit";

const HEADER = [
  "When (UTC)",
  "When (England)",
  "Event",
  "Who",
  "About whom",
  "Organisation",
  "From where",
  "What",
] as const;

/** Every event the audit page's filters match, as CSV written a batch at a time. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, { action: "audit:read" });
  const read = readAuditFilters(new URL(request.url).searchParams);
  if (!read.ok)
    return new Response(`${Object.values(read.errors).join("\n")}\n`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  const batches = auditEventBatches(getDb(), actor, read.filters);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(toSafeCsv(HEADER, [])));
    },
    async pull(controller) {
      const next = await batches.next();
      if (next.done) {
        controller.close();
        return;
      }
      const rows = next.value.map((e) => [
        e.occurredAt,
        formatDateTimeInEngland(e.occurredAt),
        e.kindLabel,
        e.who,
        e.about,
        e.organisation,
        e.clientAddress,
        e.detail,
      ]);
      controller.enqueue(encoder.encode(toSafeCsvRows(rows)));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="peerlink-audit-log-${todayInEngland()}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
