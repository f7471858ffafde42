import type { Kysely } from "kysely";
import type { Database } from "../../schema";
import { followUpDueOn } from "../../../app/domain/engagement-rules";
import { addDays, quarterOf, todayInEngland } from "../../../app/lib/dates";
import { newId } from "../../../app/lib/ids";
import { recordAssessment } from "../../../app/models/assessment/assessments.server";
import type { Actor } from "../../../app/auth/policy";
import { openEngagement, recordEngagementEvent } from "../../../app/models/engagement/core.server";
import { measureImpactAfterAssessment } from "../../../app/models/engagement/impact.server";
import { learningSearch } from "../../../app/models/learning/search/index.server";
import { DEMO_ENGAGEMENTS, type DemoEngagement } from "./engagement-data";

/** Noon in England on a day, as a UTC instant, close enough for demo history. */
const instant = (date: string, time = "12:00") => new Date(`${date}T${time}:00Z`).toISOString();

/**
 * Engagements past and present between demo trusts: one active between the demo accounts' trusts,
 * three completed and re-assessed (so impact is measured), one completed and awaiting its
 * follow-up. History is written directly, since the models only let people act in the present.
 */
export async function seedDemoEngagements(
  db: Kysely<Database>,
  input: { leads: Map<string, string>; coordinatorId: string },
): Promise<number> {
  const today = todayInEngland();
  for (const demo of DEMO_ENGAGEMENTS) await seedOne(db, demo, { ...input, today });
  return DEMO_ENGAGEMENTS.length;
}

