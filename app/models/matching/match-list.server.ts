import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { organisationInScope } from "../../../db/portable";
import { matchState, type MatchState } from "../../domain/match-state";
import type { MatchScope } from "./facts.server";

/**
 * The matches of requests in a coordinator's scope (administrators pass the national scope),
 * sorted into the states a coordinator acts on. Oldest approval first within each state.
 */
export async function matchesInScope(db: Kysely<Database>, scope: MatchScope, now: string) {
  const rows = await db
    .selectFrom("outreach_match")
    .innerJoin("help_request", "help_request.id", "outreach_match.request_id")
    .innerJoin("organisation as requester", "requester.id", "help_request.organisation_id")
    .innerJoin("offer", "offer.id", "outreach_match.offer_id")
    .innerJoin("organisation as pioneer", "pioneer.id", "offer.organisation_id")
    .select([
      "outreach_match.id",
      "outreach_match.status",
      "outreach_match.quarter",
      "outreach_match.approved_at",
      "outreach_match.answer_due_at",
      "outreach_match.responded_at",
      "help_request.title as request_title",
      "requester.name as request_organisation_name",
      "offer.title as offer_title",
      "pioneer.name as offer_organisation_name",
    ])
    .where(organisationInScope(scope, "requester"))
    .orderBy("outreach_match.approved_at")
    .orderBy("outreach_match.id")
    .execute();
  const grouped: Record<MatchState, typeof rows> = { waiting: [], late: [], accepted: [], declined: [] };
  for (const row of rows) grouped[matchState(row, now)].push(row);
  return grouped;
}
