import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createInvitation } from "~/models/account/invitations.server";
import { linkIdentity } from "~/models/account/oidc-identity.server";
import { signIn } from "~/models/account/sign-in.server";
import { createAuth } from "~/auth/lucia.server";
import { createUser } from "~/models/account/users.server";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";
import { organisation, region } from "../support/factories";

const ISSUER = "https://login.example.nhs.uk";
const now = new Date().toISOString();

describe.each(testEngines())("linking identity provider sign-ins to accounts on %s", (engine) => {
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

  const identity = (subject: string, email: string | undefined, emailVerified = true) => ({
    issuer: ISSUER,
    subject,
    email,
    emailVerified,
  });
  const links = () => t.db.selectFrom("oidc_identity").select(["issuer", "subject", "user_id"]).execute();

  it("links a known account by its verified email, then by subject even when the email changes", async () => {
    expect(await linkIdentity(t.db, identity("sub-ada", "ADMIN@example.org"))).toEqual({
      ok: true,
      userId: adminId,
      via: "email",
    });
    expect(await links()).toEqual([{ issuer: ISSUER, subject: "sub-ada", user_id: adminId }]);
    expect(await linkIdentity(t.db, identity("sub-ada", "ada.renamed@example.nhs.uk"))).toEqual({
      ok: true,
      userId: adminId,
      via: "subject",
    });
    // Another subject claiming the same email is not linked over the first.
    expect(await linkIdentity(t.db, identity("sub-impostor", "admin@example.org"))).toEqual({
      ok: false,
      reason: "unknown",
    });
    expect(await links()).toHaveLength(1);
  });

  it("an invited person who signs in through the provider accepts the invitation, once, and has no usable password", async () => {
    await createInvitation(t.db, {
      email: "new.person@example.nhs.uk",
      name: "New Person",
      role: "member",
      organisationId: "org-1",
      coordinatingBodyId: null,
      invitedBy: adminId,
      baseUrl: "http://localhost:3000",
      revealExistingAccount: true,
    });
    const result = await linkIdentity(t.db, identity("sub-new", "New.Person@example.nhs.uk"));
    expect(result).toMatchObject({ ok: true, via: "invitation" });
    if (!result.ok) return;
    const user = await t.db
      .selectFrom("app_user")
      .selectAll()
      .where("id", "=", result.userId)
      .executeTakeFirstOrThrow();
    expect(user).toMatchObject({
      email: "new.person@example.nhs.uk",
      name: "New Person",
      role: "member",
      organisation_id: "org-1",
    });
    expect(
      (await t.db.selectFrom("invitation").select("accepted_at").executeTakeFirstOrThrow()).accepted_at,
    ).not.toBeNull();
    const auth = createAuth(t.db, { idleMinutes: 30, absoluteHours: 12, production: false });
    expect(
      await signIn(
        t.db,
        auth,
        { email: "new.person@example.nhs.uk", password: user.password_hash, client: "10.0.0.1" },
        { maxFailures: 5, windowMinutes: 15 },
      ),
    ).toEqual({ ok: false, reason: "invalid" });
    // Next time the subject finds the account; no second account is made.
    expect(await linkIdentity(t.db, identity("sub-new", "new.person@example.nhs.uk"))).toEqual({
      ok: true,
      userId: result.userId,
      via: "subject",
    });
    expect(await t.db.selectFrom("app_user").select("id").execute()).toHaveLength(2);
  });

  it("refuses an unknown email and changes nothing", async () => {
    expect(await linkIdentity(t.db, identity("sub-x", "stranger@example.nhs.uk"))).toEqual({
      ok: false,
      reason: "unknown",
    });
    expect(await links()).toEqual([]);
    expect(await t.db.selectFrom("app_user").select("id").execute()).toHaveLength(1);
  });

  it("refuses an email the provider has not verified, or no email at all, even for a known account or an invitation", async () => {
    await createInvitation(t.db, {
      email: "new.person@example.nhs.uk",
      name: "New Person",
      role: "member",
      organisationId: "org-1",
      coordinatingBodyId: null,
      invitedBy: adminId,
      baseUrl: "http://localhost:3000",
      revealExistingAccount: true,
    });
    expect(await linkIdentity(t.db, identity("sub-a", "admin@example.org", false))).toEqual({
      ok: false,
      reason: "unverified",
    });
    expect(await linkIdentity(t.db, identity("sub-b", "new.person@example.nhs.uk", false))).toEqual({
      ok: false,
      reason: "unverified",
    });
    expect(await linkIdentity(t.db, identity("sub-c", undefined))).toEqual({ ok: false, reason: "unverified" });
    expect(await links()).toEqual([]);
    expect(
      (await t.db.selectFrom("invitation").select("accepted_at").executeTakeFirstOrThrow()).accepted_at,
    ).toBeNull();
  });

  it("refuses a closed account, by email or by subject", async () => {
    expect((await linkIdentity(t.db, identity("sub-ada", "admin@example.org"))).ok).toBe(true);
    await t.db.updateTable("app_user").set({ disabled_at: now }).where("id", "=", adminId).execute();
    expect(await linkIdentity(t.db, identity("sub-ada", "admin@example.org"))).toEqual({
      ok: false,
      reason: "disabled",
    });
  });
});
