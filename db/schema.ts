import type { ColumnType, Generated } from "kysely";

/**
 * The typed shape of every table. Timestamps are ISO-8601 UTC text and booleans are 0/1
 * integers, so rows look the same on SQLite and PostgreSQL. Columns with a DEFAULT in the
 * migrations are Generated, so inserts may leave them out; nullable columns may be left out too.
 */
export interface Database {
  region: RegionTable;
  icb: IcbTable;
  organisation: OrganisationTable;
  coordinating_body: CoordinatingBodyTable;
  pioneer_status_request: PioneerStatusRequestTable;
  app_user: UserTable;
  auth_session: AuthSessionTable;
  sign_in_attempt: SignInAttemptTable;
  sign_in_throttle: SignInThrottleTable;
  data_version: DataVersionTable;
  invitation: InvitationTable;
  outbox: OutboxTable;
  password_reset: PasswordResetTable;
  password_reset_request: PasswordResetRequestTable;
  engagement_contact: EngagementContactTable;
  engagement_attendee: EngagementAttendeeTable;
  job: JobTable;
  reminder_sent: ReminderSentTable;
  mail_preference: MailPreferenceTable;
  user_totp: UserTotpTable;
  recovery_code: RecoveryCodeTable;
  sign_in_challenge: SignInChallengeTable;
  oidc_authorisation: OidcAuthorisationTable;
  oidc_identity: { issuer: string; subject: string; user_id: string; linked_at: string };
  oidc_session: { session_id: string; id_token: string };
  audit_event: AuditEventTable;

  capability_domain: CapabilityDomainTable;
  capability: CapabilityTable;
  audience_level: ReferenceTable;
  offer_format: OfferFormatTable;
  readiness_factor: ReferenceTable;
  assessment: AssessmentTable;
  assessment_draft: { organisation_id: string; values_json: string; saved_by: string; saved_at: string };
  assessment_score: AssessmentScoreTable;
  assessment_readiness: AssessmentReadinessTable;
  help_request: HelpRequestTable;
  help_request_capability: { request_id: string; capability_id: string };
  help_request_audience: { request_id: string; audience_code: string };
  help_request_format: { request_id: string; format_code: string };
  request_interest: RequestInterestTable;
  help_request_event: HelpRequestEventTable;
  offer: OfferTable;
  offer_capability: { offer_id: string; capability_id: string; evidence: Generated<string> };
  offer_audience: { offer_id: string; audience_code: string };
  offer_window: { id: string; offer_id: string; starts_on: string; ends_on: string };
  offer_event: OfferEventTable;

  match_round: MatchRoundTable;
  match_proposal: MatchProposalTable;
  outreach_match: OutreachMatchTable;
  offer_quarter_load: { offer_id: string; quarter: string; approved: Generated<number> };
  match_pair_rule: MatchPairRuleTable;
  decision_log: DecisionLogTable;
  notification: NotificationTable;

  engagement: EngagementTable;
  engagement_event: EngagementEventTable;
  engagement_questionnaire: EngagementQuestionnaireTable;
  outreach_session: OutreachSessionTable;
  session_attendance: SessionAttendanceTable;
  learning_entry: LearningEntryTable;
  learning_capability: { entry_id: string; capability_id: string };
  learning_link: LearningLinkTable;
  learning_action: LearningActionTable;
  engagement_feedback: EngagementFeedbackTable;
  engagement_impact: EngagementImpactTable;
  engagement_impact_capability: EngagementImpactCapabilityTable;
  // learning_search (FTS5 on SQLite, tsvector on PostgreSQL) differs by engine and is reached
  // only through app/models/learning/search/, with raw SQL.
}

export interface RegionTable {
  code: string; // ODS code, e.g. Y56
  ons_code: string;
  name: string;
}

export interface IcbTable {
  code: string; // ODS code, "Q" plus two characters
  name: string;
  region_code: string;
  /** The published list this row came from; boards merge, so the list is versioned data. */
  list_version: string;
}

export type OrganisationType = "acute" | "acute_specialist" | "mental_health" | "community" | "ambulance" | "other";

