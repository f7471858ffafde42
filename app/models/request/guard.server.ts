import { assertCan, forbidden, notFound, requireSignedIn } from "../../auth/guards.server";
import { getDb } from "../../db.server";
import { getRequestFor } from "./queries.server";
import { editRefusal } from "./requests.server";

// Every help request page starts here: who is asking, and the request if they may see it.

/**
 * The request if the viewer may see it; a draft outside its own organisation does not exist for them.
 * A pioneer reading another trust's request gets it without its history (the conversation with
 * coordinators and staff names): the model leaves it out.
 */
export async function requireVisibleRequest(request: Request, id: string | undefined) {
  const { actor } = await requireSignedIn(request);
  const visible = await getRequestFor(getDb(), actor, id ?? "");
  if (visible.outcome === "not_found") throw notFound("Request not found");
  if (visible.outcome === "forbidden") throw forbidden();
  return { actor, found: visible.request, owner: visible.owner, reviewer: visible.reviewer };
}

/**
 * Only the owning organisation edits. `refusal` says why the request cannot be changed any more
 * (matched, or a match approved), for the page to show instead of the form.
 */
export async function requireEditableRequest(request: Request, id: string | undefined) {
  const { actor, found } = await requireVisibleRequest(request, id);
  assertCan(actor, {
    action: "request:edit",
    organisation: { id: found.organisation_id, regionCode: found.region_code, icbCode: found.icb_code },
  });
  const refusal = await editRefusal(getDb(), { id: found.id, status: found.status });
  return { actor, found, refusal };
}
