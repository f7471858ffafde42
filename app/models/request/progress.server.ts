import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import {
  requestProgress,
  unmatchedReasonForRequester,
  type LatestMatch,
  type LatestProposal,
  type RequestProgress,
} from "../../domain/request-progress";
import type { TimelineEvent } from "../../components/request-timeline";
import { whatIfForRequester, type StoredWhatIf } from "../../domain/what-if-words";

type Db = Kysely<Database>;

export interface ProgressOf {
  progress: RequestProgress;
  /** Set when the latest round left the request unmatched, in the requester's words. */
  unmatchedReason: string | null;
  /** With it, the smallest change of the request's own that would have matched it, in the requester's words. */
  whatIf: string | null;
}

/** Where each request stands, from its row and its latest proposal and match: three queries whatever the number of requests. */
export async function progressOfRequests(db: Db, requestIds: string[]): Promise<Record<string, ProgressOf>> {
  if (requestIds.length === 0) return {};
  const [requests, proposals, matches] = await Promise.all([
    db.selectFrom("help_request").select(["id", "status"]).where("id", "in", requestIds).execute(),
    db
      .selectFrom("match_proposal")
      .innerJoin("match_round", "match_round.id", "match_proposal.round_id")
      .select([
        "match_proposal.request_id",
        "match_proposal.status",
        "match_proposal.unmatched_reason",
        "match_proposal.what_if_json",
        "match_round.created_at",
      ])
      .where("match_proposal.request_id", "in", requestIds)
      .orderBy("match_round.created_at")
      .orderBy("match_proposal.id")
      .execute(),
    db
      .selectFrom("outreach_match")
      .select(["request_id", "status", "approved_at"])
      .where("request_id", "in", requestIds)
      .orderBy("approved_at")
      .orderBy("id")
      .execute(),
  ]);
  // Ordered oldest first, so the last one written for a request is its latest.
  const latestProposal = new Map<string, LatestProposal>();
  const latestWhatIf = new Map<string, string | null>();
  for (const p of proposals) {
    latestProposal.set(p.request_id, { status: p.status, at: p.created_at, unmatchedReason: p.unmatched_reason });
    latestWhatIf.set(p.request_id, p.what_if_json);
  }
  const latestMatch = new Map<string, LatestMatch>();
  for (const m of matches) latestMatch.set(m.request_id, { status: m.status, approvedAt: m.approved_at });
  return Object.fromEntries(
    requests.map((r) => {
      const proposal = latestProposal.get(r.id) ?? null;
      const progress = requestProgress(r.status, proposal, latestMatch.get(r.id) ?? null);
      const whatIf = progress === "unmatched" ? (latestWhatIf.get(r.id) ?? null) : null;
      return [
        r.id,
        {
          progress,
          unmatchedReason:
            progress === "unmatched" ? unmatchedReasonForRequester(proposal?.unmatchedReason ?? null) : null,
          whatIf: whatIf === null ? null : whatIfForRequester(JSON.parse(whatIf) as StoredWhatIf),
        },
      ];
    }),
  );
}

export async function progressOfRequest(db: Db, requestId: string): Promise<ProgressOf> {
  return (
    (await progressOfRequests(db, [requestId]))[requestId] ?? {
      progress: "submitted",
      unmatchedReason: null,
      whatIf: null,
    }
  );
}

/**
 * What matching did with the request, as timeline entries: each round that proposed it or left it
 * unmatched, each approval, and each decline or taking back. The offer is named only once approved.
 */
export async function matchingTimeline(db: Db, requestId: string): Promise<TimelineEvent[]> {
  const [proposals, matches] = await Promise.all([
    db
      .selectFrom("match_proposal")
      .innerJoin("match_round", "match_round.id", "match_proposal.round_id")
      .select([
        "match_proposal.id",
        "match_proposal.status",
        "match_proposal.unmatched_reason",
        "match_proposal.offer_id",
        "match_round.quarter",
        "match_round.created_at",
      ])
      .where("match_proposal.request_id", "=", requestId)
      .execute(),
    db
      .selectFrom("outreach_match")
      .innerJoin("offer", "offer.id", "outreach_match.offer_id")
      .innerJoin("organisation as pioneer", "pioneer.id", "offer.organisation_id")
      .innerJoin("app_user as approver", "approver.id", "outreach_match.approved_by")
      .leftJoin("app_user as responder", "responder.id", "outreach_match.responded_by")
      .select([
        "outreach_match.id",
        "outreach_match.status",
        "outreach_match.approved_at",
        "outreach_match.approval_reason",
        "outreach_match.responded_at",
        "outreach_match.response_reason",
        "pioneer.name as pioneer_name",
        "approver.name as approver_name",
        "responder.name as responder_name",
      ])
      .where("outreach_match.request_id", "=", requestId)
      .execute(),
  ]);
  const entries: TimelineEvent[] = [];
  for (const p of proposals) {
    const unmatched = p.offer_id === null;
    entries.push({
      id: `proposal-${p.id}`,
      from_status: null,
      to_status: "submitted",
      title: unmatched
        ? `Not matched in the ${p.quarter} matching round`
        : `Proposed for a match in the ${p.quarter} matching round`,
      note: unmatched ? unmatchedReasonForRequester(p.unmatched_reason) : "",
      created_at: p.created_at,
      actor_name: "Matching round",
    });
  }
  for (const m of matches) {
    entries.push({
      id: `match-${m.id}`,
      from_status: null,
      to_status: "submitted",
      title: `Match with ${m.pioneer_name} approved, waiting for their answer`,
      note: m.approval_reason,
      created_at: m.approved_at,
      actor_name: m.approver_name,
    });
    if (m.responded_at && (m.status === "declined" || m.status === "cancelled" || m.status === "lapsed")) {
      entries.push({
        id: `match-${m.id}-answer`,
        from_status: null,
        to_status: "submitted",
        title:
          m.status === "declined"
            ? `Declined by ${m.pioneer_name}, back in matching`
            : m.status === "lapsed"
              ? "Match lapsed as it was not answered in time, back in matching"
              : "Match taken back as it was not answered in time, back in matching",
        note: m.response_reason ?? "",
        created_at: m.responded_at,
        actor_name: m.responder_name ?? "A coordinator",
      });
    }
  }
  return entries;
}
