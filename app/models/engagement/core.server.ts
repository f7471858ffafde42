import type { Kysely, Transaction } from "kysely";
import type { Database, EngagementEventKind } from "../../../db/schema";
import type { EngagementRef } from "../../auth/policy";
import { newId } from "../../lib/ids";
import { monotonicIso } from "../../lib/dates";

// What every engagement module shares: opening one, finding its two trusts, and its timeline.
type Db = Kysely<Database> | Transaction<Database>;

/** Opens the engagement for an accepted match, inside the acceptance's transaction. */
export async function openEngagement(
  trx: Db,
  input: { matchId: string; actorId: string; openedAt?: string },
): Promise<string> {
  const match = await trx
    .selectFrom("outreach_match")
    .innerJoin("help_request", "help_request.id", "outreach_match.request_id")
    .innerJoin("offer", "offer.id", "outreach_match.offer_id")
    .select([
      "outreach_match.request_id",
      "outreach_match.offer_id",
      "help_request.organisation_id as requester_id",
      "offer.organisation_id as pioneer_id",
    ])
    .where("outreach_match.id", "=", input.matchId)
    .executeTakeFirstOrThrow();
  const id = newId();
  const openedAt = input.openedAt ?? monotonicIso();
  await trx
    .insertInto("engagement")
    .values({
      id,
      match_id: input.matchId,
      request_id: match.request_id,
      offer_id: match.offer_id,
      requester_organisation_id: match.requester_id,
      pioneer_organisation_id: match.pioneer_id,
      status: "active",
      opened_at: openedAt,
      ended_at: null,
      ended_by: null,
      end_reason: null,
      follow_up_due_on: null,
    })
    .execute();
  await recordEngagementEvent(trx, { engagementId: id, kind: "opened", actorId: input.actorId, createdAt: openedAt });
  return id;
}

export async function recordEngagementEvent(
  trx: Db,
  input: {
    engagementId: string;
    kind: EngagementEventKind;
    actorId: string;
    note?: string;
    sessionId?: string | null;
    createdAt?: string;
  },
): Promise<void> {
  await trx
    .insertInto("engagement_event")
    .values({
      id: newId(),
      engagement_id: input.engagementId,
      session_id: input.sessionId ?? null,
      kind: input.kind,
      note: input.note ?? "",
      actor_id: input.actorId,
      created_at: input.createdAt ?? monotonicIso(),
    })
    .execute();
}

/** An engagement with its two trusts, named and placed, which is what access checks need. */
export function engagementQuery(db: Db) {
  return db
    .selectFrom("engagement")
    .innerJoin("organisation as requester", "requester.id", "engagement.requester_organisation_id")
    .innerJoin("organisation as pioneer", "pioneer.id", "engagement.pioneer_organisation_id")
    .innerJoin("help_request", "help_request.id", "engagement.request_id")
    .innerJoin("offer", "offer.id", "engagement.offer_id")
    .select([
      "engagement.id",
      "engagement.match_id",
      "engagement.request_id",
      "engagement.offer_id",
      "engagement.status",
      "engagement.opened_at",
      "engagement.ended_at",
      "engagement.end_reason",
      "engagement.follow_up_due_on",
      "help_request.title as request_title",
      "offer.title as offer_title",
      "offer.format_code as offer_format_code",
      "requester.id as requester_id",
      "requester.name as requester_name",
      "requester.region_code as requester_region_code",
      "requester.icb_code as requester_icb_code",
      "pioneer.id as pioneer_id",
      "pioneer.name as pioneer_name",
      "pioneer.region_code as pioneer_region_code",
      "pioneer.icb_code as pioneer_icb_code",
    ]);
}

export type EngagementRow = NonNullable<Awaited<ReturnType<typeof getEngagement>>>;

export function getEngagement(db: Db, id: string) {
  return engagementQuery(db).where("engagement.id", "=", id).executeTakeFirst();
}

/** The two trusts in the shape the policy asks about. */
export function engagementRef(
  row: Pick<
    EngagementRow,
    | "requester_id"
    | "requester_region_code"
    | "requester_icb_code"
    | "pioneer_id"
    | "pioneer_region_code"
    | "pioneer_icb_code"
  >,
): EngagementRef {
  return {
    requester: { id: row.requester_id, regionCode: row.requester_region_code, icbCode: row.requester_icb_code },
    pioneer: { id: row.pioneer_id, regionCode: row.pioneer_region_code, icbCode: row.pioneer_icb_code },
  };
}

/** The engagement opened from a match, if it was accepted. */
export async function engagementIdForMatch(db: Db, matchId: string): Promise<string | null> {
  const row = await db.selectFrom("engagement").select("id").where("match_id", "=", matchId).executeTakeFirst();
  return row?.id ?? null;
}
