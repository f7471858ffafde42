import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { assessmentsAround, measureImpact } from "../../domain/impact";
import { nowIso, todayInEngland } from "../../lib/dates";
import { recordEngagementEvent } from "./core.server";
import { notifyOrganisation } from "../notification/notifications.server";

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Measures every completed engagement of this requesting organisation that has no impact yet and
 * now has an assessment after it. Runs inside the transaction that records a re-assessment, so
 * impact appears with the assessment that proves it. Returns the engagements measured.
 */
export async function measureImpactAfterAssessment(
  trx: Db,
  input: { organisationId: string; actorId: string },
): Promise<string[]> {
  const waiting = await trx
    .selectFrom("engagement")
    .leftJoin("engagement_impact", "engagement_impact.engagement_id", "engagement.id")
    .select([
      "engagement.id",
      "engagement.request_id",
      "engagement.opened_at",
      "engagement.ended_at",
      "engagement.pioneer_organisation_id",
    ])
    .where("engagement.requester_organisation_id", "=", input.organisationId)
    .where("engagement.status", "=", "completed")
    .where("engagement_impact.engagement_id", "is", null)
    .execute();
  if (waiting.length === 0) return [];

  const assessments = (
    await trx
      .selectFrom("assessment")
      .select(["id", "assessed_on", "created_at"])
      .where("organisation_id", "=", input.organisationId)
      .execute()
  ).map((a) => ({ id: a.id, assessedOn: a.assessed_on, createdAt: a.created_at }));
  const measured: string[] = [];
  for (const engagement of waiting) {
    if (!engagement.ended_at) continue;
    const pair = assessmentsAround(assessments, {
      openedOn: todayInEngland(new Date(engagement.opened_at)),
      endedOn: todayInEngland(new Date(engagement.ended_at)),
      endedAt: engagement.ended_at,
    });
    if (!pair) continue;
    const targeted = (
      await trx
        .selectFrom("help_request_capability")
        .select("capability_id")
        .where("request_id", "=", engagement.request_id)
        .execute()
    ).map((r) => r.capability_id);
    const impact = measureImpact({
      targeted,
      before: await maturityOf(trx, pair.before.id),
      after: await maturityOf(trx, pair.after.id),
    });
    if (!impact) continue;
    await trx
      .insertInto("engagement_impact")
      .values({
        engagement_id: engagement.id,
        before_assessment_id: pair.before.id,
        after_assessment_id: pair.after.id,
        mean_change: impact.meanChange,
        capabilities_measured: impact.capabilities.length,
        measured_at: nowIso(),
      })
      .execute();
    await trx
      .insertInto("engagement_impact_capability")
      .values(
        impact.capabilities.map((c) => ({
          engagement_id: engagement.id,
          capability_id: c.capabilityId,
          before_maturity: c.before,
          after_maturity: c.after,
        })),
      )
      .execute();
    await recordEngagementEvent(trx, {
      engagementId: engagement.id,
      kind: "impact_measured",
      actorId: input.actorId,
      note: describeChange(impact.meanChange),
    });
    await notifyOrganisation(trx, engagement.pioneer_organisation_id, {
      kind: "impact_measured",
      title: "Impact measured for an engagement you led",
      body: `The requesting trust re-assessed: ${describeChange(impact.meanChange)} on the capabilities the engagement targeted.`,
      link: `/engagements/${engagement.id}`,
    });
    measured.push(engagement.id);
  }
  return measured;
}

async function maturityOf(trx: Db, assessmentId: string): Promise<Record<string, number>> {
  const rows = await trx
    .selectFrom("assessment_score")
    .select(["capability_id", "maturity"])
    .where("assessment_id", "=", assessmentId)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.capability_id, r.maturity]));
}

/** "+0.5 maturity levels on average", for timelines and notifications. */
export function describeChange(meanChange: number): string {
  const rounded = Math.round(meanChange * 10) / 10;
  const sign = rounded > 0 ? "+" : rounded < 0 ? "−" : "";
  return `${sign}${Math.abs(rounded).toFixed(1)} maturity levels on average`;
}

export type EngagementImpact =
  | {
      status: "measured";
      meanChange: number;
      beforeOn: string;
      afterOn: string;
      capabilities: { capabilityId: string; name: string; before: number; after: number }[];
    }
  /** Ended, but the requester has not re-assessed since: impact is missing, not zero. */
  | { status: "awaiting"; dueOn: string | null; overdue: boolean }
  | { status: "not_ended" }
  /** No self-assessment before the engagement began, so there is nothing to compare with. */
  | { status: "no_baseline" }
  /** Stopped engagements are not followed up. */
  | { status: "not_followed_up" };

