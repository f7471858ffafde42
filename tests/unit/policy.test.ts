import { describe, expect, it } from "vitest";
import { can, invitableRoles, isInScope, type Actor, type OrganisationRef } from "~/auth/policy";

const trustA: OrganisationRef = { id: "org-a", regionCode: "Y56", icbCode: "QMF" };
const trustB: OrganisationRef = { id: "org-b", regionCode: "Y62", icbCode: "QOP" };

const actor = (partial: Partial<Actor>): Actor => ({
  id: "u",
  role: "member",
  organisationId: null,
  scope: null,
  ...partial,
});
const member = actor({ role: "member", organisationId: "org-a" });
const orgAdmin = actor({ role: "org_admin", organisationId: "org-a" });
const national = actor({ role: "coordinator", scope: { kind: "national", code: null } });
const london = actor({ role: "coordinator", scope: { kind: "region", code: "Y56" } });
const northEastLondon = actor({ role: "coordinator", scope: { kind: "icb", code: "QMF" } });
const greaterManchester = actor({ role: "coordinator", scope: { kind: "icb", code: "QOP" } });
const admin = actor({ role: "admin" });

describe("coordinator scope", () => {
  it("national covers every organisation", () => {
    expect(isInScope(national, trustA)).toBe(true);
    expect(isInScope(national, trustB)).toBe(true);
  });
  it("a region covers only organisations in that region", () => {
    expect(isInScope(london, trustA)).toBe(true);
    expect(isInScope(london, trustB)).toBe(false);
  });
  it("an integrated care board covers only its own organisations", () => {
    expect(isInScope(northEastLondon, trustA)).toBe(true);
    expect(isInScope(greaterManchester, trustA)).toBe(false);
  });
  it("an organisation with no known place is in no regional scope", () => {
    expect(isInScope(london, { id: "x", regionCode: null, icbCode: null })).toBe(false);
  });
  it("members and organisation admins have no scope", () => {
    expect(isInScope(member, trustA)).toBe(false);
    expect(isInScope(orgAdmin, trustA)).toBe(false);
  });
  it("a coordinator without a body has no scope", () => {
    expect(isInScope(actor({ role: "coordinator", scope: null }), trustA)).toBe(false);
  });
});

describe("organisation permissions", () => {
  it("only admins create and import organisations", () => {
    for (const a of [member, orgAdmin, national, london]) {
      expect(can(a, { action: "organisation:create" })).toBe(false);
      expect(can(a, { action: "organisation:import" })).toBe(false);
    }
    expect(can(admin, { action: "organisation:create" })).toBe(true);
    expect(can(admin, { action: "organisation:import" })).toBe(true);
  });
  it("an organisation admin edits only their own organisation; a member edits none", () => {
    expect(can(orgAdmin, { action: "organisation:edit", organisation: trustA })).toBe(true);
    expect(can(orgAdmin, { action: "organisation:edit", organisation: trustB })).toBe(false);
    expect(can(member, { action: "organisation:edit", organisation: trustA })).toBe(false);
  });
  it("coordinators do not edit organisations", () => {
    expect(can(national, { action: "organisation:edit", organisation: trustA })).toBe(false);
  });
  it("every signed-in user can view the directory and organisation pages", () => {
    for (const a of [member, orgAdmin, national, admin]) {
      expect(can(a, { action: "organisation:list" })).toBe(true);
      expect(can(a, { action: "organisation:view", organisation: trustB })).toBe(true);
    }
  });
  it("only admins list users and read the outbox", () => {
    for (const a of [member, orgAdmin, national]) {
      expect(can(a, { action: "user:list" })).toBe(false);
      expect(can(a, { action: "outbox:view" })).toBe(false);
    }
    expect(can(admin, { action: "user:list" })).toBe(true);
  });
  it("only admins erase a person, and never themselves", () => {
    for (const a of [member, orgAdmin, national, london])
      expect(can(a, { action: "user:erase", userId: "someone-else" })).toBe(false);
    expect(can(admin, { action: "user:erase", userId: "someone-else" })).toBe(true);
    expect(can(admin, { action: "user:erase", userId: admin.id })).toBe(false);
  });
});

