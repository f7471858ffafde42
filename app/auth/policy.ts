import type { CoordinatorScope, UserRole } from "../../db/schema";

/**
 * The one place that decides who may do what. Pure: guards fetch the facts (the actor and
 * the target's organisation) and ask here; nothing else compares roles.
 */
export interface Actor {
  id: string;
  role: UserRole;
  organisationId: string | null;
  /** Set for coordinators: the scope of their coordinating body. */
  scope: { kind: CoordinatorScope; code: string | null } | null;
  /** Whether the actor's own organisation offers outreach (is a pioneer). */
  organisationIsPioneer?: boolean;
}

/**
 * Who command-line tools and the seed act as: the service itself, with an administrator's rights.
 * Never a signed-in person, so never in a session.
 */
export const SYSTEM_ACTOR: Actor = { id: "system", role: "admin", organisationId: null, scope: null };

/** Where an organisation sits, which is all the policy needs to know about it. */
export interface OrganisationRef {
  id: string;
  regionCode: string | null;
  icbCode: string | null;
}

/** Whose account an administrative action is about. */
export interface UserRef {
  id: string;
  role: UserRole;
  organisationId: string | null;
}

/** The two trusts of an engagement: the one that asked for help and the pioneer giving it. */
export interface EngagementRef {
  requester: OrganisationRef;
  pioneer: OrganisationRef;
}

export type Permission =
  | { action: "organisation:list" }
  | { action: "organisation:view"; organisation: OrganisationRef }
  | { action: "organisation:create" }
  | { action: "organisation:edit"; organisation: OrganisationRef }
  | { action: "organisation:import" }
  | { action: "user:invite"; role: UserRole; organisation: OrganisationRef | null; coordinatingBodyId?: string | null }
  | { action: "user:list" }
  | { action: "user:directory" }
  | { action: "user:view"; user: UserRef }
  | { action: "user:changeRole"; user: UserRef; role: UserRole }
  | { action: "user:disable"; user: UserRef }
  | { action: "user:erase"; userId: string }
  | { action: "outbox:view" }
  | { action: "audit:read" }
  | { action: "account:manage" }
  | { action: "framework:manage" }
  | { action: "assessment:record"; organisation: OrganisationRef }
  | { action: "assessment:view"; organisation: OrganisationRef }
  | { action: "request:create"; organisation: OrganisationRef }
  | { action: "request:edit"; organisation: OrganisationRef }
  | { action: "request:view"; organisation: OrganisationRef; submitted: boolean }
  | { action: "request:viewHistory"; organisation: OrganisationRef }
  | { action: "request:review"; organisation: OrganisationRef }
  | { action: "request:browse" }
  | { action: "offer:create"; organisation: OrganisationRef }
  | { action: "offer:edit"; organisation: OrganisationRef }
  | { action: "offer:view" }
  | { action: "match:run" }
  | { action: "round:view"; round: { scope: CoordinatorScope; scopeCode: string | null } }
  | { action: "organisation:editIdentity" }
  | { action: "match:decide"; organisation: OrganisationRef }
  | { action: "match:respond"; offerOrganisation: OrganisationRef }
  | { action: "match:view"; requestOrganisation: OrganisationRef; offerOrganisation: OrganisationRef }
  | { action: "match:listInScope" }
  | { action: "notification:list" }
  | { action: "engagement:list" }
  | { action: "engagement:view"; engagement: EngagementRef }
  | { action: "engagement:work"; engagement: EngagementRef }
  | { action: "engagement:questionnaire"; engagement: EngagementRef }
  | { action: "learning:view"; visibility: "shared" | "private"; engagement: EngagementRef }
  | { action: "learning:edit"; authorOrganisationId: string; engagement: EngagementRef }
  | { action: "learning:search" }
  | { action: "dashboard:view" }
  | { action: "pioneer:ask"; organisation: OrganisationRef }
  | { action: "pioneer:decide"; organisation: OrganisationRef }
  | { action: "request:markInterest"; organisation: OrganisationRef; hasOpenOffer: boolean }
  | { action: "organisation:flagPriority"; organisation: OrganisationRef };

