import { redirect } from "@remix-run/node";
import { assertCan, notFound, requireSignedIn } from "../../auth/guards.server";
import { can } from "../../auth/policy";
import { getDb } from "../../db.server";
import { isEditable } from "../../domain/request-lifecycle";
import { getRequest } from "./queries.server";

// Every help request page starts here: who is asking, and the request if they may see it.

/** The request if the viewer may see it; a draft outside its own organisation does not exist for them. */
export async function requireVisibleRequest(request: Request, id: string | undefined) {
  const { actor } = await requireSignedIn(request);
  const found = await getRequest(getDb(), id ?? "");
  if (!found) throw notFound("Request not found");
  const organisation = { id: found.organisation_id, regionCode: found.region_code, icbCode: found.icb_code };
  const owner = can(actor, { action: "request:edit", organisation });
  if (found.status === "draft" && !owner) throw notFound("Request not found");
  assertCan(actor, { action: "request:view", organisation, submitted: found.status !== "draft" });
  const reviewer = can(actor, { action: "request:review", organisation });
  return { actor, found, owner, reviewer };
}

/** Only the owning organisation edits, and only while the request is a draft or waiting for more information. */
export async function requireEditableRequest(request: Request, id: string | undefined) {
  const { actor, found } = await requireVisibleRequest(request, id);
  assertCan(actor, { action: "request:edit", organisation: { id: found.organisation_id, regionCode: found.region_code, icbCode: found.icb_code } });
  if (!isEditable(found.status)) throw redirect(`/requests/${found.id}`);
  return { actor, found };
}
