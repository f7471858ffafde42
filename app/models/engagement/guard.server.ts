import { getDb } from "../../db.server";
import { visibleEngagement } from "./engagements.server";
import { notFound, requireSignedIn } from "../../auth/guards.server";

/** The signed-in viewer and the engagement, if they may see it; anyone else is told it does not exist. */
export async function requireVisibleEngagement(request: Request, id: string | undefined) {
  const { actor } = await requireSignedIn(request);
  const engagement = await visibleEngagement(getDb(), actor, id ?? "");
  if (!engagement) throw notFound();
  return { actor, engagement };
}
