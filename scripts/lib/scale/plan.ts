import type {
  CostModel,
  EngagementStatus,
  OfferStatus,
  OrganisationType,
  Priority,
  RequestStatus,
  SessionStatus,
  TravelLimit,
  UserRole,
} from "../../../db/schema";
import type { Calendar } from "./calendar";
import type { Random } from "./random";
import type { Reference } from "./reference";

/**
 * The scaled data set is planned in memory first (who, what and when), then written phase by
 * phase. Planning first lets assessments reflect the help each trust received before them, so
 * the impact later measured from those assessments tells a consistent story.
 * Capabilities are referred to by their index in Reference.capabilities.
 */
export interface ScaleContext {
  random: Random;
  reference: Reference;
  calendar: Calendar;
  /** Shared by every synthetic account: hashing is deliberately slow. */
  passwordHash: string;
}

export interface UserPlan {
  id: string;
  email: string;
  name: string;
  role: UserRole;
}

export interface OrganisationPlan {
  id: string;
  ods: string;
  name: string;
  place: string;
  type: OrganisationType;
  foundation: boolean;
  regionCode: string;
  icbCode: string;
  openedOn: string;
  pioneer: boolean;
  seeksHelp: boolean;
  /** The improvement lead (an organisation administrator) first, then members. */
  users: UserPlan[];
  /** Maturity before any peer help, per capability; assessments scatter around it. */
  base: number[];
  /** Capabilities a pioneer is exemplary or established in, which its offers teach. */
  strong: number[];
  readiness: number;
}

export interface DateWindow {
  start: string;
  end: string;
}

export interface OfferPlan {
  id: string;
  organisation: OrganisationPlan;
  title: string;
  description: string;
  formatCode: string;
  capabilities: number[];
  audiences: string[];
  capacity: number;
  costModel: CostModel;
  virtualOk: boolean;
  contactName: string;
  contactEmail: string;
  status: OfferStatus;
  pausedOn: string | null;
  pausedUntil: string | null;
  createdAt: string;
  /** The day it closed; no match is made after it. */
  closedOn: string | null;
  windows: DateWindow[];
}

/** Where a request's story goes before offers are found for it. */
export type RequestCourse =
  "draft" | "submitted" | "needs_info" | "withdrawn" | "matched" | "in_progress" | "completed" | "stopped";

export interface RequestPlan {
  id: string;
  organisation: OrganisationPlan;
  title: string;
  outcome: string;
  capabilities: number[];
  audiences: string[];
  formats: string[];
  windowStart: string;
  windowEnd: string;
  virtualOk: boolean;
  travel: TravelLimit;
  budget: CostModel;
  priority: Priority;
  course: RequestCourse;
  status: RequestStatus;
  createdAt: string;
  /** Created and submitted at once, or kept as a draft first. */
  draftFirst: boolean;
  submittedAt: string | null;
  /** A coordinator's question (and, unless still waiting, the answer). */
  infoAskedAt: string | null;
  infoAnsweredAt: string | null;
  /** When a stopped engagement sent the request back for matching. */
  returnedAt: string | null;
  withdrawnAt: string | null;
  withdrawReason: string;
  /** For courses that reach a match: the day the coordinator approves and the day the pioneer accepts. */
  approvedOn: string | null;
  acceptedOn: string | null;
  engagement: EngagementPlan | null;
}

export interface SessionPlan {
  id: string;
  startsOn: string;
  startsAt: string;
  durationMinutes: number;
  status: SessionStatus;
  createdAt: string;
  recordedAt: string | null;
  note: string;
  /** Planned attendance per audience; attended is set for held sessions. */
  attendance: { audience: string; planned: number; attended: number | null }[];
}

export interface EngagementPlan {
  id: string;
  matchId: string;
  request: RequestPlan;
  offer: OfferPlan;
  quarter: string;
  approvedAt: string;
  openedAt: string;
  status: EngagementStatus;
  endedAt: string | null;
  endedBy: string | null;
  endReason: string | null;
  followUpDueOn: string | null;
  sessions: SessionPlan[];
  /** Change in underlying maturity on each targeted capability (parallel to request.capabilities) once it ends well. */
  gains: number[];
}

export interface AssessmentPlan {
  id: string;
  organisation: OrganisationPlan;
  assessedOn: string;
  createdAt: string;
  note: string;
  /** Written in the impact phase: the re-assessment after an engagement. */
  followUp: boolean;
  /** Per capability index; filled once every engagement is planned. */
  scores: number[];
  readiness: number[];
}

export interface ImpactPlan {
  engagement: EngagementPlan;
  before: AssessmentPlan;
  after: AssessmentPlan;
  meanChange: number;
  capabilities: { index: number; before: number; after: number }[];
}

export const leadOf = (organisation: OrganisationPlan) => organisation.users[0];