export function isInScope(actor: Actor, organisation: OrganisationRef): boolean {
  if (actor.role === "admin") return true;
  if (actor.role !== "coordinator" || !actor.scope) return false;
  switch (actor.scope.kind) {
    case "national":
      return true;
    case "region":
      return organisation.regionCode !== null && organisation.regionCode === actor.scope.code;
    case "icb":
      return organisation.icbCode !== null && organisation.icbCode === actor.scope.code;
  }
}

export const belongsTo = (actor: Actor, organisation: OrganisationRef) =>
  (actor.role === "member" || actor.role === "org_admin") && actor.organisationId === organisation.id;

export function can(actor: Actor, permission: Permission): boolean {
  switch (permission.action) {
    case "account:manage":
    case "organisation:list":
    case "organisation:view":
      // Organisation profiles are public within the service: peers need to see who can help.
      return true;
    case "organisation:create":
    case "organisation:import":
    case "user:list":
    case "outbox:view":
    case "audit:read":
      return actor.role === "admin";
    case "user:erase":
      // An administrator erases others, never themselves: someone must be left to answer for it.
      return actor.role === "admin" && actor.id !== permission.userId;
    case "organisation:edit":
      return actor.role === "admin" || (actor.role === "org_admin" && belongsTo(actor, permission.organisation));
    case "user:invite":
      return mayInvite(actor, permission.role, permission.organisation, permission.coordinatingBodyId ?? null);
    case "user:directory":
      // Administrators see everyone; an organisation's administrators see their own people.
      return actor.role === "admin" || (actor.role === "org_admin" && actor.organisationId !== null);
    case "user:view":
      return actor.role === "admin" || (actor.role === "org_admin" && isOwnOrganisationPerson(actor, permission.user));
    case "user:changeRole":
      // Nobody changes their own role; an organisation's administrators only move their people between its two roles.
      if (permission.user.id === actor.id) return false;
      if (actor.role === "admin") return true;
      return (
        actor.role === "org_admin" &&
        isOwnOrganisationPerson(actor, permission.user) &&
        (permission.role === "member" || permission.role === "org_admin")
      );
    case "user:disable":
      if (permission.user.id === actor.id) return false;
      return actor.role === "admin" || (actor.role === "org_admin" && isOwnOrganisationPerson(actor, permission.user));
    case "framework:manage":
      return actor.role === "admin";
    case "assessment:record":
    case "request:create":
    case "request:edit":
      // Only the organisation's own people speak for it; coordinators and admins read, never write.
      return belongsTo(actor, permission.organisation);
    case "assessment:view":
      return belongsTo(actor, permission.organisation) || isInScope(actor, permission.organisation);
    case "request:view":
      return (
        belongsTo(actor, permission.organisation) ||
        isInScope(actor, permission.organisation) ||
        // Pioneers see submitted requests so they can offer help; drafts stay private.
        (permission.submitted && isPioneerMember(actor))
      );
    case "request:viewHistory":
      // The conversation with coordinators and the names of the trust's staff stay with the trust and its coordinators.
      return belongsTo(actor, permission.organisation) || isInScope(actor, permission.organisation);
    case "request:review":
    case "match:decide":
      return actor.role === "coordinator" && isInScope(actor, permission.organisation);
    case "request:browse":
      return actor.role === "admin" || actor.role === "coordinator" || isPioneerMember(actor);
    case "offer:create":
    case "offer:edit":
      return belongsTo(actor, permission.organisation) && isPioneerMember(actor);
    case "offer:view":
    case "notification:list":
      return true;
    case "match:run":
      return actor.role === "coordinator" && actor.scope !== null;
    case "round:view":
      // National coordinators see every round; others the rounds of their own region or board.
      if (actor.role !== "coordinator" || !actor.scope) return false;
      return (
        actor.scope.kind === "national" ||
        (permission.round.scope === actor.scope.kind && permission.round.scopeCode === actor.scope.code)
      );
    case "organisation:editIdentity":
      // Name, code and place come from ODS: only the service's administrators correct them by hand.
      return actor.role === "admin";
    case "match:respond":
      return belongsTo(actor, permission.offerOrganisation);
    case "match:view":
      return (
        belongsTo(actor, permission.requestOrganisation) ||
        belongsTo(actor, permission.offerOrganisation) ||
        isInScope(actor, permission.requestOrganisation)
      );
    case "match:listInScope":
      // Coordinators follow the matches of the requests in their area; administrators all of them.
      return actor.role === "admin" || (actor.role === "coordinator" && actor.scope !== null);
    case "engagement:list":
      return actor.role === "admin" || actor.role === "coordinator" || actor.organisationId !== null;
    case "engagement:view":
      return (
        engagementSide(actor, permission.engagement) !== null ||
        isInScope(actor, permission.engagement.requester) ||
        isInScope(actor, permission.engagement.pioneer)
      );
    case "engagement:work":
      // Sessions, learning, actions, feedback and ending belong to the two trusts; coordinators follow.
      return engagementSide(actor, permission.engagement) !== null;
    case "engagement:questionnaire":
      return engagementSide(actor, permission.engagement) === "requester";
    case "learning:view":
      // A private entry stays between the two trusts: not even coordinators or administrators read it.
      return permission.visibility === "shared" || engagementSide(actor, permission.engagement) !== null;
    case "learning:edit":
      // What an entry says belongs to the side that wrote it; the other trust updates only its actions.
      return (
        engagementSide(actor, permission.engagement) !== null &&
        actor.organisationId === permission.authorOrganisationId
      );
    case "learning:search":
      return true;
    case "dashboard:view":
      return actor.role === "admin" || (actor.role === "coordinator" && actor.scope !== null);
    case "pioneer:ask":
      // A trust asks to become a pioneer; it never declares itself one.
      return actor.role === "org_admin" && belongsTo(actor, permission.organisation);
    case "pioneer:decide":
      // Pioneers read other trusts' requests, so the status is granted by the people responsible for the trust.
      return actor.role === "admin" || (actor.role === "coordinator" && isInScope(actor, permission.organisation));
    case "request:markInterest":
      // A pioneer that could actually help (an open offer) says so about another trust's request.
      return isPioneerMember(actor) && permission.hasOpenOffer && actor.organisationId !== permission.organisation.id;
    case "organisation:flagPriority":
      // Who needs support most is the coordinators' judgement, for the trusts in their area.
      return actor.role === "admin" || (actor.role === "coordinator" && isInScope(actor, permission.organisation));
  }
}

