import type { Kysely, Transaction } from "kysely";
import type { Database, ProposalStatus } from "../../../db/schema";
import { can, type Actor, type OrganisationRef } from "../../auth/policy";
import { pairKey, type Alternative } from "../../matching/types";
import { config } from "../../config.server";
import { answerDueAt } from "../../domain/answer-deadline";
import { formatDateTimeInEngland, nowIso, todayInEngland } from "../../lib/dates";
import { newId } from "../../lib/ids";
import { logDecision, requireReason } from "./decision-log.server";
import { Refused } from "../../lib/errors";
import { ACTIVE_MATCH_STATUSES, loadPairRules, matchableOffers, sharedCapacityLeft } from "./facts.server";
import { actorIdOf, recordAuditEvent } from "../audit/record.server";
import { notifyOrganisation } from "../notification/notifications.server";

type Trx = Transaction<Database>;

export const OFFER_FULL = "Offer is full this quarter";
export const SHARED_CAPACITY_FULL = "The trust's shared capacity is full this quarter";

const NOT_OPEN: Record<ProposalStatus, string> = {
  proposed: "This proposal cannot be decided that way",
  approved: "This proposal is already approved",
  rejected: "This proposal is already rejected",
  overridden: "A different offer was already approved for this proposal",
  superseded: "A later round replaced this proposal",
  unmatched: "No offer was proposed for this request; approve one of its alternatives instead",
};

/**
 * Claims the proposal for this decision. It is the transaction's first statement and a write, so
 * SQLite takes its write lock at once (no deferred read-to-write upgrade) and a second decision on
 * the same proposal waits here and then finds it no longer open.
 */
async function claimProposal(
  trx: Trx,
  proposalId: string,
  coordinator: Actor,
  to: "approved" | "rejected" | "overridden",
  reason: string,
) {
  const from = to === "overridden" ? (["proposed", "unmatched"] as const) : (["proposed"] as const);
  const claimed = await trx
    .updateTable("match_proposal")
    .set({ status: to, decided_by: coordinator.id, decided_at: nowIso(), decision_reason: reason })
    .where("id", "=", proposalId)
    .where("status", "in", [...from])
    .executeTakeFirst();
  const proposal = await trx
    .selectFrom("match_proposal")
    .innerJoin("match_round", "match_round.id", "match_proposal.round_id")
    .innerJoin("help_request", "help_request.id", "match_proposal.request_id")
    .innerJoin("organisation", "organisation.id", "help_request.organisation_id")
    .select([
      "match_proposal.id",
      "match_proposal.request_id",
      "match_proposal.offer_id",
      "match_proposal.status",
      "match_proposal.alternatives_json",
      "match_round.quarter",
      "help_request.title as request_title",
      "organisation.id as organisation_id",
      "organisation.region_code",
      "organisation.icb_code",
    ])
    .where("match_proposal.id", "=", proposalId)
    .executeTakeFirst();
  if (!proposal) throw new Refused("There is no such proposal");
  if (Number(claimed.numUpdatedRows) === 0) throw new Refused(NOT_OPEN[proposal.status]);
  const organisation: OrganisationRef = {
    id: proposal.organisation_id,
    regionCode: proposal.region_code,
    icbCode: proposal.icb_code,
  };
  if (!can(coordinator, { action: "match:decide", organisation }))
    throw new Refused("This request is outside your area");
  return proposal;
}

/**
 * Takes the request's row lock with a no-op write, then checks it has no live match. On
 * PostgreSQL a second approval for the same request waits on the lock and, under READ COMMITTED,
 * its next statement sees the first one's committed match.
 */
async function lockOpenRequest(trx: Trx, requestId: string) {
  const locked = await trx
    .updateTable("help_request")
    .set((eb) => ({ status: eb.ref("status") }))
    .where("id", "=", requestId)
    .where("status", "=", "submitted")
    .executeTakeFirst();
  if (Number(locked.numUpdatedRows) === 0) throw new Refused("The request is no longer open for matching");
  const live = await trx
    .selectFrom("outreach_match")
    .select("id")
    .where("request_id", "=", requestId)
    .where("status", "in", [...ACTIVE_MATCH_STATUSES])
    .executeTakeFirst();
  if (live) throw new Refused("The request already has a match");
}

async function checkOfferStillOpen(
  trx: Trx,
  requestId: string,
  requestOrganisationId: string,
  offerId: string,
  today: string,
) {
  const offer = await matchableOffers(trx, today)
    .select(["offer.id", "offer.organisation_id"])
    .where("offer.id", "=", offerId)
    .executeTakeFirst();
  if (!offer) throw new Refused("The offer is no longer open");
  if (offer.organisation_id === requestOrganisationId)
    throw new Refused("An organisation cannot be matched with its own offer");
  const rules = await loadPairRules(trx, [requestId]);
  if (rules.excluded.has(pairKey(requestId, offerId))) throw new Refused("This pair is blocked or was declined");
}

