import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { Actor } from "../../auth/policy";
import { nowIso } from "../../lib/dates";
import { NotFound } from "../../lib/errors";

type Table = keyof Database;

/**
 * Where a person's own work is kept: each table, the columns given back, and the columns that
 * name them as its author or actor. Secrets (session ids, token and code hashes, keys) are never listed.
 */
const WRITTEN: { section: string; table: Table; columns: string[]; by: string[] }[] = [
  {
    section: "assessments",
    table: "assessment",
    columns: ["id", "organisation_id", "assessed_on", "note", "created_at"],
    by: ["assessed_by"],
  },
  {
    section: "assessmentDrafts",
    table: "assessment_draft",
    columns: ["organisation_id", "values_json", "saved_at"],
    by: ["saved_by"],
  },
  {
    section: "helpRequests",
    table: "help_request",
    columns: ["id", "organisation_id", "title", "outcome", "status", "created_at", "updated_at", "submitted_at"],
    by: ["created_by"],
  },
  {
    section: "helpRequestEvents",
    table: "help_request_event",
    columns: ["id", "request_id", "from_status", "to_status", "note", "created_at"],
    by: ["actor_id"],
  },
  {
    section: "offers",
    table: "offer",
    columns: ["id", "organisation_id", "title", "description", "contact_name", "contact_email", "status", "created_at"],
    by: ["created_by"],
  },
  {
    section: "offerEvents",
    table: "offer_event",
    columns: ["id", "offer_id", "from_status", "to_status", "note", "created_at"],
    by: ["actor_id"],
  },
  {
    section: "matchingRoundsRun",
    table: "match_round",
    columns: ["id", "scope", "scope_code", "quarter", "created_at"],
    by: ["run_by"],
  },
  {
    section: "proposalDecisions",
    table: "match_proposal",
    columns: ["id", "round_id", "request_id", "offer_id", "status", "decided_at", "decision_reason"],
    by: ["decided_by"],
  },
  {
    section: "matchDecisions",
    table: "outreach_match",
    columns: [
      "id",
      "request_id",
      "offer_id",
      "status",
      "approved_by",
      "approved_at",
      "approval_reason",
      "responded_by",
      "responded_at",
      "response_reason",
    ],
    by: ["approved_by", "responded_by"],
  },
  {
    section: "matchPairRules",
    table: "match_pair_rule",
    columns: ["id", "request_id", "offer_id", "kind", "reason", "created_at"],
    by: ["created_by"],
  },
  {
    section: "decisionReasons",
    table: "decision_log",
    columns: ["id", "subject_type", "subject_id", "action", "reason", "created_at"],
    by: ["actor_id"],
  },
  {
    section: "pioneerStatusRequests",
    table: "pioneer_status_request",
    columns: [
      "id",
      "organisation_id",
      "reason",
      "status",
      "requested_by",
      "requested_at",
      "decided_by",
      "decided_at",
      "decision_note",
    ],
    by: ["requested_by", "decided_by"],
  },
  {
    section: "invitationsSent",
    table: "invitation",
    columns: ["id", "role", "organisation_id", "coordinating_body_id", "created_at", "expires_at", "accepted_at"],
    by: ["invited_by"],
  },
  {
    section: "engagementsEnded",
    table: "engagement",
    columns: ["id", "status", "ended_at", "end_reason"],
    by: ["ended_by"],
  },
  {
    section: "engagementEvents",
    table: "engagement_event",
    columns: ["id", "engagement_id", "session_id", "kind", "note", "created_at"],
    by: ["actor_id"],
  },
  {
    section: "engagementSessions",
    table: "outreach_session",
    columns: [
      "id",
      "engagement_id",
      "starts_at",
      "duration_minutes",
      "location",
      "video_link",
      "agenda",
      "status",
      "outcome_note",
      "created_by",
      "created_at",
      "recorded_by",
      "recorded_at",
    ],
    by: ["created_by", "recorded_by"],
  },
  {
    section: "engagementContacts",
    table: "engagement_contact",
    columns: ["engagement_id", "organisation_id", "name", "email", "phone", "updated_at"],
    by: ["updated_by"],
  },
  {
    section: "questionnaireAnswers",
    table: "engagement_questionnaire",
    columns: ["engagement_id", "wants_to_see", "current_data", "questions", "answered_at"],
    by: ["answered_by"],
  },
  {
    section: "feedback",
    table: "engagement_feedback",
    columns: [
      "engagement_id",
      "organisation_id",
      "usefulness",
      "preparation",
      "would_recommend",
      "comment",
      "given_at",
    ],
    by: ["given_by"],
  },
  {
    section: "learningEntries",
    table: "learning_entry",
    columns: ["id", "engagement_id", "organisation_id", "title", "insight", "visibility", "created_at", "updated_at"],
    by: ["author_id"],
  },
  {
    section: "learningActions",
    table: "learning_action",
    columns: ["id", "entry_id", "description", "owner", "due_on", "status", "updated_at"],
    by: ["updated_by"],
  },
];

