import type { ExpressionBuilder, Kysely, Transaction } from "kysely";
import { latestProfiles, latestReadiness } from "../assessment/assessments.server";
import { offerImpacts, type OfferImpact } from "../engagement/impact.server";
import type { Database } from "../../../db/schema";
import { organisationInScope } from "../../../db/portable";
import type { Actor } from "../../auth/policy";
import {
  pairKey,
  type DateRange,
  type OfferFacts,
  type PairRules,
  type RequestFacts,
  type SharedCapacityGroup,
  type Vocabulary,
} from "../../matching/types";

export type MatchScope = NonNullable<Actor["scope"]>;
type Db = Kysely<Database> | Transaction<Database>;

export interface MatchingFacts {
  requests: RequestFacts[];
  offers: OfferFacts[];
  rules: PairRules;
  vocabulary: Vocabulary;
  /** Pioneer trusts whose shared capacity across their offers could bind this quarter. */
  groups: SharedCapacityGroup[];
}

/** Statuses of outreach_match that hold a place and close the request to further matching. */
export const ACTIVE_MATCH_STATUSES = ["approved", "accepted"] as const;

/**
 * Everything a round needs, in a fixed number of queries whatever the number of requests and
 * offers: open requests in the coordinator's scope, every matchable offer in the country (pioneers
 * may help across regions, subject to each request's travel limit), pair rules and display names.
 */
export async function loadMatchingFacts(
  db: Db,
  {
    scope,
    quarter,
    today,
    returnedOnly = false,
  }: { scope: MatchScope; quarter: string; today: string; returnedOnly?: boolean },
): Promise<MatchingFacts> {
  const open = openRequestsQuery(db, scope);
  const requestRows = await (returnedOnly ? open.where(noWaitingProposal) : open)
    .select([
      "help_request.id",
      "help_request.title",
      "help_request.organisation_id",
      "help_request.window_start",
      "help_request.window_end",
      "help_request.virtual_ok",
      "help_request.travel_limit",
      "help_request.budget",
      "help_request.priority",
      "help_request.preferred_offer_id",
      "organisation.support_priority",
      "organisation.name as organisation_name",
      "organisation.region_code",
      "organisation.icb_code",
    ])
    .orderBy("help_request.submitted_at")
    .orderBy("help_request.id")
    .execute();
  const offerRows = await matchableOffers(db, today)
    .leftJoin("offer_format", "offer_format.code", "offer.format_code")
    .leftJoin("offer_quarter_load as load", (join) =>
      join.onRef("load.offer_id", "=", "offer.id").on("load.quarter", "=", quarter),
    )
    .select([
      "offer.id",
      "offer.title",
      "offer.organisation_id",
      "offer.format_code",
      "offer.virtual_ok",
      "offer.cost_model",
      "offer.capacity_per_quarter",
      "offer_format.is_virtual",
      "load.approved",
      "organisation.name as organisation_name",
      "organisation.region_code",
      "organisation.icb_code",
    ])
    .orderBy("offer.id")
    .execute();

  const requestIds = requestRows.map((r) => r.id);
  const offerIds = offerRows.map((o) => o.id);
  // One after another: inside a transaction they share one connection anyway.
  const requestLinks = await requestLinksFor(db, requestIds);
  const offerLinks = await offerLinksFor(db, offerIds);
  const windows = offerIds.length
    ? await db
        .selectFrom("offer_window")
        .select(["offer_id", "starts_on", "ends_on"])
        .where("offer_id", "in", offerIds)
        .orderBy("starts_on")
        .execute()
    : [];
  const maturity = await latestMaturity(db, [
    ...new Set([...requestRows.map((r) => r.organisation_id), ...offerRows.map((o) => o.organisation_id)]),
  ]);
  const readiness = await meanReadiness(db, [...new Set(requestRows.map((r) => r.organisation_id))]);
  const rules = await loadPairRules(db, requestIds);
  // Proposals a round for returned requests leaves waiting keep their places from its offers.
  const kept = returnedOnly ? await placesOfWaitingProposals(db, quarter) : new Map<string, number>();
  const interest = requestIds.length
    ? await db
        .selectFrom("request_interest")
        .select(["request_id", "organisation_id"])
        .where("request_id", "in", requestIds)
        .orderBy("organisation_id")
        .execute()
    : [];
  const interestByRequest = groupBy(
    interest,
    (i) => i.request_id,
    (i) => i.organisation_id,
  );
  const impacts = await offerImpacts(db, offerIds);
  const vocabulary = await loadVocabulary(db);
  const sharedLeft = await sharedCapacityLeft(db, [...new Set(offerRows.map((o) => o.organisation_id))], quarter);
  // Waiting proposals a round for returned requests keeps also hold their trust's shared places.
  for (const o of offerRows) {
    const held = kept.get(o.id) ?? 0;
    const left = sharedLeft.get(o.organisation_id);
    if (held > 0 && left !== undefined) sharedLeft.set(o.organisation_id, Math.max(0, left - held));
  }

  const windowsByOffer = groupBy(
    windows,
    (w) => w.offer_id,
    (w): DateRange => ({ start: w.starts_on, end: w.ends_on }),
  );
  const requests: RequestFacts[] = requestRows.map((r) => ({
    id: r.id,
    title: r.title,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    regionCode: r.region_code,
    icbCode: r.icb_code,
    capabilityIds: requestLinks.capabilities.get(r.id) ?? [],
    audienceCodes: requestLinks.audiences.get(r.id) ?? [],
    formatCodes: requestLinks.formats.get(r.id) ?? [],
    window: { start: r.window_start, end: r.window_end },
    virtualOk: r.virtual_ok === 1,
    travelLimit: r.travel_limit,
    budget: r.budget,
    priority: r.priority,
    readiness: readiness.get(r.organisation_id) ?? null,
    maturity: maturity.get(r.organisation_id) ?? {},
    preferredOfferId: r.preferred_offer_id,
    interestedOrganisationIds: interestByRequest.get(r.id) ?? [],
    supportPriority: r.support_priority,
  }));
  const offers: OfferFacts[] = offerRows.map((o) => ({
    id: o.id,
    title: o.title,
    organisationId: o.organisation_id,
    organisationName: o.organisation_name,
    regionCode: o.region_code,
    icbCode: o.icb_code,
    capabilityIds: offerLinks.capabilities.get(o.id) ?? [],
    audienceCodes: offerLinks.audiences.get(o.id) ?? [],
    formatCode: o.format_code,
    formatIsVirtual: o.is_virtual === 1,
    virtualOk: o.virtual_ok === 1,
    costModel: o.cost_model,
    windows: windowsByOffer.get(o.id) ?? [],
    remainingCapacity: Math.max(0, o.capacity_per_quarter - Number(o.approved ?? 0) - (kept.get(o.id) ?? 0)),
    sharedCapacityFull: sharedLeft.get(o.organisation_id) === 0,
    maturity: maturity.get(o.organisation_id) ?? {},
    impact: toFactorImpact(impacts.get(o.id)),
  }));
  return { requests, offers, rules, vocabulary, groups: sharedCapacityGroups(offers, sharedLeft) };
}