/**
 * Takes one place on the offer for the quarter. The UPDATE itself checks capacity, so two
 * approvals at the same moment cannot both take the last place: PostgreSQL re-checks the
 * condition on the row after a concurrent commit, and SQLite runs writers one at a time.
 */
export async function reservePlace(trx: Trx, offerId: string, quarter: string): Promise<void> {
  // Takes the offer's row first, as a capacity edit does, so the two run one after the other.
  await trx
    .updateTable("offer")
    .set((eb) => ({ capacity_per_quarter: eb.ref("capacity_per_quarter") }))
    .where("id", "=", offerId)
    .execute();
  await holdSharedPlace(trx, offerId, quarter);
  await trx
    .insertInto("offer_quarter_load")
    .values({ offer_id: offerId, quarter, approved: 0 })
    .onConflict((oc) => oc.columns(["offer_id", "quarter"]).doNothing())
    .execute();
  const taken = await trx
    .updateTable("offer_quarter_load")
    .set((eb) => ({ approved: eb("approved", "+", 1) }))
    .where("offer_id", "=", offerId)
    .where("quarter", "=", quarter)
    .where((eb) => eb("approved", "<", eb.selectFrom("offer").select("capacity_per_quarter").where("id", "=", offerId)))
    .executeTakeFirst();
  if (Number(taken.numUpdatedRows) === 0) throw new Refused(OFFER_FULL);
}

/**
 * Checks the trust's shared capacity across all its offers, holding the organisation's row until
 * the transaction ends: a second approval for any of its offers waits on that row, then counts
 * again and sees the place the first one took (PostgreSQL reads afresh per statement; SQLite
 * runs writers one at a time). The count is the same per-offer load the offer's own check uses.
 */
async function holdSharedPlace(trx: Trx, offerId: string, quarter: string): Promise<void> {
  const owner = await trx
    .selectFrom("offer")
    .select("organisation_id")
    .where("id", "=", offerId)
    .executeTakeFirstOrThrow();
  await trx
    .updateTable("organisation")
    .set((eb) => ({ shared_capacity_per_quarter: eb.ref("shared_capacity_per_quarter") }))
    .where("id", "=", owner.organisation_id)
    .execute();
  const left = await sharedCapacityLeft(trx, [owner.organisation_id], quarter);
  if (left.get(owner.organisation_id) === 0) throw new Refused(SHARED_CAPACITY_FULL);
}

/** Gives a place back for the quarter (a declined or taken-back match); never below zero. */
export async function releasePlace(trx: Trx, offerId: string, quarter: string): Promise<void> {
  await trx
    .updateTable("offer_quarter_load")
    .set((eb) => ({ approved: eb("approved", "-", 1) }))
    .where("offer_id", "=", offerId)
    .where("quarter", "=", quarter)
    .where("approved", ">", 0)
    .execute();
}

async function createMatch(
  trx: Trx,
  input: {
    requestId: string;
    offerId: string;
    quarter: string;
    proposalId: string;
    coordinator: Actor;
    reason: string;
  },
) {
  const id = newId();
  const approvedAt = nowIso();
  const dueAt = answerDueAt(approvedAt, config().MATCH_ANSWER_WORKING_DAYS);
  await trx
    .insertInto("outreach_match")
    .values({
      id,
      request_id: input.requestId,
      offer_id: input.offerId,
      quarter: input.quarter,
      proposal_id: input.proposalId,
      status: "approved",
      approved_by: input.coordinator.id,
      approved_at: approvedAt,
      approval_reason: input.reason,
      answer_due_at: dueAt,
      responded_by: null,
      responded_at: null,
      response_reason: null,
    })
    .execute();
  const facts = await trx
    .selectFrom("offer")
    .innerJoin("organisation", "organisation.id", "offer.organisation_id")
    .select(["offer.title", "offer.organisation_id", "organisation.name"])
    .where("offer.id", "=", input.offerId)
    .executeTakeFirstOrThrow();
  const request = await trx
    .selectFrom("help_request")
    .innerJoin("organisation", "organisation.id", "help_request.organisation_id")
    .select(["help_request.title", "help_request.organisation_id", "organisation.name"])
    .where("help_request.id", "=", input.requestId)
    .executeTakeFirstOrThrow();
  const link = `/matches/${id}`;
  await notifyOrganisation(trx, request.organisation_id, {
    kind: "match_approved",
    title: `Match approved: ${request.title}`,
    body: `A coordinator matched your request with "${facts.title}" from ${facts.name}. They will now accept or decline.`,
    link,
  });
  await notifyOrganisation(trx, facts.organisation_id, {
    kind: "match_approved",
    title: `Please respond: ${request.name} matched with "${facts.title}"`,
    body: `A coordinator matched ${request.name}'s request "${request.title}" with your offer. Please accept or decline it by ${formatDateTimeInEngland(dueAt)}.`,
    link,
  });
  return id;
}

