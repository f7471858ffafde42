import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { can, type Actor } from "../../auth/policy";
import { DEFAULT_WEIGHTS, proposeRound, relaxationCounts, withRelaxationHint } from "../../matching/index";
import type { Weights } from "../../matching/weights";
import type { Alternative, Factor, Unmatched } from "../../matching/types";
import { matchedIfTheyWaited, whatIfsForUnmatched, type WhatIf } from "../../matching/what-if";
import { whereOneMorePlaceHelps, type OneMorePlace } from "../../matching/insights";
import type { StoredWhatIf } from "../../domain/what-if-words";
import { newId } from "../../lib/ids";
import { addDays, daysBetween, nextQuarter, nowIso, quarterStart } from "../../lib/dates";
import { loadMatchingFacts, offersInQuarter, type MatchScope } from "./facts.server";
import { worstOff, type WorstOff } from "../../matching/need";
import { Forbidden } from "../../lib/errors";
import { actorIdOf, recordAuditEvent } from "../audit/record.server";

export interface RoundSummary {
  requests: number;
  offers: number;
  proposed: number;
  pinned: number;
  unmatched: number;
  totalScore: number;
  greedyMatched: number;
  /** Set when the round took only requests back in matching, leaving waiting proposals as they were. */
  returnedOnly?: boolean;
  /** Whether the round gave priority to greatest need (absent in rounds run before the option). */
  needPriority?: boolean;
  /** How the worst-off requests fared as run, and with the option the other way (one extra exact solve). */
  worstOff?: { asRun: WorstOff; otherWay: WorstOff };
}

const INSERT_BATCH = 200;
/**
 * How long a round spends on what-ifs: each is exact but solves the round again per change, so a
 * national round with many unmatched requests would otherwise keep its coordinator waiting minutes.
 */
const WHAT_IF_BUDGET_MS = 5_000;
/** How many offers "where one more place would help" names. */
const ONE_MORE_PLACE_LIMIT = 5;

/**
 * Proposes matches for every open request in the coordinator's scope and stores the round: one
 * proposal row per request (an offer, or the reason none was found). Proposals of earlier rounds
 * in the same scope that nobody decided on are superseded. Capacity already taken this quarter
 * counts; it is enforced again when a proposal is approved. A round for returned requests only
 * leaves out requests whose proposal still waits for a decision, keeps those proposals and the
 * places they would take, and takes the rest: requests whose match was declined, taken back or
 * lapsed, and requests never proposed or left unmatched.
 */