async function seedOne(
  db: Kysely<Database>,
  demo: DemoEngagement,
  { leads, coordinatorId, today }: { leads: Map<string, string>; coordinatorId: string; today: string },
) {
  const requester = await db
    .selectFrom("organisation")
    .select("id")
    .where("ods_code", "=", demo.requester)
    .executeTakeFirstOrThrow();
  const offer = await db
    .selectFrom("offer")
    .select(["id", "organisation_id", "format_code"])
    .where("title", "=", demo.offer)
    .executeTakeFirstOrThrow();
  const pioneerOds = (
    await db
      .selectFrom("organisation")
      .select("ods_code")
      .where("id", "=", offer.organisation_id)
      .executeTakeFirstOrThrow()
  ).ods_code;
  const requesterLead = leads.get(demo.requester)!;
  const pioneerLead = leads.get(pioneerOds)!;
  const capabilities = await db
    .selectFrom("capability")
    .select(["id", "code"])
    .where("code", "in", demo.capabilities)
    .execute();
  const openedOn = addDays(today, -demo.openedDaysAgo);
  const ended = demo.endedDaysAgo !== undefined;
  const endedOn = ended ? addDays(today, -demo.endedDaysAgo!) : null;

  if (demo.baseline)
    await recordBaseline(db, {
      organisationId: requester.id,
      userId: requesterLead,
      on: addDays(today, -demo.baseline.daysAgo),
      targeted: capabilities.map((c) => c.id),
      change: demo.baseline.change,
    });

  const requestId = newId();
  const submittedAt = instant(addDays(openedOn, -21));
  await db
    .insertInto("help_request")
    .values({
      id: requestId,
      organisation_id: requester.id,
      title: demo.title,
      outcome: demo.outcome,
      window_start: addDays(openedOn, -7),
      window_end: addDays(openedOn, 180),
      virtual_ok: 1,
      travel_limit: "anywhere",
      budget: "free",
      priority: "medium",
      status: ended ? "completed" : "matched",
      created_by: requesterLead,
      created_at: submittedAt,
      updated_at: instant(endedOn ?? openedOn),
      submitted_at: submittedAt,
    })
    .execute();
  await db
    .insertInto("help_request_capability")
    .values(capabilities.map((c) => ({ request_id: requestId, capability_id: c.id })))
    .execute();
  await db
    .insertInto("help_request_audience")
    .values(demo.audiences.map((audience_code) => ({ request_id: requestId, audience_code })))
    .execute();
  await db
    .insertInto("help_request_format")
    .values({ request_id: requestId, format_code: offer.format_code })
    .execute();

  const quarter = quarterOf(openedOn);
  const matchId = newId();
  await db
    .insertInto("outreach_match")
    .values({
      id: matchId,
      request_id: requestId,
      offer_id: offer.id,
      quarter,
      proposal_id: null,
      status: "accepted",
      approved_by: coordinatorId,
      approved_at: instant(addDays(openedOn, -2)),
      approval_reason: "Strong fit on the capabilities asked for",
      responded_by: pioneerLead,
      responded_at: instant(openedOn, "09:00"),
      response_reason: "",
    })
    .execute();
  const load = await db
    .selectFrom("offer_quarter_load")
    .select("approved")
    .where("offer_id", "=", offer.id)
    .where("quarter", "=", quarter)
    .executeTakeFirst();
  if (load)
    await db
      .updateTable("offer_quarter_load")
      .set({ approved: load.approved + 1 })
      .where("offer_id", "=", offer.id)
      .where("quarter", "=", quarter)
      .execute();
  else await db.insertInto("offer_quarter_load").values({ offer_id: offer.id, quarter, approved: 1 }).execute();

  const engagementId = await openEngagement(db, {
    matchId,
    actorId: pioneerLead,
    openedAt: instant(openedOn, "09:00"),
  });
  if (demo.questionnaire) {
    await db
      .insertInto("engagement_questionnaire")
      .values({
        engagement_id: engagementId,
        wants_to_see: demo.questionnaire.wantsToSee,
        current_data: demo.questionnaire.currentData,
        questions: "",
        answered_by: requesterLead,
        answered_at: instant(addDays(openedOn, 2)),
      })
      .execute();
    await recordEngagementEvent(db, {
      engagementId,
      kind: "questionnaire_answered",
      actorId: requesterLead,
      createdAt: instant(addDays(openedOn, 2)),
    });
  }

  for (const session of demo.sessions) {
    const on = addDays(today, session.inDays);
    const sessionId = newId();
    const plannedAt = instant(addDays(openedOn, 3));
    await db
      .insertInto("outreach_session")
      .values({
        id: sessionId,
        engagement_id: engagementId,
        starts_at: `${on}T${session.time}`,
        duration_minutes: 180,
        format_code: offer.format_code,
        location: "Education centre, main site",
        video_link: "",
        agenda: session.agenda,
        status: session.held ? "held" : "planned",
        outcome_note: "",
        recorded_by: session.held ? pioneerLead : null,
        recorded_at: session.held ? instant(on, "17:00") : null,
        created_by: pioneerLead,
        created_at: plannedAt,
        updated_at: session.held ? instant(on, "17:00") : plannedAt,
      })
      .execute();
    await db
      .insertInto("session_attendance")
      .values(
        Object.entries(session.attendance).map(([audience_code, planned]) => ({
          session_id: sessionId,
          audience_code,
          planned,
          attended: session.held ? planned : null,
        })),
      )
      .execute();
    await recordEngagementEvent(db, {
      engagementId,
      sessionId,
      kind: "session_planned",
      actorId: pioneerLead,
      createdAt: plannedAt,
    });
    if (session.held)
      await recordEngagementEvent(db, {
        engagementId,
        sessionId,
        kind: "session_held",
        actorId: pioneerLead,
        createdAt: instant(on, "17:00"),
      });
  }

  const authors = {
    requester: { organisationId: requester.id, userId: requesterLead },
    pioneer: { organisationId: offer.organisation_id, userId: pioneerLead },
  };
  for (const [position, learning] of demo.learning.entries()) {
    const entryId = newId();
    const at = instant(addDays(endedOn ?? today, -5 + position));
    const author = authors[learning.by];
    await db
      .insertInto("learning_entry")
      .values({
        id: entryId,
        engagement_id: engagementId,
        organisation_id: author.organisationId,
        author_id: author.userId,
        title: learning.title,
        insight: learning.insight,
        visibility: learning.visibility,
        created_at: at,
        updated_at: at,
      })
      .execute();
    const tagged = await db.selectFrom("capability").select("id").where("code", "in", learning.capabilities).execute();
    await db
      .insertInto("learning_capability")
      .values(tagged.map((c) => ({ entry_id: entryId, capability_id: c.id })))
      .execute();
    for (const [i, link] of (learning.links ?? []).entries()) {
      await db
        .insertInto("learning_link")
        .values({ id: newId(), entry_id: entryId, title: link.title, url: link.url, position: i })
        .execute();
    }
    for (const action of learning.actions ?? []) {
      await db
        .insertInto("learning_action")
        .values({
          id: newId(),
          entry_id: entryId,
          engagement_id: engagementId,
          description: action.description,
          owner: action.owner,
          due_on: addDays(today, action.dueInDays),
          status: action.status,
          updated_by: author.userId,
          updated_at: at,
        })
        .execute();
    }
    await recordEngagementEvent(db, {
      engagementId,
      kind: "learning_recorded",
      actorId: author.userId,
      note:
        learning.visibility === "shared"
          ? `Learning recorded: ${learning.title}`
          : "A private learning entry was recorded",
      createdAt: at,
    });
    await db.transaction().execute((trx) => learningSearch(trx).indexEntry(trx, entryId));
  }

  if (endedOn) {
    await db
      .updateTable("engagement")
      .set({
        status: "completed",
        ended_at: instant(endedOn, "16:00"),
        ended_by: pioneerLead,
        end_reason: "All planned sessions held",
        follow_up_due_on: followUpDueOn(endedOn, 6),
      })
      .where("id", "=", engagementId)
      .execute();
    await recordEngagementEvent(db, {
      engagementId,
      kind: "completed",
      actorId: pioneerLead,
      note: "All planned sessions held",
      createdAt: instant(endedOn, "16:00"),
    });
    for (const [side, given] of Object.entries(demo.feedback ?? {})) {
      if (!given) continue;
      const author = authors[side as "requester" | "pioneer"];
      const [usefulness, preparation, recommend, comment] = given;
      await db
        .insertInto("engagement_feedback")
        .values({
          engagement_id: engagementId,
          organisation_id: author.organisationId,
          usefulness,
          preparation,
          would_recommend: recommend ? 1 : 0,
          comment,
          given_by: author.userId,
          given_at: instant(addDays(endedOn, 3)),
        })
        .execute();
    }
    // The demo trusts' current assessments were made after these engagements ended: they measure them.
    await measureImpactAfterAssessment(db, { organisationId: requester.id, actorId: requesterLead });
  }
}