export async function approveProposal(
  db: Kysely<Database>,
  input: { proposalId: string; coordinator: Actor; reason?: string; today?: string },
): Promise<string> {
  const reason = input.reason?.trim() ?? "";
  return db.transaction().execute(async (trx) => {
    const proposal = await claimProposal(trx, input.proposalId, input.coordinator, "approved", reason);
    if (!proposal.offer_id) throw new Refused("This proposal has no offer to approve");
    await lockOpenRequest(trx, proposal.request_id);
    await checkOfferStillOpen(
      trx,
      proposal.request_id,
      proposal.organisation_id,
      proposal.offer_id,
      input.today ?? todayInEngland(),
    );
    await reservePlace(trx, proposal.offer_id, proposal.quarter);
    const matchId = await createMatch(trx, {
      requestId: proposal.request_id,
      offerId: proposal.offer_id,
      quarter: proposal.quarter,
      proposalId: proposal.id,
      coordinator: input.coordinator,
      reason,
    });
    await logDecision(trx, {
      subjectType: "match_proposal",
      subjectId: proposal.id,
      action: "approve",
      actorId: input.coordinator.id,
      reason,
    });
    return matchId;
  });
}

export interface BulkApproval {
  approved: { proposalId: string; matchId: string }[];
  failed: { proposalId: string; reason: string }[];
}

/** Approves each proposal on its own, so one that fails (a full offer, say) leaves the rest approved. */
export async function approveProposals(
  db: Kysely<Database>,
  input: { proposalIds: string[]; coordinator: Actor; today?: string },
): Promise<BulkApproval> {
  const outcome: BulkApproval = { approved: [], failed: [] };
  for (const proposalId of [...new Set(input.proposalIds)]) {
    try {
      outcome.approved.push({
        proposalId,
        matchId: await approveProposal(db, { proposalId, coordinator: input.coordinator, today: input.today }),
      });
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      outcome.failed.push({ proposalId, reason: error.message });
    }
  }
  return outcome;
}

export async function rejectProposal(
  db: Kysely<Database>,
  input: { proposalId: string; coordinator: Actor; reason: string },
): Promise<null> {
  const reason = requireReason(input.reason, "Enter a reason for rejecting the proposal");
  return db.transaction().execute(async (trx) => {
    await claimProposal(trx, input.proposalId, input.coordinator, "rejected", reason);
    await logDecision(trx, {
      subjectType: "match_proposal",
      subjectId: input.proposalId,
      action: "reject",
      actorId: input.coordinator.id,
      reason,
    });
    return null;
  });
}

/** Approves one of the proposal's alternatives instead of the offer proposed (or, for an unmatched request, at all). */
export async function overrideProposal(
  db: Kysely<Database>,
  input: {
    proposalId: string;
    coordinator: Actor;
    offerId: string;
    reason: string;
    today?: string;
    clientAddress?: string | null;
  },
): Promise<string> {
  const reason = requireReason(input.reason, "Enter a reason for choosing a different offer");
  return db.transaction().execute(async (trx) => {
    const proposal = await claimProposal(trx, input.proposalId, input.coordinator, "overridden", reason);
    if (proposal.offer_id === input.offerId) throw new Refused("Choose an offer other than the one proposed");
    const alternatives = JSON.parse(proposal.alternatives_json) as Alternative[];
    if (!alternatives.some((a) => a.offerId === input.offerId))
      throw new Refused("Choose one of the alternatives listed for this request");
    await lockOpenRequest(trx, proposal.request_id);
    await checkOfferStillOpen(
      trx,
      proposal.request_id,
      proposal.organisation_id,
      input.offerId,
      input.today ?? todayInEngland(),
    );
    await reservePlace(trx, input.offerId, proposal.quarter);
    const matchId = await createMatch(trx, {
      requestId: proposal.request_id,
      offerId: input.offerId,
      quarter: proposal.quarter,
      proposalId: proposal.id,
      coordinator: input.coordinator,
      reason,
    });
    await logDecision(trx, {
      subjectType: "match_proposal",
      subjectId: proposal.id,
      action: "override",
      actorId: input.coordinator.id,
      reason: `${reason} (offer ${input.offerId} instead of ${proposal.offer_id ?? "none"})`,
    });
    // The coordinator's reason is free text and stays on the decision log; the audit log keeps the ids.
    await recordAuditEvent(trx, {
      kind: "match_overridden",
      actorId: actorIdOf(input.coordinator),
      organisationId: proposal.organisation_id,
      clientAddress: input.clientAddress,
      detail: `proposal ${proposal.id}: offer ${input.offerId} approved instead of ${proposal.offer_id ?? "none"} (match ${matchId})`,
    });
    return matchId;
  });
}

