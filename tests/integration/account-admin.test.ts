import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAuth, type Auth } from "~/auth/lucia.server";
import type { Actor } from "~/auth/policy";
import { Forbidden, NotFound, Refused } from "~/lib/errors";
import {
  changeRole,
  disableAccount,
  enableAccount,
  getAccount,
  listPeople,
} from "~/models/account/administration.server";
import { createInvitation, findUsableInvitation, invitationLinkState } from "~/models/account/invitations.server";
import { endOtherSessions, endOwnSession, listOwnSessions } from "~/models/account/own-sessions.server";
import { signIn, startSession } from "~/models/account/sign-in.server";
import { createUser } from "~/models/account/users.server";
import { resendInvitation, withdrawInvitation } from "~/models/account/waiting-invitations.server";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";
import { coordinatingBody, organisation, user } from "../support/factories";

const CHROME_ON_WINDOWS =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const FIREFOX_ON_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
const throttle = { maxFailures: 5, windowMinutes: 15 };
const address = { clientAddress: "192.0.2.1" };

const actorOf = (u: { id: string; role: Actor["role"]; organisation_id: string | null }): Actor => ({
  id: u.id,
  role: u.role,
  organisationId: u.organisation_id,
  scope: null,
});

describe.each(testEngines())("account administration on %s", (engine) => {
  let t: TestDatabase;
  let auth: Auth;
  let admin: Actor;
  let orgAdmin: Actor;
  let memberId: string;
  let otherOrgMemberId: string;

  beforeEach(async () => {
    t = await freshDatabase(engine);
    auth = createAuth(t.db, { idleMinutes: 30, absoluteHours: 12, production: false });
    await organisation(t.db, { id: "org-a", name: "Alpha Trust" });
    await organisation(t.db, { id: "org-b", name: "Beta Trust" });
    admin = actorOf(await user(t.db, { id: "admin-1", role: "admin" }));
    orgAdmin = actorOf(await user(t.db, { id: "orgadmin-a", role: "org_admin", organisation_id: "org-a" }));
    memberId = await createUser(t.db, {
      email: "Mary.Member@example.nhs.uk",
      name: "Mary Member",
      password: "river-lantern-orchard",
      role: "member",
      organisationId: "org-a",
    });
    otherOrgMemberId = (await user(t.db, { id: "member-b", name: "Bob Beta", organisation_id: "org-b" })).id;
  });
  afterEach(async () => t.dispose());

  const roleOf = async (id: string) =>
    (await t.db.selectFrom("app_user").select("role").where("id", "=", id).executeTakeFirstOrThrow()).role;
  // The sign-ins these tests make to hold sessions are recorded too; their events are tested with sign-in.
  const auditKinds = () =>
    t.db
      .selectFrom("audit_event")
      .select(["kind", "detail", "actor_id", "subject_user_id"])
      .where("kind", "not in", ["sign_in_succeeded", "sign_in_failed"])
      .orderBy("occurred_at")
      .orderBy("id")
      .execute();
  const signInMary = (userAgent = CHROME_ON_WINDOWS) =>
    signIn(
      t.db,
      auth,
      { email: "mary.member@example.nhs.uk", password: "river-lantern-orchard", client: "c", userAgent },
      throttle,
    );
  const sessionIdOf = (cookie: string) => cookie.split(";")[0].split("=")[1];

  describe("finding people", () => {
    it("searches names and emails without regard to case, and keeps % as a plain character", async () => {
      await user(t.db, { id: "pct", name: "Fifty % Person", organisation_id: "org-a" });
      const found = await listPeople(t.db, admin, { search: "MARY", page: 1, pageSize: 10 });
      expect(found.rows.map((r) => r.id)).toEqual([memberId]);
      const byEmail = await listPeople(t.db, admin, { search: "mary.member@EXAMPLE", page: 1, pageSize: 10 });
      expect(byEmail.total).toBe(1);
      const percent = await listPeople(t.db, admin, { search: "%", page: 1, pageSize: 10 });
      expect(percent.rows.map((r) => r.id)).toEqual(["pct"]);
    });

    it("shows an organisation's administrator only that organisation's people and invitations", async () => {
      await createInvitation(t.db, {
        email: "new.b@example.nhs.uk",
        name: "New Beta",
        role: "member",
        organisationId: "org-b",
        coordinatingBodyId: null,
        invitedBy: admin.id,
        baseUrl: "http://localhost",
        revealExistingAccount: true,
      });
      const mine = await listPeople(t.db, orgAdmin, { search: "", page: 1, pageSize: 50 });
      expect(mine.rows.map((r) => r.id).sort()).toEqual([memberId, orgAdmin.id].sort());
      const everyone = await listPeople(t.db, admin, { search: "", page: 1, pageSize: 50 });
      expect(everyone.rows.find((r) => r.email === "new.b@example.nhs.uk")?.state).toBe("invited");
      expect(everyone.total).toBe(5);
      await expect(getAccount(t.db, orgAdmin, otherOrgMemberId)).rejects.toBeInstanceOf(NotFound);
      const member = actorOf({ id: memberId, role: "member", organisation_id: "org-a" });
      await expect(listPeople(t.db, member, { search: "", page: 1, pageSize: 10 })).rejects.toBeInstanceOf(Forbidden);
    });

    it("pages through the list in a stable order", async () => {
      for (let i = 0; i < 5; i++) await user(t.db, { id: `p${i}`, name: `Person ${i}`, organisation_id: "org-a" });
      const first = await listPeople(t.db, admin, { search: "person", page: 1, pageSize: 3 });
      const second = await listPeople(t.db, admin, { search: "person", page: 2, pageSize: 3 });
      expect(first.total).toBe(5);
      expect([...first.rows, ...second.rows].map((r) => r.name)).toEqual([0, 1, 2, 3, 4].map((i) => `Person ${i}`));
    });
  });

  describe("roles", () => {
    it("lets an organisation's administrator move a member between its two roles, and records it", async () => {
      await changeRole(t.db, orgAdmin, { userId: memberId, role: "org_admin", ...address });
      expect(await roleOf(memberId)).toBe("org_admin");
      const [event] = await auditKinds();
      expect(event).toEqual({
        kind: "role_changed",
        detail: "member → organisation admin",
        actor_id: orgAdmin.id,
        subject_user_id: memberId,
      });
    });

    it("refuses an organisation's administrator coordinators, admins, other organisations and themselves", async () => {
      await expect(changeRole(t.db, orgAdmin, { userId: memberId, role: "admin", ...address })).rejects.toBeInstanceOf(
        Forbidden,
      );
      await expect(
        changeRole(t.db, orgAdmin, { userId: otherOrgMemberId, role: "org_admin", ...address }),
      ).rejects.toBeInstanceOf(NotFound);
      await expect(
        changeRole(t.db, orgAdmin, { userId: orgAdmin.id, role: "member", ...address }),
      ).rejects.toBeInstanceOf(Forbidden);
      await expect(changeRole(t.db, admin, { userId: admin.id, role: "member", ...address })).rejects.toBeInstanceOf(
        Forbidden,
      );
      expect(await roleOf(memberId)).toBe("member");
      expect(await roleOf(orgAdmin.id)).toBe("org_admin");
      expect(await auditKinds()).toEqual([]);
    });

    it("lets an administrator make anyone an admin, but refuses a role that does not fit where they belong", async () => {
      await expect(
        changeRole(t.db, admin, { userId: memberId, role: "coordinator", ...address }),
      ).rejects.toBeInstanceOf(Refused);
      const body = await coordinatingBody(t.db);
      const coordinator = await user(t.db, { role: "coordinator", coordinating_body_id: body.id });
      await expect(
        changeRole(t.db, admin, { userId: coordinator.id, role: "member", ...address }),
      ).rejects.toBeInstanceOf(Refused);
      await changeRole(t.db, admin, { userId: memberId, role: "admin", ...address });
      const row = await t.db.selectFrom("app_user").selectAll().where("id", "=", memberId).executeTakeFirstOrThrow();
      expect([row.role, row.organisation_id]).toEqual(["admin", null]);
    });
  });

  describe("disabling and re-enabling", () => {
    it("ends every session at once, and re-enabling brings none back", async () => {
      const first = await signInMary();
      const second = await signInMary(FIREFOX_ON_LINUX);
      if (!first.ok || !second.ok) throw new Error("sign-in failed");
      expect(await auth.validate(sessionIdOf(first.cookie))).not.toBeNull();

      await disableAccount(t.db, orgAdmin, { userId: memberId, ...address });
      expect(await auth.validate(sessionIdOf(first.cookie))).toBeNull();
      expect(await auth.validate(sessionIdOf(second.cookie))).toBeNull();
      const left = await t.db.selectFrom("auth_session").select("id").where("user_id", "=", memberId).execute();
      expect(left).toEqual([]);
      expect((await signInMary()).ok).toBe(false);

      await enableAccount(t.db, orgAdmin, { userId: memberId, ...address });
      expect(await auth.validate(sessionIdOf(first.cookie))).toBeNull();
      expect(await auth.validate(sessionIdOf(second.cookie))).toBeNull();
      const again = await signInMary();
      expect(again.ok).toBe(true);

      const events = await auditKinds();
      expect(events.map((e) => [e.kind, e.detail])).toEqual([
        ["account_disabled", "2 sessions ended"],
        ["account_enabled", null],
      ]);
    });

    it("makes no session for an account disabled while its sign-in was under way", async () => {
      await disableAccount(t.db, admin, { userId: memberId, ...address });
      const { sessionId } = await startSession(auth, memberId, CHROME_ON_WINDOWS);
      await enableAccount(t.db, admin, { userId: memberId, ...address });
      expect(await auth.validate(sessionId)).toBeNull();
    });

    it("refuses disabling oneself or someone outside one's organisation, and disabling twice", async () => {
      await expect(disableAccount(t.db, admin, { userId: admin.id, ...address })).rejects.toBeInstanceOf(Forbidden);
      await expect(disableAccount(t.db, orgAdmin, { userId: otherOrgMemberId, ...address })).rejects.toBeInstanceOf(
        NotFound,
      );
      await disableAccount(t.db, admin, { userId: memberId, ...address });
      await expect(disableAccount(t.db, admin, { userId: memberId, ...address })).rejects.toBeInstanceOf(Refused);
      await expect(enableAccount(t.db, admin, { userId: otherOrgMemberId, ...address })).rejects.toBeInstanceOf(
        Refused,
      );
    });

    it("records the last sign-in on the account", async () => {
      expect((await getAccount(t.db, admin, memberId)).last_sign_in_at).toBeNull();
      await signInMary();
      const account = await getAccount(t.db, admin, memberId);
      expect(account.last_sign_in_at).not.toBeNull();
      expect(account.activeSessions).toBe(1);
    });
  });

  describe("invitations waiting", () => {
    const invite = () =>
      createInvitation(t.db, {
        email: "new.a@example.nhs.uk",
        name: "New Alpha",
        role: "member",
        organisationId: "org-a",
        coordinatingBodyId: null,
        invitedBy: orgAdmin.id,
        baseUrl: "http://localhost",
        revealExistingAccount: false,
      });
    const tokenOf = (link: string) => link.split("/invitations/")[1];
    const invitationId = async () => (await t.db.selectFrom("invitation").select("id").executeTakeFirstOrThrow()).id;

    it("resending gives a new link, mails it, and the old link stops working", async () => {
      const { link: oldLink } = await invite();
      const { link } = await resendInvitation(t.db, orgAdmin, {
        invitationId: await invitationId(),
        baseUrl: "http://localhost",
        ...address,
      });
      expect(link).not.toBe(oldLink);
      expect(await findUsableInvitation(t.db, tokenOf(oldLink))).toBeUndefined();
      expect(await findUsableInvitation(t.db, tokenOf(link))).toBeDefined();
      const mails = await t.db
        .selectFrom("outbox")
        .select("body")
        .where("to_address", "=", "new.a@example.nhs.uk")
        .execute();
      expect(mails).toHaveLength(2);
      expect(mails.some((m) => m.body.includes(link))).toBe(true);
      // The first invitation, then the resent one.
      expect((await auditKinds()).map((e) => e.kind)).toEqual(["invitation_sent", "invitation_sent"]);
    });

    it("withdrawing stops the link, and only the people who could send it may", async () => {
      const { link } = await invite();
      const id = await invitationId();
      const otherOrgAdmin = actorOf(await user(t.db, { role: "org_admin", organisation_id: "org-b" }));
      await expect(withdrawInvitation(t.db, otherOrgAdmin, { invitationId: id, ...address })).rejects.toBeInstanceOf(
        NotFound,
      );
      expect(await findUsableInvitation(t.db, tokenOf(link))).toBeDefined();
      await withdrawInvitation(t.db, orgAdmin, { invitationId: id, ...address });
      expect(await findUsableInvitation(t.db, tokenOf(link))).toBeUndefined();
      expect((await invitationLinkState(t.db, tokenOf(link))).state).toBe("unknown");
      expect((await listPeople(t.db, admin, { search: "new", page: 1, pageSize: 10 })).total).toBe(0);
      await expect(
        resendInvitation(t.db, orgAdmin, { invitationId: id, baseUrl: "http://localhost", ...address }),
      ).rejects.toBeInstanceOf(NotFound);
      // Sorted: both may fall in the same millisecond.
      expect((await auditKinds()).map((e) => e.kind).sort()).toEqual(["invitation_sent", "invitation_withdrawn"]);
    });
  });

  describe("a person's own sessions", () => {
    it("lists them with device and marks this one, without any session id", async () => {
      const here = await signInMary();
      await signInMary(FIREFOX_ON_LINUX);
      if (!here.ok) throw new Error("sign-in failed");
      const mary = actorOf({ id: memberId, role: "member", organisation_id: "org-a" });
      const sessions = await listOwnSessions(t.db, mary, sessionIdOf(here.cookie));
      expect(sessions.map((s) => [s.device, s.current])).toEqual([
        ["Chrome on Windows", true],
        ["Firefox on Linux", false],
      ]);
      const stored = await t.db.selectFrom("auth_session").select("id").execute();
      const text = JSON.stringify(sessions);
      expect(text).not.toContain(sessionIdOf(here.cookie));
      for (const s of stored) expect(text).not.toContain(s.id);
    });

    it("ends another of one's own sessions, and never someone else's", async () => {
      const here = await signInMary();
      const there = await signInMary(FIREFOX_ON_LINUX);
      if (!here.ok || !there.ok) throw new Error("sign-in failed");
      const mary = actorOf({ id: memberId, role: "member", organisation_id: "org-a" });
      const [, other] = await listOwnSessions(t.db, mary, sessionIdOf(here.cookie));

      const { sessionId: adminSession } = await startSession(auth, admin.id);
      await expect(
        endOwnSession(t.db, admin, other.ref, { currentSessionId: adminSession, ...address }),
      ).rejects.toBeInstanceOf(NotFound);
      expect(await auth.validate(sessionIdOf(there.cookie))).not.toBeNull();

      const result = await endOwnSession(t.db, mary, other.ref, {
        currentSessionId: sessionIdOf(here.cookie),
        ...address,
      });
      expect(result.endedCurrent).toBe(false);
      expect(await auth.validate(sessionIdOf(there.cookie))).toBeNull();
      expect(await auth.validate(sessionIdOf(here.cookie))).not.toBeNull();
      expect((await auditKinds()).map((e) => [e.kind, e.subject_user_id])).toEqual([["session_ended", memberId]]);
    });

    it("ends all the others, keeping this one", async () => {
      const here = await signInMary();
      await signInMary(FIREFOX_ON_LINUX);
      await signInMary(FIREFOX_ON_LINUX);
      if (!here.ok) throw new Error("sign-in failed");
      const mary = actorOf({ id: memberId, role: "member", organisation_id: "org-a" });
      const ended = await endOtherSessions(t.db, mary, { currentSessionId: sessionIdOf(here.cookie), ...address });
      expect(ended).toBe(2);
      const left = await listOwnSessions(t.db, mary, sessionIdOf(here.cookie));
      expect(left.map((s) => s.current)).toEqual([true]);
    });
  });
});
