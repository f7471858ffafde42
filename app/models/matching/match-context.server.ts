import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { fitTextFor, type FitReader } from "../../domain/fit-wording";
import { maturityName } from "../../domain/maturity";
import type { Factor } from "../../matching/types";
import { getRequest, latestAssessmentScores } from "../request/queries.server";

/**
 * What the pioneer needs to decide on a match: the request in full with the requester's latest
 * maturity on each capability asked for, the round's fit explanation in the reader's words, and
 * who wrote the request, to contact.
 */
export async function matchRequestContext(
  db: Kysely<Database>,
  match: { request_id: string; proposal_id: string | null; request_organisation_name: string },
  reader: FitReader,
) {
  const request = await getRequest(db, match.request_id);
  if (!request) return undefined;
  const [scores, author, proposal] = await Promise.all([
    latestAssessmentScores(db, request.organisation_id),
    db.selectFrom("app_user").select(["name", "email"]).where("id", "=", request.created_by).executeTakeFirst(),
    match.proposal_id
      ? db
          .selectFrom("match_proposal")
          .select("explanation_json")
          .where("id", "=", match.proposal_id)
          .executeTakeFirst()
      : undefined,
  ]);
  const level = new Map(scores.map((s) => [s.capabilityId, s.maturity]));
  const capabilities = request.capabilities.map((c) => ({
    ...c,
    name: level.has(c.id)
      ? `${c.name}: their team assessed itself as ${maturityName(level.get(c.id)!).toLowerCase()}`
      : `${c.name}: not yet assessed by their team`,
  }));
  const factors = proposal
    ? (JSON.parse(proposal.explanation_json) as Factor[])
        // A coordinator's flag of the requesting trust (greatest need) stays with coordinators.
        .filter((f) => reader === "coordinator" || f.key !== "need")
        .map((f) => ({
          label: f.label,
          text: fitTextFor(reader, f.text, match.request_organisation_name),
        }))
    : [];
  return {
    request: { ...request, capabilities },
    assessedOn: scores[0]?.assessedOn ?? null,
    author: author ?? null,
    factors,
  };
}