async function requestOrganisationRef(db: Kysely<Database>, requestId: string): Promise<OrganisationRef | undefined> {
  const row = await db
    .selectFrom("help_request")
    .innerJoin("organisation", "organisation.id", "help_request.organisation_id")
    .select(["organisation.id", "organisation.region_code", "organisation.icb_code"])
    .where("help_request.id", "=", requestId)
    .executeTakeFirst();
  return row ? { id: row.id, regionCode: row.region_code, icbCode: row.icb_code } : undefined;
}

async function setPairRule(db: Kysely<Database>, kind: "pin" | "block", input: PairRuleInput): Promise<null> {
  const organisation = await requestOrganisationRef(db, input.requestId);
  if (!organisation) throw new Refused("There is no such request");
  if (!can(input.coordinator, { action: "match:decide", organisation }))
    throw new Refused("This request is outside your area");
  const offer = await db.selectFrom("offer").select("id").where("id", "=", input.offerId).executeTakeFirst();
  if (!offer) throw new Refused("There is no such offer");
  const reason = input.reason?.trim() ?? "";
  // Writes only inside the transaction, so SQLite never has to upgrade a read lock.
  await db.transaction().execute(async (trx) => {
    const values = { kind, reason, created_by: input.coordinator.id, created_at: nowIso() };
    await trx
      .insertInto("match_pair_rule")
      .values({ id: newId(), request_id: input.requestId, offer_id: input.offerId, ...values })
      .onConflict((oc) => oc.columns(["request_id", "offer_id"]).doUpdateSet(values))
      .execute();
    await logDecision(trx, {
      subjectType: "match_pair_rule",
      subjectId: pairKey(input.requestId, input.offerId),
      action: kind,
      actorId: input.coordinator.id,
      reason,
    });
    await recordAuditEvent(trx, {
      kind: "match_overridden",
      actorId: actorIdOf(input.coordinator),
      organisationId: organisation.id,
      clientAddress: input.clientAddress,
      detail: `${kind === "pin" ? "pinned" : "blocked"} request ${input.requestId} with offer ${input.offerId}`,
    });
  });
  return null;
}

interface PairRuleInput {
  requestId: string;
  offerId: string;
  coordinator: Actor;
  reason?: string;
  clientAddress?: string | null;
}

/** The pair is proposed in every later round while the offer has room. */
export const pinPair = (db: Kysely<Database>, input: PairRuleInput) => setPairRule(db, "pin", input);

/** The pair is never proposed again. */
export const blockPair = (db: Kysely<Database>, input: PairRuleInput) => setPairRule(db, "block", input);

export async function removePairRule(
  db: Kysely<Database>,
  input: { ruleId: string; coordinator: Actor; clientAddress?: string | null },
): Promise<null> {
  const rule = await db
    .selectFrom("match_pair_rule")
    .select(["request_id", "offer_id", "kind"])
    .where("id", "=", input.ruleId)
    .executeTakeFirst();
  if (!rule) throw new Refused("That rule no longer exists");
  const organisation = await requestOrganisationRef(db, rule.request_id);
  if (!organisation || !can(input.coordinator, { action: "match:decide", organisation }))
    throw new Refused("This request is outside your area");
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("match_pair_rule").where("id", "=", input.ruleId).execute();
    await logDecision(trx, {
      subjectType: "match_pair_rule",
      subjectId: pairKey(rule.request_id, rule.offer_id),
      action: `remove ${rule.kind}`,
      actorId: input.coordinator.id,
      reason: "",
    });
    await recordAuditEvent(trx, {
      kind: "match_overridden",
      actorId: actorIdOf(input.coordinator),
      organisationId: organisation.id,
      clientAddress: input.clientAddress,
      detail: `removed the ${rule.kind} of request ${rule.request_id} with offer ${rule.offer_id}`,
    });
  });
  return null;
}

export function listPairRules(db: Kysely<Database>, requestIds: string[]) {
  if (requestIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("match_pair_rule")
    .innerJoin("help_request", "help_request.id", "match_pair_rule.request_id")
    .innerJoin("offer", "offer.id", "match_pair_rule.offer_id")
    .innerJoin("organisation", "organisation.id", "offer.organisation_id")
    .select([
      "match_pair_rule.id",
      "match_pair_rule.request_id",
      "match_pair_rule.offer_id",
      "match_pair_rule.kind",
      "match_pair_rule.reason",
      "help_request.title as request_title",
      "offer.title as offer_title",
      "organisation.name as offer_organisation_name",
    ])
    .where("match_pair_rule.request_id", "in", requestIds)
    .orderBy("match_pair_rule.created_at")
    .execute();
}