/** Which side of the engagement the actor speaks for, if either. */
export function engagementSide(actor: Actor, engagement: EngagementRef): "requester" | "pioneer" | null {
  if (belongsTo(actor, engagement.requester)) return "requester";
  if (belongsTo(actor, engagement.pioneer)) return "pioneer";
  return null;
}

/** A member or administrator of the actor's own organisation. */
const isOwnOrganisationPerson = (actor: Actor, user: UserRef) =>
  actor.organisationId !== null &&
  user.organisationId === actor.organisationId &&
  (user.role === "member" || user.role === "org_admin");

const isPioneerMember = (actor: Actor) =>
  (actor.role === "member" || actor.role === "org_admin") && actor.organisationIsPioneer === true;

function mayInvite(actor: Actor, role: UserRole, organisation: OrganisationRef | null, bodyId: string | null): boolean {
  if (actor.role === "admin") return true;
  if (role === "admin") return false;
  if (role === "coordinator") return false;
  if (!organisation || bodyId) return false;
  if (actor.role === "coordinator") return isInScope(actor, organisation);
  if (actor.role === "org_admin") return belongsTo(actor, organisation);
  return false;
}

/** Roles an actor may hand out, for building the invitation form. */
export function invitableRoles(actor: Actor): UserRole[] {
  if (actor.role === "admin") return ["member", "org_admin", "coordinator", "admin"];
  if (actor.role === "coordinator" || actor.role === "org_admin") return ["member", "org_admin"];
  return [];
}