export type PersonalData = Awaited<ReturnType<typeof personalDataOf>>;

/**
 * Everything Peerlink holds about the acting person, for them to download: their profile,
 * sessions, second factor, linked identities, notifications, mail, what they wrote and the audit
 * events about them. Only ever the actor's own: there is no way to ask for someone else's.
 */
export async function personalDataOf(db: Kysely<Database>, actor: Actor, now = nowIso()) {
  const profile = await db
    .selectFrom("app_user")
    .leftJoin("organisation", "organisation.id", "app_user.organisation_id")
    .leftJoin("coordinating_body", "coordinating_body.id", "app_user.coordinating_body_id")
    .select([
      "app_user.id",
      "app_user.name",
      "app_user.email",
      "app_user.role",
      "organisation.name as organisation",
      "coordinating_body.name as coordinating_body",
      "app_user.created_at",
      "app_user.disabled_at",
      "app_user.last_sign_in_at",
    ])
    .where("app_user.id", "=", actor.id)
    .executeTakeFirst();
  if (!profile) throw new NotFound("Person");
  const id = profile.id;
  const anyDb = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const written: Record<string, Record<string, unknown>[]> = {};
  for (const { section, table, columns, by } of WRITTEN) {
    written[section] = await anyDb
      .selectFrom(table)
      .select(columns)
      .where((eb) => eb.or(by.map((column) => eb(eb.ref(column), "=", id))))
      .execute();
  }
  const totp = await db
    .selectFrom("user_totp")
    .select(["created_at", "confirmed_at"])
    .where("user_id", "=", id)
    .executeTakeFirst();
  return {
    about:
      "Everything Peerlink holds about you. Times are UTC. Ids refer to other records in Peerlink; people other than you are named by id only.",
    downloadedAt: now,
    profile,
    sessions: await db
      .selectFrom("auth_session")
      .select(["device", "created_at as started_at", "last_seen_at", "expires_at"])
      .where("user_id", "=", id)
      .orderBy("created_at")
      .execute(),
    twoFactor: {
      setUp: totp?.confirmed_at != null,
      startedAt: totp?.created_at ?? null,
      confirmedAt: totp?.confirmed_at ?? null,
      unusedRecoveryCodes: Number(
        (
          await db
            .selectFrom("recovery_code")
            .select((eb) => eb.fn.countAll().as("n"))
            .where("user_id", "=", id)
            .where("used_at", "is", null)
            .executeTakeFirstOrThrow()
        ).n,
      ),
    },
    nhsIdentities: await db
      .selectFrom("oidc_identity")
      .select(["issuer", "subject", "linked_at"])
      .where("user_id", "=", id)
      .execute(),
    mailPreferences: await db
      .selectFrom("mail_preference")
      .select(["kind", "delivery", "updated_at"])
      .where("user_id", "=", id)
      .execute(),
    notifications: await db
      .selectFrom("notification")
      .select(["kind", "title", "body", "link", "created_at", "read_at"])
      .where("user_id", "=", id)
      .orderBy("created_at")
      .execute(),
    mailSentToYou: await db
      .selectFrom("outbox")
      .select(["subject", "body", "created_at", "sent_at", "failed_at"])
      .where("to_address", "=", profile.email)
      .orderBy("created_at")
      .execute(),
    engagementsYouAttend: await db
      .selectFrom("engagement_attendee")
      .select(["engagement_id", "organisation_id"])
      .where("user_id", "=", id)
      .execute(),
    written,
    auditEvents: await db
      .selectFrom("audit_event")
      .select(["occurred_at", "kind", "actor_id", "subject_user_id", "organisation_id", "client_address", "detail"])
      .where((eb) => eb.or([eb("actor_id", "=", id), eb("subject_user_id", "=", id)]))
      .orderBy("occurred_at")
      .execute(),
  };
}