export async function runRound(
  db: Kysely<Database>,
  input: {
    coordinator: Actor;
    quarter: string;
    today: string;
    clientAddress?: string | null;
    /** Only requests back in matching or never proposed; proposals still waiting are kept, with their places. */
    returnedOnly?: boolean;
    needPriority?: boolean;
  },
): Promise<{ id: string; summary: RoundSummary }> {
  const { coordinator, quarter, today } = input;
  const returnedOnly = input.returnedOnly ?? false;
  if (!coordinator.scope || !can(coordinator, { action: "match:run" }))
    throw new Forbidden("Only coordinators run matching rounds");
  const scope: MatchScope = coordinator.scope;
  const facts = await loadMatchingFacts(db, { scope, quarter, today, returnedOnly });
  const needPriority = input.needPriority === true;
  const roundInput = { ...facts, weights: DEFAULT_WEIGHTS, needPriority };
  const result = proposeRound(roundInput);
  const otherWay = proposeRound({ ...roundInput, needPriority: !needPriority });
  const places = whereOneMorePlaceHelps(roundInput, ONE_MORE_PLACE_LIMIT);
  const summary: RoundSummary = {
    requests: facts.requests.length,
    offers: facts.offers.length,
    proposed: result.proposals.length,
    pinned: result.proposals.filter((p) => p.pinned).length,
    unmatched: result.unmatched.length,
    totalScore: result.totalScore,
    greedyMatched: result.greedyMatched,
    ...(returnedOnly ? { returnedOnly } : {}),
    needPriority,
    worstOff: {
      asRun: worstOff(facts.requests, result.proposals),
      otherWay: worstOff(facts.requests, otherWay.proposals),
    },
  };
  const requestsById = new Map(facts.requests.map((r) => [r.id, r]));
  const offersById = new Map(facts.offers.map((o) => [o.id, o]));
  // Kept with the names of the moment, as alternatives are, so the round reads as it ran.
  const following = nextQuarter(quarter);
  const startsOn = quarterStart(following);
  const waited = matchedIfTheyWaited(roundInput, result, {
    ...(await offersInQuarter(db, facts.offers, following)),
    // The same number of days, from the next quarter's first day at the earliest.
    moveWindow: (window) =>
      window.start >= startsOn
        ? window
        : { start: startsOn, end: addDays(window.end, daysBetween(window.start, startsOn)) },
  });
  const offerNames = (offerId: string) => {
    const offer = offersById.get(offerId)!;
    return { title: offer.title, organisationName: offer.organisationName };
  };
  const storedWhatIf = (w: WhatIf): StoredWhatIf => {
    const laterOffer = waited.get(w.requestId);
    return {
      tried: w.tried,
      changes: w.changes,
      offer: w.offerId ? offerNames(w.offerId) : null,
      displaced: w.displacedRequestIds.map((rid) => {
        const r = requestsById.get(rid)!;
        return { title: r.title, organisationName: r.organisationName };
      }),
      nextQuarter: { quarter: following, offer: laterOffer ? offerNames(laterOffer) : null },
    };
  };
  // A request no offer could take is told what change to it would let offers in.
  const unmatchedReason = (u: Unmatched) =>
    u.reason === "no_eligible_offer"
      ? withRelaxationHint(u.text, relaxationCounts(requestsById.get(u.requestId)!, facts.offers, facts.rules))
      : u.text;
  const whatIfs = new Map(
    whatIfsForUnmatched(roundInput, result, { budgetMs: WHAT_IF_BUDGET_MS }).map((w) => [w.requestId, storedWhatIf(w)]),
  );
  const id = newId();
  const rows = [
    ...result.proposals.map((p) => ({
      id: newId(),
      round_id: id,
      request_id: p.requestId,
      offer_id: p.offerId,
      score: p.score,
      explanation_json: JSON.stringify(p.factors),
      alternatives_json: JSON.stringify(p.alternatives),
      unmatched_reason: null,
      status: "proposed" as const,
      decided_by: null,
      decided_at: null,
      decision_reason: null,
    })),
    ...result.unmatched.map((u) => ({
      id: newId(),
      round_id: id,
      request_id: u.requestId,
      offer_id: null,
      score: null,
      explanation_json: "[]",
      alternatives_json: JSON.stringify(u.alternatives),
      unmatched_reason: unmatchedReason(u),
      what_if_json: JSON.stringify(whatIfs.get(u.requestId)),
      status: "unmatched" as const,
      decided_by: null,
      decided_at: null,
      decision_reason: null,
    })),
  ];
  await db.transaction().execute(async (trx) => {
    // The first statement writes, so SQLite takes the write lock up front.
    await trx
      .insertInto("match_round")
      .values({
        id,
        scope: scope.kind,
        scope_code: scope.code,
        quarter,
        run_by: coordinator.id,
        weights_json: JSON.stringify(DEFAULT_WEIGHTS),
        summary_json: JSON.stringify(summary),
        places_json: JSON.stringify(places),
        created_at: nowIso(),
      })
      .execute();
    // A round for returned requests only leaves every waiting proposal for its coordinator to decide.
    if (!returnedOnly)
      await trx
        .updateTable("match_proposal")
        .set({ status: "superseded" })
        .where("status", "=", "proposed")
        .where("round_id", "in", (eb) => {
          const rounds = eb
            .selectFrom("match_round")
            .select("match_round.id")
            .where("match_round.id", "!=", id)
            .where("match_round.scope", "=", scope.kind);
          return scope.code === null
            ? rounds.where("match_round.scope_code", "is", null)
            : rounds.where("match_round.scope_code", "=", scope.code);
        })
        .execute();
    for (let i = 0; i < rows.length; i += INSERT_BATCH)
      await trx
        .insertInto("match_proposal")
        .values(rows.slice(i, i + INSERT_BATCH))
        .execute();
    await recordAuditEvent(trx, {
      kind: "matching_round_run",
      actorId: actorIdOf(coordinator),
      clientAddress: input.clientAddress,
      detail: `${returnedOnly ? "returned-only " : ""}round ${id} for ${scope.kind}${scope.code ? ` ${scope.code}` : ""}, ${quarter}: ${summary.proposed} proposed, ${summary.unmatched} unmatched${needPriority ? ", priority to greatest need" : ""}`,
    });
  });
  return { id, summary };
}