/** An earlier self-assessment: the current one, lower on the targeted capabilities by `change`. */
async function recordBaseline(
  db: Kysely<Database>,
  input: { organisationId: string; userId: string; on: string; targeted: string[]; change: number },
) {
  const current = await db
    .selectFrom("assessment")
    .select("id")
    .where("organisation_id", "=", input.organisationId)
    .orderBy("assessed_on", "desc")
    .orderBy("created_at", "desc")
    .executeTakeFirstOrThrow();
  const scores = await db
    .selectFrom("assessment_score")
    .select(["capability_id", "maturity"])
    .where("assessment_id", "=", current.id)
    .execute();
  const readiness = await db
    .selectFrom("assessment_readiness")
    .select(["factor_code", "score"])
    .where("assessment_id", "=", current.id)
    .execute();
  const lead: Actor = { id: input.userId, role: "org_admin", organisationId: input.organisationId, scope: null };
  await recordAssessment(db, lead, {
    organisationId: input.organisationId,
    assessedOn: input.on,
    note: "Baseline self-assessment",
    scores: scores.map((s) => ({
      capabilityId: s.capability_id,
      maturity: input.targeted.includes(s.capability_id) ? Math.max(1, s.maturity - input.change) : s.maturity,
      evidence: "",
    })),
    readiness: readiness.map((r) => ({ factorCode: r.factor_code, score: r.score })),
  });
}