/**
 * Places left this quarter across all of each trust's offers, for trusts that set a shared limit
 * (never below 0). Counted from the same per-offer load that approvals keep, paused offers included.
 */
export async function sharedCapacityLeft(db: Db, organisationIds: string[], quarter: string) {
  if (organisationIds.length === 0) return new Map<string, number>();
  const rows = await db
    .selectFrom("organisation")
    .leftJoin("offer", "offer.organisation_id", "organisation.id")
    .leftJoin("offer_quarter_load as load", (join) =>
      join.onRef("load.offer_id", "=", "offer.id").on("load.quarter", "=", quarter),
    )
    .select(["organisation.id", "organisation.shared_capacity_per_quarter as cap"])
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("load.approved"), eb.lit(0)).as("taken"))
    .where("organisation.id", "in", organisationIds)
    .where("organisation.shared_capacity_per_quarter", "is not", null)
    .groupBy(["organisation.id", "organisation.shared_capacity_per_quarter"])
    .execute();
  return new Map(rows.map((r) => [r.id, Math.max(0, Number(r.cap) - Number(r.taken))]));
}

/**
 * The same offers with another quarter's places: their capacity less what is already approved
 * in that quarter, and their trusts' shared capacity left then.
 */
export async function offersInQuarter(
  db: Db,
  offers: OfferFacts[],
  quarter: string,
): Promise<{ offers: OfferFacts[]; groups: SharedCapacityGroup[] }> {
  if (offers.length === 0) return { offers: [], groups: [] };
  const rows = await db
    .selectFrom("offer")
    .leftJoin("offer_quarter_load as load", (join) =>
      join.onRef("load.offer_id", "=", "offer.id").on("load.quarter", "=", quarter),
    )
    .select(["offer.id", "offer.capacity_per_quarter", "load.approved"])
    .where(
      "offer.id",
      "in",
      offers.map((o) => o.id),
    )
    .execute();
  const places = new Map(rows.map((r) => [r.id, Math.max(0, r.capacity_per_quarter - Number(r.approved ?? 0))]));
  const left = await sharedCapacityLeft(db, [...new Set(offers.map((o) => o.organisationId))], quarter);
  const then = offers.map((o) => ({
    ...o,
    remainingCapacity: places.get(o.id) ?? 0,
    sharedCapacityFull: left.get(o.organisationId) === 0,
  }));
  return { offers: then, groups: sharedCapacityGroups(then, left) };
}

