import { assertCan, notFound, requireSignedIn } from "../../auth/guards.server";
import { getDb } from "../../db.server";
import { getOrganisation } from "./organisations.server";

// The organisation pages: profiles are public within the service, editing is decided by the policy.

/** The facts the policy needs, from an organisation row. */
export const refOf = (o: { id: string; region_code: string | null; icb_code: string | null }) => ({
  id: o.id,
  regionCode: o.region_code,
  icbCode: o.icb_code,
});

export async function requireVisibleOrganisation(request: Request, id: string | undefined) {
  const { actor } = await requireSignedIn(request);
  const organisation = await getOrganisation(getDb(), id ?? "");
  if (!organisation) throw notFound("Organisation not found");
  assertCan(actor, { action: "organisation:view", organisation: refOf(organisation) });
  return { actor, organisation };
}

export async function requireEditableOrganisation(request: Request, id: string | undefined) {
  const { actor } = await requireSignedIn(request);
  const organisation = await getOrganisation(getDb(), id ?? "");
  if (!organisation) throw notFound("Organisation not found");
  assertCan(actor, { action: "organisation:edit", organisation: refOf(organisation) });
  return { actor, organisation };
}