describe("invitations", () => {
  it("admins invite any role anywhere", () => {
    expect(can(admin, { action: "user:invite", role: "admin", organisation: null })).toBe(true);
    expect(
      can(admin, { action: "user:invite", role: "coordinator", organisation: null, coordinatingBodyId: "b" }),
    ).toBe(true);
    expect(invitableRoles(admin)).toContain("admin");
  });
  it("coordinators invite members and organisation admins within their scope only", () => {
    expect(can(london, { action: "user:invite", role: "member", organisation: trustA })).toBe(true);
    expect(can(london, { action: "user:invite", role: "org_admin", organisation: trustA })).toBe(true);
    expect(can(london, { action: "user:invite", role: "member", organisation: trustB })).toBe(false);
  });
  it("nobody but an admin creates coordinators or admins", () => {
    for (const a of [national, orgAdmin, member]) {
      expect(can(a, { action: "user:invite", role: "coordinator", organisation: null, coordinatingBodyId: "b" })).toBe(
        false,
      );
      expect(can(a, { action: "user:invite", role: "admin", organisation: null })).toBe(false);
    }
  });
  it("an organisation admin invites only into their own organisation; a member invites nobody", () => {
    expect(can(orgAdmin, { action: "user:invite", role: "member", organisation: trustA })).toBe(true);
    expect(can(orgAdmin, { action: "user:invite", role: "member", organisation: trustB })).toBe(false);
    expect(can(member, { action: "user:invite", role: "member", organisation: trustA })).toBe(false);
    expect(invitableRoles(member)).toEqual([]);
  });
  it("a member invitation needs an organisation", () => {
    expect(can(national, { action: "user:invite", role: "member", organisation: null })).toBe(false);
  });
});

describe("matching rounds and organisation identity", () => {
  const londonRound = { scope: "region" as const, scopeCode: "Y56" };
  it("a round is seen by national coordinators and by the coordinators of its own area only", () => {
    expect(can(national, { action: "round:view", round: londonRound })).toBe(true);
    expect(can(london, { action: "round:view", round: londonRound })).toBe(true);
    expect(
      can(actor({ role: "coordinator", scope: { kind: "region", code: "Y62" } }), {
        action: "round:view",
        round: londonRound,
      }),
    ).toBe(false);
    expect(can(northEastLondon, { action: "round:view", round: londonRound })).toBe(false);
    expect(can(admin, { action: "round:view", round: londonRound })).toBe(false);
    expect(can(orgAdmin, { action: "round:view", round: londonRound })).toBe(false);
  });
  it("only service administrators correct an organisation's ODS identity", () => {
    expect(can(admin, { action: "organisation:editIdentity" })).toBe(true);
    for (const a of [orgAdmin, member, national]) expect(can(a, { action: "organisation:editIdentity" })).toBe(false);
  });
});

describe("engagements and learning", () => {
  const engagement = { requester: trustA, pioneer: trustB };
  const pioneerMember = actor({ role: "member", organisationId: "org-b" });
  const outsider = actor({ role: "member", organisationId: "org-c" });

  it("lets the two trusts work on an engagement and coordinators of either side follow it", () => {
    for (const who of [member, orgAdmin, pioneerMember])
      expect(can(who, { action: "engagement:work", engagement })).toBe(true);
    for (const who of [outsider, national, london, admin])
      expect(can(who, { action: "engagement:work", engagement })).toBe(false);
    for (const who of [member, pioneerMember, national, london, greaterManchester, admin])
      expect(can(who, { action: "engagement:view", engagement })).toBe(true);
    expect(can(outsider, { action: "engagement:view", engagement })).toBe(false);
    expect(can(northEastLondon, { action: "engagement:questionnaire", engagement })).toBe(false);
    expect(can(member, { action: "engagement:questionnaire", engagement })).toBe(true);
    expect(can(pioneerMember, { action: "engagement:questionnaire", engagement })).toBe(false);
  });

  it("keeps a private entry between the two trusts, and its words with the side that wrote it", () => {
    for (const who of [member, pioneerMember])
      expect(can(who, { action: "learning:view", visibility: "private", engagement })).toBe(true);
    for (const who of [outsider, national, admin])
      expect(can(who, { action: "learning:view", visibility: "private", engagement })).toBe(false);
    expect(can(outsider, { action: "learning:view", visibility: "shared", engagement })).toBe(true);
    expect(can(member, { action: "learning:edit", authorOrganisationId: "org-a", engagement })).toBe(true);
    expect(can(pioneerMember, { action: "learning:edit", authorOrganisationId: "org-a", engagement })).toBe(false);
    // Belonging to the author's organisation is not enough once the engagement is not theirs.
    expect(can(outsider, { action: "learning:edit", authorOrganisationId: "org-c", engagement })).toBe(false);
  });

  it("shows the dashboard to coordinators with a scope and to administrators", () => {
    for (const who of [national, london, admin]) expect(can(who, { action: "dashboard:view" })).toBe(true);
    for (const who of [member, orgAdmin, actor({ role: "coordinator", scope: null })])
      expect(can(who, { action: "dashboard:view" })).toBe(false);
  });
});

