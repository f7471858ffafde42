import { notFound, requirePermission, requireSignedIn } from "../../auth/guards.server";
import { can } from "../../auth/policy";
import { proposalForCoordinator } from "../../domain/fit-wording";
import { getDb } from "../../db.server";
import { getMatch } from "./responses.server";
import { getRound } from "./rounds.server";

// The matching pages: a round for the coordinators whose area it covers, a match for its two trusts and their coordinators.

/** A round of the coordinator's own area, its explanations in a coordinator's words; any other round does not exist for them. */
export async function requireVisibleRound(request: Request, id: string | undefined) {
  const { actor } = await requirePermission(request, { action: "match:run" });
  const round = await getRound(getDb(), id ?? "");
  if (!round || !can(actor, { action: "round:view", round: { scope: round.scope, scopeCode: round.scope_code } }))
    throw notFound("Matching round not found");
  return { actor, round: { ...round, proposals: round.proposals.map(proposalForCoordinator) } };
}

/** The match if the viewer may see it; someone who may not is not told it exists. */
export async function requireVisibleMatch(request: Request, id: string | undefined) {
  const { actor } = await requireSignedIn(request);
  const match = await getMatch(getDb(), id ?? "");
  if (!match) throw notFound("Match not found");
  const requestOrganisation = {
    id: match.request_organisation_id,
    regionCode: match.request_region_code,
    icbCode: match.request_icb_code,
  };
  const offerOrganisation = {
    id: match.offer_organisation_id,
    regionCode: match.offer_region_code,
    icbCode: match.offer_icb_code,
  };
  if (!can(actor, { action: "match:view", requestOrganisation, offerOrganisation })) throw notFound("Match not found");
  return { actor, match, requestOrganisation, offerOrganisation };
}
