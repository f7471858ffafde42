import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { requireVisibleEngagement } from "~/models/engagement/guard.server";
import { sessionCalendarFile } from "~/models/engagement/session-calendar.server";

/** The session's calendar invitation as a file, for anyone who may see the engagement. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { engagement } = await requireVisibleEngagement(request, params.id);
  const sessionId = params.sessionId ?? "";
  const ics = await sessionCalendarFile(getDb(), engagement, sessionId);
  if (!ics) throw notFound();
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="peerlink-session-${sessionId.replace(/[^A-Za-z0-9_-]/g, "")}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
}