export interface OrganisationTable {
  id: string;
  ods_code: string;
  name: string;
  type: Generated<OrganisationType>;
  is_foundation_trust: Generated<number>;
  region_code: string | null;
  icb_code: string | null;
  address: Generated<string>;
  postcode: Generated<string>;
  opened_on: string | null; // YYYY-MM-DD
  closed_on: string | null;
  active: Generated<number>;
  seeks_help: Generated<number>;
  offers_outreach: Generated<number>;
  created_at: string;
  updated_at: string;
  /** Set by a coordinator when the trust is a priority for support, e.g. "Recovery Support Programme". */
  support_priority: Generated<string | null>;
  /** Engagements a quarter across all the organisation's offers (its improvement team's time); null: no shared limit. */
  shared_capacity_per_quarter: Generated<number | null>;
}

/** A pioneer organisation said it is interested in helping with a request. */
export interface RequestInterestTable {
  request_id: string;
  organisation_id: string;
  marked_by: string;
  marked_at: string;
}

export type CoordinatorScope = "national" | "region" | "icb";

export type PioneerStatusRequestStatus = "pending" | "granted" | "refused";

/** A trust's request to become a pioneer, and the decision on it. */
export interface PioneerStatusRequestTable {
  id: string;
  organisation_id: string;
  reason: string;
  status: PioneerStatusRequestStatus;
  requested_by: string;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: Generated<string>;
}

export interface CoordinatingBodyTable {
  id: string;
  name: string;
  scope: CoordinatorScope;
  /** Region code for "region", ICB code for "icb", null for "national". */
  scope_code: string | null;
}

export type UserRole = "member" | "org_admin" | "coordinator" | "admin";

export interface UserTable {
  id: string;
  email: string; // stored lower-case
  name: string;
  password_hash: string;
  role: UserRole;
  organisation_id: string | null;
  coordinating_body_id: string | null;
  created_at: string;
  disabled_at: string | null;
  last_sign_in_at: string | null;
}

export interface AuthSessionTable {
  /** SHA-256 of the session id in the cookie; the id itself is never stored. */
  id: string;
  user_id: string;
  expires_at: string;
  created_at: string;
  last_seen_at: string;
  /** Browser and system the session was started from, like "Firefox on Windows"; never the raw User-Agent. */
  device: string | null;
}

/** Appended only (a trigger refuses updates and deletes); people by id, never by name or email. */
export interface AuditEventTable {
  id: string;
  occurred_at: string;
  kind: string;
  actor_id: string | null;
  subject_user_id: string | null;
  organisation_id: string | null;
  client_address: string | null;
  detail: string | null;
}

export interface SignInAttemptTable {
  id: string;
  email: string;
  client: string;
  succeeded: number;
  attempted_at: string;
  /** When the password check finished; null while it runs, and the attempt counts as a failure until then. */
  settled_at: string | null;
}

/** One row per throttle key, written first in every reservation so that reservations for a key take turns. */
export interface SignInThrottleTable {
  key: string;
  touched_at: string;
}

/** A counter per kind of kept data, bumped by the writes that make kept answers stale. */
export interface DataVersionTable {
  name: "learning_library";
  version: Generated<number>;
}

export interface InvitationTable {
  id: string;
  token_hash: string;
  email: string;
  name: string;
  role: UserRole;
  organisation_id: string | null;
  coordinating_body_id: string | null;
  invited_by: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  /** Taken back before it was used: the link no longer works. */
  withdrawn_at: string | null;
}

export interface OutboxTable {
  id: string;
  to_address: string;
  subject: string;
  body: string;
  created_at: string;
  sent_at: string | null;
  calendar_method: "REQUEST" | "CANCEL" | null;
  calendar_ics: string | null;
  /** The process delivering it, and until when; an expired claim may be taken by another. */
  claimed_by: string | null;
  claimed_until: string | null;
  attempts: Generated<number>;
  /** Set after a temporary failure: not tried again before then. */
  next_attempt_at: string | null;
  last_error: string | null;
  /** Set after a permanent failure: never tried again. */
  failed_at: string | null;
}