/** "London", "NHS Frimley ICB" or "England", for headings. */
export async function scopeName(db: Kysely<Database>, scope: { kind: string; code: string | null }): Promise<string> {
  if (scope.kind === "region" && scope.code) {
    const region = await db.selectFrom("region").select("name").where("code", "=", scope.code).executeTakeFirst();
    return region?.name ?? scope.code;
  }
  if (scope.kind === "icb" && scope.code) {
    const icb = await db.selectFrom("icb").select("name").where("code", "=", scope.code).executeTakeFirst();
    return icb?.name ?? scope.code;
  }
  return "England";
}

/** Rounds a coordinator of the scope sees, newest first: a national coordinator sees every area's. */
export function roundsInScope(db: Kysely<Database>, scope: MatchScope) {
  const query = db.selectFrom("match_round");
  const scoped =
    scope.kind === "national"
      ? query
      : query.where("match_round.scope", "=", scope.kind).where("match_round.scope_code", "=", scope.code);
  return scoped.orderBy("match_round.created_at", "desc").orderBy("match_round.id");
}

export async function listRounds(db: Kysely<Database>, scope: MatchScope, limit = 50) {
  const rows = await roundsInScope(db, scope)
    .innerJoin("app_user", "app_user.id", "match_round.run_by")
    .select([
      "match_round.id",
      "match_round.scope",
      "match_round.scope_code",
      "match_round.quarter",
      "match_round.created_at",
      "match_round.summary_json",
      "app_user.name as run_by_name",
    ])
    .limit(limit)
    .execute();
  return rows.map(({ summary_json, ...row }) => ({ ...row, summary: JSON.parse(summary_json) as RoundSummary }));
}

export async function getRound(db: Kysely<Database>, id: string) {
  const round = await db
    .selectFrom("match_round")
    .innerJoin("app_user", "app_user.id", "match_round.run_by")
    .selectAll("match_round")
    .select("app_user.name as run_by_name")
    .where("match_round.id", "=", id)
    .executeTakeFirst();
  if (!round) return undefined;
  const proposals = await db
    .selectFrom("match_proposal")
    .innerJoin("help_request", "help_request.id", "match_proposal.request_id")
    .innerJoin("organisation as requester", "requester.id", "help_request.organisation_id")
    .leftJoin("offer", "offer.id", "match_proposal.offer_id")
    .leftJoin("organisation as pioneer", "pioneer.id", "offer.organisation_id")
    .leftJoin("outreach_match", "outreach_match.proposal_id", "match_proposal.id")
    .leftJoin("app_user as decider", "decider.id", "match_proposal.decided_by")
    .leftJoin("offer as preferred_offer", "preferred_offer.id", "help_request.preferred_offer_id")
    .leftJoin("organisation as preferred_pioneer", "preferred_pioneer.id", "preferred_offer.organisation_id")
    .select([
      "match_proposal.id",
      "match_proposal.request_id",
      "match_proposal.offer_id",
      "match_proposal.score",
      "match_proposal.explanation_json",
      "match_proposal.alternatives_json",
      "match_proposal.unmatched_reason",
      "match_proposal.what_if_json",
      "match_proposal.status",
      "match_proposal.decided_at",
      "match_proposal.decision_reason",
      "decider.name as decided_by_name",
      "help_request.title as request_title",
      "requester.name as request_organisation_name",
      "offer.title as offer_title",
      "pioneer.name as offer_organisation_name",
      "outreach_match.id as match_id",
      "outreach_match.status as match_status",
      "help_request.preferred_offer_id",
      "preferred_offer.title as preferred_offer_title",
      "preferred_pioneer.name as preferred_offer_organisation_name",
    ])
    .where("match_proposal.round_id", "=", id)
    .orderBy("help_request.title")
    .orderBy("match_proposal.id")
    .execute();
  // Sorted here because the engines place NULL scores differently in a descending ORDER BY.
  proposals.sort((a, b) => (a.score === null ? 1 : 0) - (b.score === null ? 1 : 0) || (b.score ?? 0) - (a.score ?? 0));
  const { weights_json, summary_json, places_json, ...rest } = round;
  return {
    ...rest,
    weights: JSON.parse(weights_json) as Weights,
    summary: JSON.parse(summary_json) as RoundSummary,
    places: places_json === null ? null : (JSON.parse(places_json) as OneMorePlace[]),
    proposals: proposals.map(({ explanation_json, alternatives_json, what_if_json, ...p }) => ({
      ...p,
      factors: JSON.parse(explanation_json) as Factor[],
      alternatives: JSON.parse(alternatives_json) as Alternative[],
      whatIf: what_if_json === null ? null : (JSON.parse(what_if_json) as StoredWhatIf),
    })),
  };
}

export type RoundDetail = NonNullable<Awaited<ReturnType<typeof getRound>>>;