/** A group per trust whose places left could bind: fewer than its offers' own places left together. */
function sharedCapacityGroups(offers: OfferFacts[], left: Map<string, number>): SharedCapacityGroup[] {
  const groups: SharedCapacityGroup[] = [];
  for (const [organisationId, capacity] of left) {
    const own = offers.filter((o) => o.organisationId === organisationId && o.remainingCapacity > 0);
    const places = own.reduce((sum, o) => sum + o.remainingCapacity, 0);
    if (capacity === 0 || own.length === 0 || capacity >= places) continue;
    groups.push({
      id: organisationId,
      organisationName: own[0].organisationName,
      capacity,
      offerIds: own.map((o) => o.id),
    });
  }
  return groups;
}

/** Only re-assessments count: engagements still awaiting one add nothing, for or against. */
function toFactorImpact(impact: OfferImpact | undefined): OfferFacts["impact"] {
  return impact && impact.measured > 0 ? { meanChange: impact.meanChange, measured: impact.measured } : null;
}

/** No proposal for the request, of any round, still waits for a coordinator's decision. */
const noWaitingProposal = ({ not, exists, selectFrom }: ExpressionBuilder<Database, "help_request">) =>
  not(
    exists(
      selectFrom("match_proposal")
        .select("match_proposal.id")
        .whereRef("match_proposal.request_id", "=", "help_request.id")
        .where("match_proposal.status", "=", "proposed"),
    ),
  );

/** Per offer, the proposals of the quarter's rounds still waiting for a decision. */
async function placesOfWaitingProposals(db: Db, quarter: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("match_proposal")
    .innerJoin("match_round", "match_round.id", "match_proposal.round_id")
    .select(["match_proposal.offer_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("match_proposal.status", "=", "proposed")
    .where("match_proposal.offer_id", "is not", null)
    .where("match_round.quarter", "=", quarter)
    .groupBy("match_proposal.offer_id")
    .execute();
  return new Map(rows.map((r) => [r.offer_id!, Number(r.n)]));
}

/**
 * Requests a round for returned requests takes: open ones with no proposal waiting for a decision,
 * so those whose match was declined, taken back or lapsed, and those never proposed or left unmatched.
 */
export async function countReturnedRequests(db: Db, scope: MatchScope): Promise<number> {
  const row = await openRequestsQuery(db, scope)
    .where(noWaitingProposal)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Submitted requests from organisations in scope that hold no approved or accepted match. */
export function openRequestsQuery(db: Db, scope: MatchScope) {
  const query = db
    .selectFrom("help_request")
    .innerJoin("organisation", "organisation.id", "help_request.organisation_id")
    .where("help_request.status", "=", "submitted")
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("outreach_match")
            .select("outreach_match.id")
            .whereRef("outreach_match.request_id", "=", "help_request.id")
            .where("outreach_match.status", "in", [...ACTIVE_MATCH_STATUSES]),
        ),
      ),
    );
  return query.where(organisationInScope(scope));
}

