import type { Kysely } from "kysely";
import type { CoordinatorScope, Database } from "../../../db/schema";
import { can, type Actor } from "../../auth/policy";
import {
  overrideConsequence,
  type OverrideConsequence,
  type RoundProposalFacts,
} from "../../domain/override-consequence";
import { Forbidden, Refused } from "../../lib/errors";

interface RoundFacts {
  scope: CoordinatorScope;
  scope_code: string | null;
  quarter: string;
  proposals: RoundProposalFacts[];
}

/** Places left this quarter on each offer, after the matches already approved (the same count matching uses). */
export async function placesLeftThisQuarter(
  db: Kysely<Database>,
  offerIds: string[],
  quarter: string,
): Promise<Map<string, number>> {
  if (offerIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("offer")
    .leftJoin("offer_quarter_load as load", (join) =>
      join.onRef("load.offer_id", "=", "offer.id").on("load.quarter", "=", quarter),
    )
    .select(["offer.id", "offer.capacity_per_quarter", "load.approved"])
    .where("offer.id", "in", offerIds)
    .execute();
  return new Map(rows.map((r) => [r.id, Math.max(0, r.capacity_per_quarter - Number(r.approved ?? 0))]));
}

/**
 * What approving `offerId` for the proposal would do to the rest of the round, from the round's
 * proposals and the offers' places left now. Reads only: nothing changes until the override is saved.
 */
export async function previewOverride(
  db: Kysely<Database>,
  input: { coordinator: Actor; round: RoundFacts; proposalId: string; offerId: string },
): Promise<OverrideConsequence> {
  const { coordinator, round, proposalId, offerId } = input;
  if (!can(coordinator, { action: "round:view", round: { scope: round.scope, scopeCode: round.scope_code } }))
    throw new Forbidden("This round is outside your area");
  const proposal = round.proposals.find((p) => p.id === proposalId);
  if (!proposal) throw new Refused("That proposal is not part of this round");
  if (proposal.status !== "proposed" && proposal.status !== "unmatched")
    throw new Refused("This proposal has already been decided");
  const offerIds = new Set<string>();
  for (const p of round.proposals) {
    if (p.offer_id) offerIds.add(p.offer_id);
    for (const a of p.alternatives) offerIds.add(a.offerId);
  }
  const placesLeft = await placesLeftThisQuarter(db, [...offerIds], round.quarter);
  const consequence = overrideConsequence({ proposals: round.proposals, proposalId, offerId, placesLeft });
  if (!consequence) throw new Refused("Choose one of the alternatives listed for this request");
  return consequence;
}