describe("pioneer status and what pioneers read", () => {
  const pioneerAdmin = actor({ role: "org_admin", organisationId: "org-b", organisationIsPioneer: true });
  const pioneerMember = actor({ role: "member", organisationId: "org-b", organisationIsPioneer: true });

  it("only the trust's own administrator asks for pioneer status", () => {
    expect(can(orgAdmin, { action: "pioneer:ask", organisation: trustA })).toBe(true);
    expect(can(orgAdmin, { action: "pioneer:ask", organisation: trustB })).toBe(false);
    expect(can(member, { action: "pioneer:ask", organisation: trustA })).toBe(false);
    expect(can(national, { action: "pioneer:ask", organisation: trustA })).toBe(false);
  });
  it("pioneer status is decided by administrators and coordinators in scope, never by the trust", () => {
    expect(can(admin, { action: "pioneer:decide", organisation: trustA })).toBe(true);
    expect(can(national, { action: "pioneer:decide", organisation: trustA })).toBe(true);
    expect(can(london, { action: "pioneer:decide", organisation: trustA })).toBe(true);
    expect(can(london, { action: "pioneer:decide", organisation: trustB })).toBe(false);
    expect(can(greaterManchester, { action: "pioneer:decide", organisation: trustA })).toBe(false);
    expect(can(orgAdmin, { action: "pioneer:decide", organisation: trustA })).toBe(false);
    expect(can(pioneerAdmin, { action: "pioneer:decide", organisation: trustA })).toBe(false);
  });
  it("pioneers read another trust's submitted request but not its history", () => {
    for (const pioneer of [pioneerAdmin, pioneerMember]) {
      expect(can(pioneer, { action: "request:view", organisation: trustA, submitted: true })).toBe(true);
      expect(can(pioneer, { action: "request:viewHistory", organisation: trustA })).toBe(false);
    }
    expect(can(member, { action: "request:viewHistory", organisation: trustA })).toBe(true);
    expect(can(london, { action: "request:viewHistory", organisation: trustA })).toBe(true);
    expect(can(london, { action: "request:viewHistory", organisation: trustB })).toBe(false);
  });
});

describe("account administration", () => {
  const memberOfA = { id: "m-a", role: "member" as const, organisationId: "org-a" };
  const memberOfB = { id: "m-b", role: "member" as const, organisationId: "org-b" };
  const coordinatorRef = { id: "c", role: "coordinator" as const, organisationId: null };
  const orgAdminSelf = { id: orgAdmin.id, role: "org_admin" as const, organisationId: "org-a" };

  it("administrators and organisation administrators find people; nobody else does", () => {
    expect(can(admin, { action: "user:directory" })).toBe(true);
    expect(can(orgAdmin, { action: "user:directory" })).toBe(true);
    for (const a of [member, national, london]) expect(can(a, { action: "user:directory" })).toBe(false);
  });
  it("an organisation administrator sees and manages only their own organisation's people", () => {
    expect(can(orgAdmin, { action: "user:view", user: memberOfA })).toBe(true);
    expect(can(orgAdmin, { action: "user:view", user: memberOfB })).toBe(false);
    expect(can(orgAdmin, { action: "user:view", user: coordinatorRef })).toBe(false);
    expect(can(orgAdmin, { action: "user:disable", user: memberOfA })).toBe(true);
    expect(can(orgAdmin, { action: "user:disable", user: memberOfB })).toBe(false);
  });
  it("an organisation administrator may not make coordinators or admins", () => {
    expect(can(orgAdmin, { action: "user:changeRole", user: memberOfA, role: "org_admin" })).toBe(true);
    expect(can(orgAdmin, { action: "user:changeRole", user: memberOfA, role: "coordinator" })).toBe(false);
    expect(can(orgAdmin, { action: "user:changeRole", user: memberOfA, role: "admin" })).toBe(false);
    expect(can(admin, { action: "user:changeRole", user: memberOfA, role: "admin" })).toBe(true);
  });
  it("nobody changes their own role or disables themselves", () => {
    const adminSelf = { id: admin.id, role: "admin" as const, organisationId: null };
    expect(can(orgAdmin, { action: "user:changeRole", user: orgAdminSelf, role: "member" })).toBe(false);
    expect(can(orgAdmin, { action: "user:disable", user: orgAdminSelf })).toBe(false);
    expect(can(admin, { action: "user:changeRole", user: adminSelf, role: "member" })).toBe(false);
    expect(can(admin, { action: "user:disable", user: adminSelf })).toBe(false);
  });
});

describe("interest marks and priority for support", () => {
  const pioneerB = actor({ role: "member", organisationId: "org-b", organisationIsPioneer: true });
  const mark = (who: Actor, hasOpenOffer = true) =>
    can(who, { action: "request:markInterest", organisation: trustA, hasOpenOffer });
  it("only a pioneer with an open offer marks interest, never in its own trust's request", () => {
    expect(mark(pioneerB)).toBe(true);
    expect(mark(pioneerB, false)).toBe(false);
    expect(mark(actor({ role: "member", organisationId: "org-a", organisationIsPioneer: true }))).toBe(false);
    expect(mark(member)).toBe(false);
    expect(mark(london)).toBe(false);
    expect(mark(admin)).toBe(false);
  });
  it("only coordinators in scope and administrators flag a trust as a priority for support", () => {
    const flag = (who: Actor) => can(who, { action: "organisation:flagPriority", organisation: trustA });
    expect(flag(london)).toBe(true);
    expect(flag(national)).toBe(true);
    expect(flag(admin)).toBe(true);
    expect(flag(greaterManchester)).toBe(false);
    expect(flag(orgAdmin)).toBe(false);
    expect(flag(member)).toBe(false);
  });
});