export async function countOpenRequests(db: Db, scope: MatchScope): Promise<number> {
  const row = await openRequestsQuery(db, scope)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Published offers, and paused offers whose return date has come (they resume by themselves). */
export function matchableOffers(db: Db, today: string) {
  return db
    .selectFrom("offer")
    .innerJoin("organisation", "organisation.id", "offer.organisation_id")
    .where("organisation.active", "=", 1)
    .where((eb) =>
      eb.or([
        eb("offer.status", "=", "published"),
        eb.and([
          eb("offer.status", "=", "paused"),
          eb("offer.paused_until", "is not", null),
          eb("offer.paused_until", "<=", today),
        ]),
      ]),
    );
}

async function requestLinksFor(db: Db, ids: string[]) {
  if (ids.length === 0)
    return {
      capabilities: new Map<string, string[]>(),
      audiences: new Map<string, string[]>(),
      formats: new Map<string, string[]>(),
    };
  const capabilities = await db
    .selectFrom("help_request_capability")
    .select(["request_id", "capability_id"])
    .where("request_id", "in", ids)
    .orderBy("capability_id")
    .execute();
  const audiences = await db
    .selectFrom("help_request_audience")
    .select(["request_id", "audience_code"])
    .where("request_id", "in", ids)
    .orderBy("audience_code")
    .execute();
  const formats = await db
    .selectFrom("help_request_format")
    .select(["request_id", "format_code"])
    .where("request_id", "in", ids)
    .orderBy("format_code")
    .execute();
  return {
    capabilities: groupBy(
      capabilities,
      (r) => r.request_id,
      (r) => r.capability_id,
    ),
    audiences: groupBy(
      audiences,
      (r) => r.request_id,
      (r) => r.audience_code,
    ),
    formats: groupBy(
      formats,
      (r) => r.request_id,
      (r) => r.format_code,
    ),
  };
}

async function offerLinksFor(db: Db, ids: string[]) {
  if (ids.length === 0) return { capabilities: new Map<string, string[]>(), audiences: new Map<string, string[]>() };
  const capabilities = await db
    .selectFrom("offer_capability")
    .select(["offer_id", "capability_id"])
    .where("offer_id", "in", ids)
    .orderBy("capability_id")
    .execute();
  const audiences = await db
    .selectFrom("offer_audience")
    .select(["offer_id", "audience_code"])
    .where("offer_id", "in", ids)
    .orderBy("audience_code")
    .execute();
  return {
    capabilities: groupBy(
      capabilities,
      (r) => r.offer_id,
      (r) => r.capability_id,
    ),
    audiences: groupBy(
      audiences,
      (r) => r.offer_id,
      (r) => r.audience_code,
    ),
  };
}

/** The latest maturity per capability of each organisation, keyed for the scoring layer. */
async function latestMaturity(db: Db, orgIds: string[]): Promise<Map<string, Record<string, number>>> {
  const profiles = await latestProfiles(db, orgIds);
  return new Map(
    [...profiles].map(([orgId, scores]) => [
      orgId,
      Object.fromEntries(scores.map((s) => [s.capabilityId, s.maturity])),
    ]),
  );
}

/** The mean readiness-for-change score of each organisation's latest assessment. */
async function meanReadiness(db: Db, orgIds: string[]): Promise<Map<string, number>> {
  const readiness = await latestReadiness(db, orgIds);
  return new Map(
    [...readiness]
      .filter(([, rows]) => rows.length > 0)
      .map(([orgId, rows]) => [orgId, rows.reduce((sum, r) => sum + r.score, 0) / rows.length]),
  );
}

/**
 * Pins and blocks set by coordinators, plus pairs a pioneer declined, pairs whose engagement was
 * stopped (the match cancelled), matches that lapsed unanswered and proposals a coordinator
 * rejected: none is proposed again. An explicit pin outweighs an earlier rejection.
 */
export async function loadPairRules(db: Db, requestIds: string[]): Promise<PairRules> {
  const rules: PairRules = { excluded: new Set(), pinned: new Set() };
  if (requestIds.length === 0) return rules;
  const set = await db
    .selectFrom("match_pair_rule")
    .select(["request_id", "offer_id", "kind"])
    .where("request_id", "in", requestIds)
    .execute();
  const declined = await db
    .selectFrom("outreach_match")
    .select(["request_id", "offer_id"])
    .where("request_id", "in", requestIds)
    .where("status", "in", ["declined", "cancelled", "lapsed"])
    .execute();
  const rejected = await db
    .selectFrom("match_proposal")
    .select(["request_id", "offer_id"])
    .where("request_id", "in", requestIds)
    .where("status", "=", "rejected")
    .where("offer_id", "is not", null)
    .execute();
  for (const rule of set)
    (rule.kind === "block" ? rules.excluded : rules.pinned).add(pairKey(rule.request_id, rule.offer_id));
  for (const pair of declined) rules.excluded.add(pairKey(pair.request_id, pair.offer_id));
  for (const pair of rejected) {
    const key = pairKey(pair.request_id, pair.offer_id!);
    if (!rules.pinned.has(key)) rules.excluded.add(key);
  }
  for (const key of rules.excluded) rules.pinned.delete(key);
  return rules;
}

/** Display names, retired entries included, since old requests and offers may still use them. */
export async function loadVocabulary(db: Db): Promise<Vocabulary> {
  const capabilities = await db.selectFrom("capability").select(["id", "name"]).execute();
  const formats = await db.selectFrom("offer_format").select(["code", "name"]).execute();
  const audiences = await db.selectFrom("audience_level").select(["code", "name"]).execute();
  const capabilityNames = new Map(capabilities.map((c) => [c.id, c.name]));
  const formatNames = new Map(formats.map((f) => [f.code, f.name]));
  const audienceNames = new Map(audiences.map((a) => [a.code, a.name]));
  return {
    capabilityName: (id) => capabilityNames.get(id) ?? id,
    formatName: (code) => formatNames.get(code) ?? code,
    audienceName: (code) => audienceNames.get(code) ?? code,
  };
}

function groupBy<T, V>(rows: T[], key: (row: T) => string, value: (row: T) => V): Map<string, V[]> {
  const groups = new Map<string, V[]>();
  for (const row of rows) {
    const list = groups.get(key(row));
    if (list) list.push(value(row));
    else groups.set(key(row), [value(row)]);
  }
  return groups;
}
