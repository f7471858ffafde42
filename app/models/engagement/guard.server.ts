import { assertCan, notFound, requireSignedIn } from "../../auth/guards.server";
import { getDb } from "../../db.server";
import { engagementRef } from "./core.server";
import { visibleEngagement } from "./engagements.server";
import { getSession } from "./sessions.server";

// Every engagement page starts here: who is asking, and the engagement if they may see it.

/** The signed-in viewer and the engagement, if they may see it; anyone else is told it does not exist. */
export async function requireVisibleEngagement(request: Request, id: string | undefined) {
  const { actor } = await requireSignedIn(request);
  const engagement = await visibleEngagement(getDb(), actor, id ?? "");
  if (!engagement) throw notFound("Engagement not found");
  return { actor, engagement };
}

/** As above, and the viewer acts in it (403 for a follower such as a coordinator). */
export async function requireWorkableEngagement(
  request: Request,
  id: string | undefined,
  action: "engagement:work" | "engagement:questionnaire" = "engagement:work",
) {
  const found = await requireVisibleEngagement(request, id);
  assertCan(found.actor, { action, engagement: engagementRef(found.engagement) });
  return found;
}

/** A session of an engagement the viewer may see; a session of another engagement does not exist here. */
export async function requireVisibleSession(request: Request, params: { id?: string; sessionId?: string }) {
  const found = await requireVisibleEngagement(request, params.id);
  const session = await getSession(getDb(), found.engagement.id, params.sessionId ?? "");
  if (!session) throw notFound("Session not found");
  return { ...found, session };
}
