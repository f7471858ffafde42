import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { assessmentsAround, measureImpact } from "../../../app/domain/impact";
import { describeChange } from "../../../app/models/engagement/impact.server";
import { addAssessment } from "./assessments";
import type { AssessmentPlan, EngagementPlan, ImpactPlan, OrganisationPlan, ScaleContext } from "./plan";
import type { PhaseRun } from "./progress";
import { writeInChunks } from "./rows";

/**
 * Impact exactly as the service measures it when a trust re-assesses: for each completed
 * engagement, the trust's assessment before it opened and its first one after it ended, compared
 * on the capabilities the request targeted. An engagement without both has no impact row.
 */
export function planImpacts(
  ctx: ScaleContext,
  engagements: readonly EngagementPlan[],
  assessments: readonly AssessmentPlan[],
): ImpactPlan[] {
  const { reference } = ctx;
  const byOrganisation = new Map<OrganisationPlan, AssessmentPlan[]>();
  for (const a of assessments) byOrganisation.set(a.organisation, [...(byOrganisation.get(a.organisation) ?? []), a]);
  const maturity = (a: AssessmentPlan) =>
    Object.fromEntries(a.scores.map((score, index) => [reference.capabilities[index].id, score]));
  const indexOf = new Map(reference.capabilities.map((c, index) => [c.id, index]));
  const impacts: ImpactPlan[] = [];
  for (const e of engagements) {
    if (e.status !== "completed") continue;
    const own = byOrganisation.get(e.request.organisation) ?? [];
    const dated = own.map((a) => ({ id: a.id, assessedOn: a.assessedOn, createdAt: a.createdAt, plan: a }));
    const pair = assessmentsAround(dated, { openedOn: e.openedAt.slice(0, 10), endedOn: e.endedAt!.slice(0, 10) });
    if (!pair) continue;
    const measured = measureImpact({
      targeted: e.request.capabilities.map((index) => reference.capabilities[index].id),
      before: maturity(pair.before.plan),
      after: maturity(pair.after.plan),
    });
    if (!measured) continue;
    impacts.push({
      engagement: e,
      before: pair.before.plan,
      after: pair.after.plan,
      meanChange: measured.meanChange,
      capabilities: measured.capabilities.map((c) => ({
        index: indexOf.get(c.capabilityId)!,
        before: c.before,
        after: c.after,
      })),
    });
  }
  return impacts;
}

/** The follow-up assessments, then the impact each proves, with the engagement's timeline event. */
export async function writeImpacts(
  db: Kysely<Database>,
  ctx: ScaleContext,
  assessments: AssessmentPlan[],
  impacts: ImpactPlan[],
  phase: PhaseRun,
): Promise<number> {
  const { random, reference } = ctx;
  const followUps = await writeInChunks(
    db,
    assessments.filter((a) => a.followUp),
    1_000,
    (sink, a) => addAssessment(sink, ctx, a),
    () => undefined,
  );
  const rows = await writeInChunks(
    db,
    impacts,
    1_000,
    async (sink, impact) => {
      const e = impact.engagement;
      // Measured when the re-assessment was recorded, which is never before the engagement ended.
      const measuredAt =
        impact.after.createdAt > e.endedAt!
          ? impact.after.createdAt
          : new Date(new Date(e.endedAt!).getTime() + 60_000).toISOString();
      await sink.add("engagement_impact", {
        engagement_id: e.id,
        before_assessment_id: impact.before.id,
        after_assessment_id: impact.after.id,
        mean_change: impact.meanChange,
        capabilities_measured: impact.capabilities.length,
        measured_at: measuredAt,
      });
      for (const c of impact.capabilities) {
        await sink.add("engagement_impact_capability", {
          engagement_id: e.id,
          capability_id: reference.capabilities[c.index].id,
          before_maturity: c.before,
          after_maturity: c.after,
        });
      }
      await sink.add("engagement_event", {
        id: random.uuid(),
        engagement_id: e.id,
        session_id: null,
        kind: "impact_measured",
        note: describeChange(impact.meanChange),
        actor_id: e.request.organisation.users[0].id,
        created_at: measuredAt,
      });
    },
    phase.advance,
  );
  return followUps + rows;
}