export async function getEngagementImpact(
  db: Db,
  engagementId: string,
  today: string = todayInEngland(),
): Promise<EngagementImpact | null> {
  const engagement = await db
    .selectFrom("engagement")
    .select(["status", "follow_up_due_on", "opened_at", "requester_organisation_id"])
    .where("id", "=", engagementId)
    .executeTakeFirst();
  if (!engagement) return null;
  if (engagement.status === "active") return { status: "not_ended" };
  if (engagement.status === "stopped") return { status: "not_followed_up" };
  const impact = await db
    .selectFrom("engagement_impact")
    .innerJoin("assessment as before", "before.id", "engagement_impact.before_assessment_id")
    .innerJoin("assessment as after", "after.id", "engagement_impact.after_assessment_id")
    .select(["engagement_impact.mean_change", "before.assessed_on as before_on", "after.assessed_on as after_on"])
    .where("engagement_impact.engagement_id", "=", engagementId)
    .executeTakeFirst();
  if (!impact) {
    const baseline = await db
      .selectFrom("assessment")
      .select("id")
      .where("organisation_id", "=", engagement.requester_organisation_id)
      .where("assessed_on", "<=", todayInEngland(new Date(engagement.opened_at)))
      .executeTakeFirst();
    if (!baseline) return { status: "no_baseline" };
    const dueOn = engagement.follow_up_due_on;
    return { status: "awaiting", dueOn, overdue: dueOn !== null && dueOn < today };
  }
  const capabilities = await db
    .selectFrom("engagement_impact_capability")
    .innerJoin("capability", "capability.id", "engagement_impact_capability.capability_id")
    .select([
      "capability.id",
      "capability.name",
      "engagement_impact_capability.before_maturity",
      "engagement_impact_capability.after_maturity",
    ])
    .where("engagement_impact_capability.engagement_id", "=", engagementId)
    .orderBy("capability.position")
    .orderBy("capability.name")
    .execute();
  return {
    status: "measured",
    meanChange: Number(impact.mean_change),
    beforeOn: impact.before_on,
    afterOn: impact.after_on,
    capabilities: capabilities.map((c) => ({
      capabilityId: c.id,
      name: c.name,
      before: c.before_maturity,
      after: c.after_maturity,
    })),
  };
}

export interface OfferImpact {
  /** Mean change over the engagements measured. */
  meanChange: number;
  measured: number;
  /** Completed engagements still waiting for the requester's re-assessment. */
  awaiting: number;
}

/** Measured impact of each offer's past engagements, in two queries whatever the number of offers. */
export async function offerImpacts(db: Db, offerIds: readonly string[]): Promise<Map<string, OfferImpact>> {
  const result = new Map<string, OfferImpact>();
  if (offerIds.length === 0) return result;
  for (let start = 0; start < offerIds.length; start += 500) {
    const ids = offerIds.slice(start, start + 500);
    const measured = await db
      .selectFrom("engagement")
      .innerJoin("engagement_impact", "engagement_impact.engagement_id", "engagement.id")
      .select((eb) => [
        "engagement.offer_id",
        eb.fn.avg<number>("engagement_impact.mean_change").as("mean_change"),
        eb.fn.countAll<number>().as("measured"),
      ])
      .where("engagement.offer_id", "in", ids)
      .groupBy("engagement.offer_id")
      .execute();
    const awaiting = await db
      .selectFrom("engagement")
      .leftJoin("engagement_impact", "engagement_impact.engagement_id", "engagement.id")
      .select((eb) => ["engagement.offer_id", eb.fn.countAll<number>().as("awaiting")])
      .where("engagement.offer_id", "in", ids)
      .where("engagement.status", "=", "completed")
      .where("engagement_impact.engagement_id", "is", null)
      .groupBy("engagement.offer_id")
      .execute();
    for (const row of measured)
      result.set(row.offer_id, {
        meanChange: Math.round(Number(row.mean_change) * 1000) / 1000,
        measured: Number(row.measured),
        awaiting: 0,
      });
    for (const row of awaiting) {
      const existing = result.get(row.offer_id) ?? { meanChange: 0, measured: 0, awaiting: 0 };
      result.set(row.offer_id, { ...existing, awaiting: Number(row.awaiting) });
    }
  }
  return result;
}

export interface FollowUpTask {
  engagementId: string;
  requestTitle: string;
  pioneerName: string;
  dueOn: string;
  overdue: boolean;
}

/** Re-assessments the organisation owes: completed engagements without measured impact, soonest due first. */
export async function followUpTasks(
  db: Db,
  organisationId: string,
  today: string = todayInEngland(),
): Promise<FollowUpTask[]> {
  const rows = await db
    .selectFrom("engagement")
    .innerJoin("help_request", "help_request.id", "engagement.request_id")
    .innerJoin("organisation as pioneer", "pioneer.id", "engagement.pioneer_organisation_id")
    .leftJoin("engagement_impact", "engagement_impact.engagement_id", "engagement.id")
    .select(["engagement.id", "engagement.follow_up_due_on", "help_request.title", "pioneer.name as pioneer_name"])
    .where("engagement.requester_organisation_id", "=", organisationId)
    .where("engagement.status", "=", "completed")
    .where("engagement_impact.engagement_id", "is", null)
    .where("engagement.follow_up_due_on", "is not", null)
    .orderBy("engagement.follow_up_due_on")
    .orderBy("engagement.id")
    .execute();
  return rows.map((r) => ({
    engagementId: r.id,
    requestTitle: r.title,
    pioneerName: r.pioneer_name,
    dueOn: r.follow_up_due_on!,
    overdue: r.follow_up_due_on! < today,
  }));
}
