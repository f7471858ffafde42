import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { todayInEngland } from "../../lib/dates";
import { followUpTasks } from "../engagement/impact.server";

export type Task =
  | { kind: "questionnaire"; engagementId: string; title: string; otherName: string }
  | { kind: "feedback"; engagementId: string; title: string; otherName: string }
  | { kind: "reassessment"; engagementId: string; title: string; otherName: string; dueOn: string; overdue: boolean };

/**
 * What the organisation owes its engagements, for the home page: the pre-visit questionnaire
 * before the first session, feedback once an engagement ends, and the follow-up re-assessment.
 */
export async function tasksForOrganisation(db: Kysely<Database>, organisationId: string, today: string = todayInEngland()): Promise<Task[]> {
  const questionnaires = await db
    .selectFrom("engagement")
    .innerJoin("help_request", "help_request.id", "engagement.request_id")
    .innerJoin("organisation as pioneer", "pioneer.id", "engagement.pioneer_organisation_id")
    .leftJoin("engagement_questionnaire as q", "q.engagement_id", "engagement.id")
    .select(["engagement.id", "help_request.title", "pioneer.name"])
    .where("engagement.requester_organisation_id", "=", organisationId)
    .where("engagement.status", "=", "active")
    .where("q.engagement_id", "is", null)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom("outreach_session").select("outreach_session.id").whereRef("outreach_session.engagement_id", "=", "engagement.id").where("outreach_session.status", "=", "held"))),
    )
    .orderBy("engagement.opened_at")
    .execute();
  const feedback = await db
    .selectFrom("engagement")
    .innerJoin("help_request", "help_request.id", "engagement.request_id")
    .innerJoin("organisation as requester", "requester.id", "engagement.requester_organisation_id")
    .innerJoin("organisation as pioneer", "pioneer.id", "engagement.pioneer_organisation_id")
    .select(["engagement.id", "help_request.title", "requester.id as requester_id", "requester.name as requester_name", "pioneer.name as pioneer_name"])
    .where((eb) => eb.or([eb("engagement.requester_organisation_id", "=", organisationId), eb("engagement.pioneer_organisation_id", "=", organisationId)]))
    .where("engagement.status", "in", ["completed", "stopped"])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("engagement_feedback")
            .select("engagement_feedback.engagement_id")
            .whereRef("engagement_feedback.engagement_id", "=", "engagement.id")
            .where("engagement_feedback.organisation_id", "=", organisationId),
        ),
      ),
    )
    .orderBy("engagement.ended_at")
    .execute();
  const reassessments = await followUpTasks(db, organisationId, today);
  return [
    ...questionnaires.map((r): Task => ({ kind: "questionnaire", engagementId: r.id, title: r.title, otherName: r.name })),
    ...feedback.map((r): Task => ({ kind: "feedback", engagementId: r.id, title: r.title, otherName: r.requester_id === organisationId ? r.pioneer_name : r.requester_name })),
    ...reassessments.map((t): Task => ({ kind: "reassessment", engagementId: t.engagementId, title: t.requestTitle, otherName: t.pioneerName, dueOn: t.dueOn, overdue: t.overdue })),
  ];
}
