import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sha256Hex } from "~/auth/hash.server";
import { verifyPassword } from "~/auth/password.server";
import {
  acceptInvitation,
  createInvitation,
  findUsableInvitation,
  invitationLinkState,
} from "~/models/account/invitations.server";
import { createUser, findUserByEmail } from "~/models/account/users.server";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";
import { Refused } from "~/lib/errors";
import { organisation, region } from "../support/factories";

const now = new Date().toISOString();

describe.each(testEngines())("invitations on %s", (engine) => {
  let t: TestDatabase;
  let adminId: string;

  beforeEach(async () => {
    t = await freshDatabase(engine);
    await region(t.db, { code: "Y56", ons_code: "E40000003", name: "London" });
    await organisation(t.db, {
      id: "org-1",
      ods_code: "RWK",
      name: "East London NHS Foundation Trust",
      type: "mental_health",
      is_foundation_trust: 1,
      region_code: "Y56",
      offers_outreach: 1,
      created_at: now,
      updated_at: now,
    });
    adminId = await createUser(t.db, {
      email: "admin@example.org",
      name: "Admin",
      password: "river-lantern-orchard",
      role: "admin",
    });
  });
  afterEach(async () => t.dispose());

  const invite = (email = "new.person@example.nhs.uk", { revealExistingAccount = true } = {}) =>
    createInvitation(t.db, {
      email,
      name: "New Person",
      role: "member",
      organisationId: "org-1",
      coordinatingBodyId: null,
      invitedBy: adminId,
      baseUrl: "http://localhost:3000",
      revealExistingAccount,
    });

  const tokenOf = (link: string) => link.split("/invitations/")[1];

  it("stores only a hash of the token, queues a mail with the link, and accepts once", async () => {
    const { link } = await invite();
    const token = tokenOf(link);
    const stored = await t.db.selectFrom("invitation").select(["token_hash"]).executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(sha256Hex(token));
    expect(stored.token_hash).not.toContain(token);
    const mail = await t.db.selectFrom("outbox").selectAll().executeTakeFirstOrThrow();
    expect(mail.to_address).toBe("new.person@example.nhs.uk");
    expect(mail.body).toContain(link);

    expect(await findUsableInvitation(t.db, token)).toBeDefined();
    const userId = await acceptInvitation(t.db, token, "meadow-copper-violin");
    expect(userId).toBeDefined();
    const user = await findUserByEmail(t.db, "new.person@example.nhs.uk");
    expect(user).toMatchObject({ id: userId, role: "member", organisation_id: "org-1" });
    expect(await verifyPassword(user!.password_hash, "meadow-copper-violin")).toBe(true);

    // Single use.
    expect(await findUsableInvitation(t.db, token)).toBeUndefined();
    expect(await acceptInvitation(t.db, token, "another-long-password")).toBeUndefined();
  });

  it("refuses an expired link", async () => {
    const { link } = await invite();
    await t.db
      .updateTable("invitation")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .execute();
    expect(await findUsableInvitation(t.db, tokenOf(link))).toBeUndefined();
    expect(await acceptInvitation(t.db, tokenOf(link), "meadow-copper-violin")).toBeUndefined();
    expect(await findUserByEmail(t.db, "new.person@example.nhs.uk")).toBeUndefined();
  });

  it("expires after seven days", async () => {
    await invite();
    const row = await t.db.selectFrom("invitation").select(["created_at", "expires_at"]).executeTakeFirstOrThrow();
    expect(new Date(row.expires_at).getTime() - new Date(row.created_at).getTime()).toBe(7 * 86_400_000);
  });

  it("refuses an unknown token and an existing account", async () => {
    expect(await findUsableInvitation(t.db, "not-a-real-token")).toBeUndefined();
    await expect(invite("ADMIN@example.org")).rejects.toBeInstanceOf(Refused);
  });

  it("to an inviter who cannot list users, an existing account looks like any other invitation; its owner is told by mail", async () => {
    const fresh = await invite("someone.new@example.nhs.uk", { revealExistingAccount: false });
    const existing = await invite("ADMIN@example.org", { revealExistingAccount: false });
    expect(Object.keys(existing)).toEqual(Object.keys(fresh));
    expect(existing.link).toMatch(/^http:\/\/localhost:3000\/invitations\/[^/]+$/);
    expect(tokenOf(existing.link)).toHaveLength(tokenOf(fresh.link).length);
    // Nothing that could make a second account, and the link leads nowhere.
    const invitations = await t.db.selectFrom("invitation").select("email").execute();
    expect(invitations).toEqual([{ email: "someone.new@example.nhs.uk" }]);
    expect(await findUsableInvitation(t.db, tokenOf(existing.link))).toBeUndefined();
    const mail = await t.db
      .selectFrom("outbox")
      .selectAll()
      .where("to_address", "=", "admin@example.org")
      .executeTakeFirstOrThrow();
    expect(mail.body).toContain("already have a Peerlink account");
    expect(mail.body).toContain("http://localhost:3000/login");
    expect(mail.body).not.toContain(existing.link);
  });

  it("a member invitation needs an organisation and writes nothing without one", async () => {
    await expect(
      createInvitation(t.db, {
        email: "x@example.org",
        name: "X",
        role: "member",
        organisationId: null,
        coordinatingBodyId: null,
        invitedBy: adminId,
        baseUrl: "http://localhost",
        revealExistingAccount: true,
      }),
    ).rejects.toBeInstanceOf(Refused);
    expect(await t.db.selectFrom("invitation").selectAll().execute()).toEqual([]);
    expect(await t.db.selectFrom("outbox").selectAll().execute()).toEqual([]);
  });

  it("a dead link says whether it was used or when it expired and whom to ask", async () => {
    const used = tokenOf((await invite("used@example.nhs.uk")).link);
    const stale = tokenOf((await invite("stale@example.nhs.uk")).link);
    expect(await invitationLinkState(t.db, used)).toEqual({ state: "usable" });
    await acceptInvitation(t.db, used, "meadow-copper-violin");
    expect(await invitationLinkState(t.db, used)).toEqual({ state: "used" });
    await t.db
      .updateTable("invitation")
      .set({ expires_at: "2027-03-03T12:00:00.000Z" })
      .where("email", "=", "stale@example.nhs.uk")
      .execute();
    const now = new Date("2027-03-04T09:00:00.000Z");
    expect(await invitationLinkState(t.db, stale, now)).toEqual({
      state: "expired",
      expiredAt: "2027-03-03T12:00:00.000Z",
      invitedByName: "Admin",
    });
    expect(await invitationLinkState(t.db, "not-a-real-token", now)).toEqual({ state: "unknown" });
  });
});
