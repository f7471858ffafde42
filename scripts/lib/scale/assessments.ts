import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { daysBetween } from "../../../app/lib/dates";
import { dayBetween, plusDays, stampOn } from "./calendar";
import type { RowSink } from "./rows";
import type { AssessmentPlan, EngagementPlan, OrganisationPlan, ScaleContext } from "./plan";
import type { PhaseRun } from "./progress";
import { writeInChunks } from "./rows";

/** Every trust's first assessment falls in the first two months, before any request. */
export const FIRST_ASSESSMENT_DAYS = 60;

/**
 * Share of trusts that re-assess after the help they receive. The others keep to their early
 * assessments, so their impact is never measured; about 60% of completed engagements end up
 * with measured impact, the rest waiting for a re-assessment.
 */
export const REASSESSING_SHARE = 0.63;

/** Slow improvement everyone makes, help or no help: points of maturity a year. */
const DRIFT_PER_YEAR = 0.15;

const clamp = (value: number) => Math.min(5, Math.max(1, Math.round(value)));

/**
 * When each trust assessed itself: a first assessment early on and up to two more later; a trust
 * that re-assesses after help also does so some months after most engagements it completes
 * (unless an assessment already falls then). One that does not keeps its later assessments
 * before its first engagement. Scores are filled by scoreAssessments once every engagement is known.
 */
export function planAssessments(
  ctx: ScaleContext,
  organisations: readonly OrganisationPlan[],
  engagements: readonly EngagementPlan[],
): AssessmentPlan[] {
  const { random, calendar } = ctx;
  const byOrganisation = new Map<OrganisationPlan, AssessmentPlan[]>();
  const add = (organisation: OrganisationPlan, assessedOn: string, note: string, followUp: boolean) => {
    const plan: AssessmentPlan = {
      id: random.uuid(),
      organisation,
      assessedOn,
      createdAt: stampOn(assessedOn, random),
      note,
      followUp,
      scores: [],
      readiness: [],
    };
    byOrganisation.set(organisation, [...(byOrganisation.get(organisation) ?? []), plan]);
  };
  const firstOpened = new Map<OrganisationPlan, string>();
  for (const e of engagements) {
    const day = e.openedAt.slice(0, 10);
    const known = firstOpened.get(e.request.organisation);
    if (!known || day < known) firstOpened.set(e.request.organisation, day);
  }
  const reassessing = new Set<OrganisationPlan>();
  for (const organisation of organisations) {
    if (random.chance(REASSESSING_SHARE)) reassessing.add(organisation);
    add(
      organisation,
      dayBetween(calendar.start, plusDays(calendar.start, FIRST_ASSESSMENT_DAYS), random),
      "Board-approved self-assessment",
      false,
    );
    const later = plusDays(calendar.start, FIRST_ASSESSMENT_DAYS + 30);
    const until = reassessing.has(organisation)
      ? calendar.yesterday
      : plusDays(firstOpened.get(organisation) ?? calendar.today, -1);
    if (until < later) continue;
    for (let k = random.int(0, 2); k > 0; k--)
      add(organisation, dayBetween(later, until, random), "Annual self-assessment", false);
  }
  for (const e of engagements) {
    if (e.status !== "completed" || !reassessing.has(e.request.organisation) || !random.chance(0.9)) continue;
    const endedOn = e.endedAt!.slice(0, 10);
    const existing = byOrganisation.get(e.request.organisation) ?? [];
    if (existing.some((a) => a.assessedOn >= endedOn && daysBetween(endedOn, a.assessedOn) <= 180)) continue;
    const day = plusDays(endedOn, random.int(30, 180));
    if (day <= calendar.yesterday) add(e.request.organisation, day, "Re-assessment after peer support", true);
  }
  return [...byOrganisation.values()].flatMap((list) =>
    list.sort((a, b) => a.assessedOn.localeCompare(b.assessedOn) || a.createdAt.localeCompare(b.createdAt)),
  );
}

/**
 * Scores each assessment from the trust's underlying maturity: its starting level, slow drift,
 * and what each engagement it completed before that day added on the capabilities it targeted,
 * with a little noise. A pioneer's strengths never fall below established, as its offers need.
 */
export function scoreAssessments(
  ctx: ScaleContext,
  assessments: AssessmentPlan[],
  engagements: readonly EngagementPlan[],
): void {
  const { random, calendar, reference } = ctx;
  const helped = new Map<OrganisationPlan, EngagementPlan[]>();
  for (const e of engagements)
    if (e.status === "completed")
      helped.set(e.request.organisation, [...(helped.get(e.request.organisation) ?? []), e]);
  for (const a of assessments) {
    const o = a.organisation;
    const drift = (daysBetween(calendar.start, a.assessedOn) / 365) * DRIFT_PER_YEAR;
    const gained = o.base.map(() => 0);
    for (const e of helped.get(o) ?? []) {
      if (e.endedAt!.slice(0, 10) > a.assessedOn) continue;
      e.request.capabilities.forEach((index, k) => (gained[index] += e.gains[k]));
    }
    a.scores = o.base.map((base, index) => {
      const score = clamp(base + drift + gained[index] + random.normal() * 0.3);
      return o.strong.includes(index) ? Math.max(4, score) : score;
    });
    a.readiness = reference.factors.map(() => clamp(o.readiness + drift + random.normal() * 0.8));
  }
}

export async function addAssessment(sink: RowSink, ctx: ScaleContext, a: AssessmentPlan): Promise<void> {
  const { reference } = ctx;
  await sink.add("assessment", {
    id: a.id,
    organisation_id: a.organisation.id,
    assessed_by: a.organisation.users[0].id,
    assessed_on: a.assessedOn,
    note: a.note,
    created_at: a.createdAt,
  });
  for (let index = 0; index < a.scores.length; index++) {
    await sink.add("assessment_score", {
      assessment_id: a.id,
      capability_id: reference.capabilities[index].id,
      maturity: a.scores[index],
      evidence: "",
    });
  }
  for (let index = 0; index < a.readiness.length; index++) {
    await sink.add("assessment_readiness", {
      assessment_id: a.id,
      factor_code: reference.factors[index],
      score: a.readiness[index],
    });
  }
}

/** Writes the assessments that are not follow-ups; those come with the impact they prove. */
export async function writeAssessments(
  db: Kysely<Database>,
  ctx: ScaleContext,
  assessments: AssessmentPlan[],
  phase: PhaseRun,
): Promise<number> {
  return writeInChunks(
    db,
    assessments.filter((a) => !a.followUp),
    1_000,
    (sink, a) => addAssessment(sink, ctx, a),
    phase.advance,
  );
}