export interface PasswordResetTable {
  id: string;
  /** SHA-256 of the token in the link; the token itself is never stored. */
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface PasswordResetRequestTable {
  id: string;
  email: string;
  client: string;
  requested_at: string;
}

export interface EngagementContactTable {
  engagement_id: string;
  organisation_id: string;
  name: string;
  email: string;
  phone: string;
  updated_by: string;
  updated_at: string;
}

export interface EngagementAttendeeTable {
  engagement_id: string;
  user_id: string;
  organisation_id: string;
}

export interface JobTable {
  name: string;
  next_run_at: string;
  locked_by: string | null;
  locked_until: string | null;
  last_started_at: string | null;
  last_finished_at: string | null;
  last_error: string | null;
  runs: Generated<number>;
  failures: Generated<number>;
}

export interface ReminderSentTable {
  kind: string;
  subject_id: string;
  recipient: string;
  sent_at: string;
}

export type MailDelivery = "immediate" | "digest" | "app";

export interface MailPreferenceTable {
  user_id: string;
  kind: string;
  delivery: MailDelivery;
  updated_at: string;
}

export interface CapabilityDomainTable {
  id: string;
  name: string;
  description: Generated<string>;
  position: Generated<number>;
  retired_at: string | null;
}

export interface CapabilityTable {
  id: string;
  /** Short stable code, e.g. W8 or QSIR-MFI. */
  code: string;
  name: string;
  description: Generated<string>;
  domain_id: string;
  position: Generated<number>;
  /** A retired capability is no longer offered on forms but stays on old records. */
  retired_at: string | null;
  created_at: string;
}

/** Audience levels and readiness factors: small coded lists an admin can change. */
export interface ReferenceTable {
  code: string;
  name: string;
  description: Generated<string>;
  position: Generated<number>;
  retired_at: string | null;
}

export interface OfferFormatTable extends ReferenceTable {
  is_virtual: Generated<number>;
}

export interface AssessmentTable {
  id: string;
  organisation_id: string;
  assessed_by: string;
  assessed_on: string; // YYYY-MM-DD
  note: Generated<string>;
  created_at: string;
}

/** Maturity 1 to 5: not started, emerging, developing, established, exemplary. */
export interface AssessmentScoreTable {
  assessment_id: string;
  capability_id: string;
  maturity: number;
  evidence: Generated<string>;
}

export interface AssessmentReadinessTable {
  assessment_id: string;
  factor_code: string;
  score: number;
}

export type TravelLimit = "icb" | "region" | "anywhere";
export type CostModel = "free" | "cost_recovery" | "fee";
export type Priority = "low" | "medium" | "high";
export type RequestStatus =
  "draft" | "submitted" | "needs_info" | "matched" | "in_progress" | "completed" | "withdrawn";

export interface HelpRequestTable {
  id: string;
  organisation_id: string;
  title: string;
  /** What good would look like. */
  outcome: Generated<string>;
  window_start: string; // YYYY-MM-DD
  window_end: string;
  virtual_ok: Generated<number>;
  travel_limit: Generated<TravelLimit>;
  /** The most the requester can pay: free only, cost recovery, or a fee. */
  budget: Generated<CostModel>;
  priority: Generated<Priority>;
  status: Generated<RequestStatus>;
  created_by: string;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  /** The offer the request was filed from ("Ask for this offer"), shown to coordinators. */
  preferred_offer_id: Generated<string | null>;
}

export interface HelpRequestEventTable {
  id: string;
  request_id: string;
  from_status: RequestStatus | null;
  to_status: RequestStatus;
  actor_id: string;
  /** A coordinator's question, the trust's answer, or a reason. */
  note: Generated<string>;
  created_at: string;
}

export type OfferStatus = "published" | "paused" | "closed";

export interface OfferTable {
  id: string;
  organisation_id: string;
  title: string;
  description: Generated<string>;
  format_code: string;
  capacity_per_quarter: number;
  cost_model: Generated<CostModel>;
  virtual_ok: Generated<number>;
  contact_name: string;
  contact_email: string;
  status: Generated<OfferStatus>;
  /** Set while paused: the date the offer resumes by itself. */
  paused_until: string | null;
  /** What a fee or cost-recovery offer charges, in pence; null for a free offer. */
  fee_pence: number | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface OfferEventTable {
  id: string;
  offer_id: string;
  from_status: OfferStatus | null;
  to_status: OfferStatus;
  actor_id: string | null;
  note: Generated<string>;
  created_at: string;
}

export interface MatchRoundTable {
  id: string;
  scope: CoordinatorScope;
  scope_code: string | null;
  quarter: string; // e.g. 2026-Q4
  run_by: string;
  weights_json: string;
  summary_json: Generated<string>;
  created_at: string;
  /** Where one more place would help (OneMorePlace[]), worked out when the round ran; null for older rounds. */
  places_json: string | null;
}

export type ProposalStatus = "proposed" | "approved" | "rejected" | "overridden" | "superseded" | "unmatched";

export interface MatchProposalTable {
  id: string;
  round_id: string;
  request_id: string;
  offer_id: string | null;
  score: number | null;
  explanation_json: Generated<string>;
  alternatives_json: Generated<string>;
  unmatched_reason: string | null;
  status: Generated<ProposalStatus>;
  decided_by: string | null;
  decided_at: string | null;
  decision_reason: string | null;
  /** For an unmatched request: the smallest change of its own that would have matched it (StoredWhatIf), or null for older rounds. */
  what_if_json: string | null;
}

export type MatchStatus = "approved" | "accepted" | "declined" | "cancelled" | "lapsed";

export interface OutreachMatchTable {
  id: string;
  request_id: string;
  offer_id: string;
  quarter: string;
  proposal_id: string | null;
  status: MatchStatus;
  approved_by: string;
  approved_at: string;
  approval_reason: Generated<string>;
  responded_by: string | null;
  responded_at: string | null;
  response_reason: string | null;
  /** When the pioneer's answer is due (approved matches); ISO-8601 UTC. */
  answer_due_at: string | null;
}

export interface MatchPairRuleTable {
  id: string;
  request_id: string;
  offer_id: string;
  kind: "pin" | "block";
  reason: Generated<string>;
  created_by: string;
  created_at: string;
}

export interface DecisionLogTable {
  id: string;
  subject_type: string;
  subject_id: string;
  action: string;
  actor_id: string;
  reason: Generated<string>;
  created_at: string;
}

export interface NotificationTable {
  id: string;
  user_id: string;
  kind: string;
  title: string;
  body: Generated<string>;
  link: string | null;
  created_at: string;
  read_at: string | null;
  /** 1 while the notification waits for its person's daily digest mail. */
  digest_pending: Generated<number>;
}

export type EngagementStatus = "active" | "completed" | "stopped";

export interface EngagementTable {
  id: string;
  match_id: string;
  request_id: string;
  offer_id: string;
  requester_organisation_id: string;
  pioneer_organisation_id: string;
  status: Generated<EngagementStatus>;
  opened_at: string;
  ended_at: string | null;
  ended_by: string | null;
  end_reason: string | null;
  /** YYYY-MM-DD: when the requester's follow-up re-assessment is due, set when the engagement ends. */
  follow_up_due_on: string | null;
}

export type EngagementEventKind =
  | "opened"
  | "questionnaire_answered"
  | "session_planned"
  | "session_held"
  | "session_cancelled"
  | "session_moved"
  | "learning_recorded"
  | "action_updated"
  | "feedback_given"
  | "completed"
  | "stopped"
  | "impact_measured";

export interface EngagementEventTable {
  id: string;
  engagement_id: string;
  session_id: string | null;
  kind: EngagementEventKind;
  note: Generated<string>;
  actor_id: string;
  created_at: string;
}

export interface EngagementQuestionnaireTable {
  engagement_id: string;
  /** What the requester wants to see. */
  wants_to_see: string;
  /** Its current data, so the pioneer can prepare. */
  current_data: string;
  questions: Generated<string>;
  answered_by: string;
  answered_at: string;
}

export type SessionStatus = "planned" | "held" | "cancelled";

export interface OutreachSessionTable {
  id: string;
  engagement_id: string;
  /** Local time in England, YYYY-MM-DDTHH:MM. */
  starts_at: string;
  duration_minutes: number;
  format_code: string;
  location: Generated<string>;
  video_link: Generated<string>;
  agenda: Generated<string>;
  status: Generated<SessionStatus>;
  /** Why it was cancelled, or notes on how it went. */
  outcome_note: Generated<string>;
  recorded_by: string | null;
  recorded_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  /** RFC 5545 SEQUENCE of the calendar invitation last sent. */
  calendar_sequence: Generated<number>;
}

export interface SessionAttendanceTable {
  session_id: string;
  audience_code: string;
  planned: Generated<number>;
  /** Null until the session is recorded as held. */
  attended: number | null;
}

export type LearningVisibility = "shared" | "private";

export interface LearningEntryTable {
  id: string;
  engagement_id: string;
  /** The author's organisation: one of the engagement's two trusts. */
  organisation_id: string;
  author_id: string;
  title: string;
  insight: string;
  visibility: LearningVisibility;
  created_at: string;
  updated_at: string;
}

export interface LearningLinkTable {
  id: string;
  entry_id: string;
  title: string;
  url: string;
  position: Generated<number>;
}

export type ActionStatus = "open" | "in_progress" | "done" | "dropped";

export interface LearningActionTable {
  id: string;
  entry_id: string;
  engagement_id: string;
  description: string;
  owner: string;
  due_on: string; // YYYY-MM-DD
  status: Generated<ActionStatus>;
  updated_by: string;
  updated_at: string;
}

export interface EngagementFeedbackTable {
  engagement_id: string;
  /** The side giving it: the requester's or the pioneer's organisation. */
  organisation_id: string;
  usefulness: number; // 1 to 5
  preparation: number; // 1 to 5
  would_recommend: number; // 0 or 1
  comment: Generated<string>;
  given_by: string;
  given_at: string;
}

export interface EngagementImpactTable {
  engagement_id: string;
  before_assessment_id: string;
  after_assessment_id: string;
  /** Mean change in maturity (points on the 1 to 5 scale) over the capabilities measured. */
  mean_change: number;
  capabilities_measured: number;
  measured_at: string;
}

export interface EngagementImpactCapabilityTable {
  engagement_id: string;
  capability_id: string;
  before_maturity: number;
  after_maturity: number;
}

export interface UserTotpTable {
  user_id: string;
  /** The authenticator key, base64. */
  secret: string;
  created_at: string;
  confirmed_at: string | null;
  /** The last TOTP time step accepted; PostgreSQL returns bigint as text. */
  last_used_step: ColumnType<string | number | null, number | null, number | null>;
}

export interface RecoveryCodeTable {
  id: string;
  user_id: string;
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

export interface SignInChallengeTable {
  /** SHA-256 of the token in the browser's cookie. */
  id: string;
  user_id: string;
  kind: "verify" | "enrol";
  redirect_to: string;
  expires_at: string;
}

export interface OidcAuthorisationTable {
  /** SHA-256 of the token in the browser's cookie. */
  id: string;
  state: string;
  nonce: string;
  code_verifier: string;
  redirect_to: string;
  expires_at: string;
}

/**
 * Every table's columns, for checking the typed shape against a migrated database. The type
 * check below fails to compile when a list leaves out a column its interface has.
 */
export const tableColumns = {
  region: ["code", "ons_code", "name"],
  icb: ["code", "name", "region_code", "list_version"],
  organisation: [
    "id",
    "ods_code",
    "name",
    "type",
    "is_foundation_trust",
    "region_code",
    "icb_code",
    "address",
    "postcode",
    "opened_on",
    "closed_on",
    "active",
    "seeks_help",
    "offers_outreach",
    "support_priority",
    "created_at",
    "updated_at",
    "shared_capacity_per_quarter",
  ],
  coordinating_body: ["id", "name", "scope", "scope_code"],
  app_user: [
    "id",
    "email",
    "name",
    "password_hash",
    "role",
    "organisation_id",
    "coordinating_body_id",
    "created_at",
    "disabled_at",
    "last_sign_in_at",
  ],
  auth_session: ["id", "user_id", "expires_at", "created_at", "last_seen_at", "device"],
  sign_in_attempt: ["id", "email", "client", "succeeded", "attempted_at", "settled_at"],
  invitation: [
    "id",
    "token_hash",
    "email",
    "name",
    "role",
    "organisation_id",
    "coordinating_body_id",
    "invited_by",
    "created_at",
    "expires_at",
    "accepted_at",
    "withdrawn_at",
  ],
  outbox: [
    "id",
    "to_address",
    "subject",
    "body",
    "created_at",
    "sent_at",
    "calendar_method",
    "calendar_ics",
    "claimed_by",
    "claimed_until",
    "attempts",
    "next_attempt_at",
    "last_error",
    "failed_at",
  ],
  capability_domain: ["id", "name", "description", "position", "retired_at"],
  capability: ["id", "code", "name", "description", "domain_id", "position", "retired_at", "created_at"],
  audience_level: ["code", "name", "description", "position", "retired_at"],
  offer_format: ["code", "name", "description", "position", "retired_at", "is_virtual"],
  readiness_factor: ["code", "name", "description", "position", "retired_at"],
  assessment: ["id", "organisation_id", "assessed_by", "assessed_on", "note", "created_at"],
  assessment_draft: ["organisation_id", "values_json", "saved_by", "saved_at"],
  assessment_score: ["assessment_id", "capability_id", "maturity", "evidence"],
  assessment_readiness: ["assessment_id", "factor_code", "score"],
  help_request: [
    "id",
    "organisation_id",
    "title",
    "outcome",
    "window_start",
    "window_end",
    "virtual_ok",
    "travel_limit",
    "budget",
    "priority",
    "status",
    "created_by",
    "created_at",
    "updated_at",
    "submitted_at",
    "preferred_offer_id",
  ],
  help_request_capability: ["request_id", "capability_id"],
  help_request_audience: ["request_id", "audience_code"],
  help_request_format: ["request_id", "format_code"],
  request_interest: ["request_id", "organisation_id", "marked_by", "marked_at"],
  help_request_event: ["id", "request_id", "from_status", "to_status", "actor_id", "note", "created_at"],
  offer: [
    "id",
    "organisation_id",
    "title",
    "description",
    "format_code",
    "capacity_per_quarter",
    "cost_model",
    "virtual_ok",
    "contact_name",
    "contact_email",
    "status",
    "paused_until",
    "fee_pence",
    "created_by",
    "created_at",
    "updated_at",
  ],
  offer_capability: ["offer_id", "capability_id", "evidence"],
  offer_audience: ["offer_id", "audience_code"],
  offer_window: ["id", "offer_id", "starts_on", "ends_on"],
  offer_event: ["id", "offer_id", "from_status", "to_status", "actor_id", "note", "created_at"],
  match_round: [
    "id",
    "scope",
    "scope_code",
    "quarter",
    "run_by",
    "weights_json",
    "summary_json",
    "created_at",
    "places_json",
  ],
  match_proposal: [
    "id",
    "round_id",
    "request_id",
    "offer_id",
    "score",
    "explanation_json",
    "alternatives_json",
    "unmatched_reason",
    "status",
    "decided_by",
    "decided_at",
    "decision_reason",
    "what_if_json",
  ],
  outreach_match: [
    "id",
    "request_id",
    "offer_id",
    "quarter",
    "proposal_id",
    "status",
    "approved_by",
    "approved_at",
    "approval_reason",
    "responded_by",
    "responded_at",
    "response_reason",
    "answer_due_at",
  ],
  offer_quarter_load: ["offer_id", "quarter", "approved"],
  match_pair_rule: ["id", "request_id", "offer_id", "kind", "reason", "created_by", "created_at"],
  decision_log: ["id", "subject_type", "subject_id", "action", "actor_id", "reason", "created_at"],
  notification: ["id", "user_id", "kind", "title", "body", "link", "created_at", "read_at", "digest_pending"],
  engagement: [
    "id",
    "match_id",
    "request_id",
    "offer_id",
    "requester_organisation_id",
    "pioneer_organisation_id",
    "status",
    "opened_at",
    "ended_at",
    "ended_by",
    "end_reason",
    "follow_up_due_on",
  ],
  engagement_event: ["id", "engagement_id", "session_id", "kind", "note", "actor_id", "created_at"],
  engagement_questionnaire: [
    "engagement_id",
    "wants_to_see",
    "current_data",
    "questions",
    "answered_by",
    "answered_at",
  ],
  outreach_session: [
    "id",
    "engagement_id",
    "starts_at",
    "duration_minutes",
    "format_code",
    "location",
    "video_link",
    "agenda",
    "status",
    "outcome_note",
    "recorded_by",
    "recorded_at",
    "created_by",
    "created_at",
    "updated_at",
    "calendar_sequence",
  ],
  session_attendance: ["session_id", "audience_code", "planned", "attended"],
  learning_entry: [
    "id",
    "engagement_id",
    "organisation_id",
    "author_id",
    "title",
    "insight",
    "visibility",
    "created_at",
    "updated_at",
  ],
  learning_capability: ["entry_id", "capability_id"],
  learning_link: ["id", "entry_id", "title", "url", "position"],
  learning_action: [
    "id",
    "entry_id",
    "engagement_id",
    "description",
    "owner",
    "due_on",
    "status",
    "updated_by",
    "updated_at",
  ],
  engagement_feedback: [
    "engagement_id",
    "organisation_id",
    "usefulness",
    "preparation",
    "would_recommend",
    "comment",
    "given_by",
    "given_at",
  ],
  engagement_impact: [
    "engagement_id",
    "before_assessment_id",
    "after_assessment_id",
    "mean_change",
    "capabilities_measured",
    "measured_at",
  ],
  engagement_impact_capability: ["engagement_id", "capability_id", "before_maturity", "after_maturity"],
  sign_in_throttle: ["key", "touched_at"],
  data_version: ["name", "version"],
  password_reset: ["id", "token_hash", "user_id", "created_at", "expires_at", "used_at"],
  password_reset_request: ["id", "email", "client", "requested_at"],
  engagement_contact: ["engagement_id", "organisation_id", "name", "email", "phone", "updated_by", "updated_at"],
  engagement_attendee: ["engagement_id", "user_id", "organisation_id"],
  job: [
    "name",
    "next_run_at",
    "locked_by",
    "locked_until",
    "last_started_at",
    "last_finished_at",
    "last_error",
    "runs",
    "failures",
  ],
  reminder_sent: ["kind", "subject_id", "recipient", "sent_at"],
  mail_preference: ["user_id", "kind", "delivery", "updated_at"],
  user_totp: ["user_id", "secret", "created_at", "confirmed_at", "last_used_step"],
  recovery_code: ["id", "user_id", "code_hash", "created_at", "used_at"],
  sign_in_challenge: ["id", "user_id", "kind", "redirect_to", "expires_at"],
  oidc_authorisation: ["id", "state", "nonce", "code_verifier", "redirect_to", "expires_at"],
  oidc_identity: ["issuer", "subject", "user_id", "linked_at"],
  oidc_session: ["session_id", "id_token"],
  audit_event: [
    "id",
    "occurred_at",
    "kind",
    "actor_id",
    "subject_user_id",
    "organisation_id",
    "client_address",
    "detail",
  ],
  pioneer_status_request: [
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
} as const satisfies { [Table in keyof Database]: readonly (keyof Database[Table] & string)[] };

type UnlistedColumn = {
  [Table in keyof Database]: Exclude<keyof Database[Table], (typeof tableColumns)[Table][number]>;
}[keyof Database];
// Names the unlisted column in the compile error when one is missing.
export const everyColumnListed: [UnlistedColumn] extends [never] ? true : UnlistedColumn = true;
