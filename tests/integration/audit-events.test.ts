import { generateHOTP } from "@oslojs/otp";
import fs from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sha256Hex } from "~/auth/hash.server";
import { createAuth, type Auth } from "~/auth/lucia.server";
import type { Actor } from "~/auth/policy";
import { stepAt } from "~/auth/two-factor/totp.server";
import type { AuditKind } from "~/domain/audit-kinds";
import { acceptInvitation, createInvitation } from "~/models/account/invitations.server";
import { linkIdentity } from "~/models/account/oidc-identity.server";
import { changePassword } from "~/models/account/password-change.server";
import { resetPassword } from "~/models/account/password-reset.server";
import { completeCodeStep } from "~/models/account/second-factor-sign-in.server";
import { findChallenge } from "~/models/account/sign-in-challenge.server";
import { signIn } from "~/models/account/sign-in.server";
import { pendingEnrolment, removeTwoFactor } from "~/models/account/two-factor.server";
import { createUser } from "~/models/account/users.server";
import { addCapability, addDomain } from "~/models/framework/framework.server";
import { overrideProposal, pinPair } from "~/models/matching/decisions.server";
import { runRound } from "~/models/matching/rounds.server";
import { importEtr } from "~/models/organisation/ods-import.server";
import { createOrganisation, updateOrganisation } from "~/models/organisation/organisations.server";
import { askForPioneerStatus, decidePioneerStatus } from "~/models/organisation/pioneer-status.server";
import { seedReferenceData } from "../../db/seed/reference";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";
import { coordinatingBody, organisation, request, user } from "../support/factories";
import { seedMeasurementOffers } from "../support/matching-fixture";

const throttle = { maxFailures: 3, windowMinutes: 15 };
const PASSWORD = "river-lantern-orchard";
const CLIENT = "203.0.113.9";
const NAME = "Ada Lovelace";
const EMAIL = "ada@example.org";
const NOW = "2026-11-29T09:00:00.000Z";
const codeAt = (key: Uint8Array, at: Date) => generateHOTP(key, BigInt(stepAt(at)), 6);

const admin: Actor = { id: "admin", role: "admin", organisationId: null, scope: null };
const coordinator: Actor = {
  id: "coord",
  role: "coordinator",
  organisationId: null,
  scope: { kind: "region", code: "Y56" },
};

describe.each(testEngines())("the audit log's events on %s", (engine) => {
  let t: TestDatabase;
  let auth: Auth;
  let userId: string;

  beforeEach(async () => {
    t = await freshDatabase(engine);
    auth = createAuth(t.db, { idleMinutes: 30, absoluteHours: 12, production: false });
    await seedReferenceData(t.db);
    await user(t.db, { id: "admin", role: "admin", name: "Grace Admin", email: "grace@example.org" });
    userId = await createUser(t.db, { email: EMAIL, name: NAME, password: PASSWORD, role: "admin" });
  });
  afterEach(async () => t.dispose());

  const events = (kind: AuditKind) =>
    t.db.selectFrom("audit_event").selectAll().where("kind", "=", kind).orderBy("occurred_at").execute();

  /** Exactly one event of the kind, naming no one in its words. */
  async function theOne(kind: AuditKind) {
    const rows = await events(kind);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    for (const personal of [EMAIL, NAME, "grace@example.org", "Grace Admin", "@"])
      expect(row.detail ?? "").not.toContain(personal);
    return row;
  }

  describe("signing in", () => {
    const attempt = (password: string, email = EMAIL) =>
      signIn(t.db, auth, { email, password, client: CLIENT }, throttle);

    it("records a password sign-in once, with who and from where", async () => {
      expect((await attempt(PASSWORD)).ok).toBe(true);
      expect(await theOne("sign_in_succeeded")).toMatchObject({
        actor_id: userId,
        subject_user_id: userId,
        client_address: CLIENT,
        detail: "with a password",
      });
      expect(await events("sign_in_failed")).toEqual([]);
    });

    it("records each refusal with its reason, and an unknown address with neither account nor address", async () => {
      await attempt("wrong-password-here");
      expect(await theOne("sign_in_failed")).toMatchObject({
        actor_id: null,
        subject_user_id: userId,
        detail: "wrong password",
      });
      await attempt(PASSWORD, "nobody@example.org");
      const unknown = (await events("sign_in_failed"))[1];
      expect(unknown).toMatchObject({ actor_id: null, subject_user_id: null, detail: "unknown email address" });
      expect(JSON.stringify(unknown)).not.toContain("nobody");

      await t.db.updateTable("app_user").set({ disabled_at: NOW }).where("id", "=", userId).execute();
      await attempt(PASSWORD);
      expect((await events("sign_in_failed")).map((e) => e.detail)).toEqual([
        "wrong password",
        "unknown email address",
        "account disabled",
      ]);
    });

    it("records a throttled attempt as too many attempts", async () => {
      for (let i = 0; i < 3; i++) await attempt("wrong-password-here");
      expect((await attempt(PASSWORD)).ok).toBe(false);
      const last = (await events("sign_in_failed")).at(-1);
      expect(last).toMatchObject({ subject_user_id: userId, detail: "too many attempts" });
    });

    it("records two-factor set-up and the sign-in it completes, then a wrong code", async () => {
      const first = await signIn(t.db, auth, { email: EMAIL, password: PASSWORD, client: CLIENT }, throttle, {
        mfaRequiredRoles: ["admin"],
      });
      if (first.ok || first.reason !== "second-factor") throw new Error("expected the code step");
      expect(await events("sign_in_succeeded")).toEqual([]);
      const pending = (await pendingEnrolment(t.db, userId, EMAIL))!;
      const challenge = (await findChallenge(t.db, first.challenge))!;
      const code = codeAt(pending.key, new Date());
      const done = await completeCodeStep(
        t.db,
        auth,
        { token: first.challenge, challenge, code, client: CLIENT },
        throttle,
      );
      expect(done.ok).toBe(true);
      expect(await theOne("mfa_enrolled")).toMatchObject({
        actor_id: userId,
        subject_user_id: userId,
        client_address: CLIENT,
      });
      expect(await theOne("sign_in_succeeded")).toMatchObject({ detail: "with a password and a two-factor code" });

      const second = await signIn(t.db, auth, { email: EMAIL, password: PASSWORD, client: CLIENT }, throttle);
      if (second.ok || second.reason !== "second-factor") throw new Error("expected the code step");
      const verify = (await findChallenge(t.db, second.challenge))!;
      const wrong = code === "000000" ? "111111" : "000000";
      await completeCodeStep(
        t.db,
        auth,
        { token: second.challenge, challenge: verify, code: wrong, client: CLIENT },
        throttle,
      );
      expect(await theOne("sign_in_failed")).toMatchObject({
        subject_user_id: userId,
        detail: "wrong two-factor code",
      });

      await removeTwoFactor(t.db, userId, { client: CLIENT });
      expect(await theOne("mfa_reset")).toMatchObject({ actor_id: userId, subject_user_id: userId });
    });

    it("records an NHS identity linked to an account by its email, and an invitation accepted through it", async () => {
      const linked = await linkIdentity(
        t.db,
        { issuer: "https://id.example.nhs.uk", subject: "sub-1", email: EMAIL, emailVerified: true },
        CLIENT,
      );
      expect(linked).toMatchObject({ ok: true, via: "email" });
      expect(await theOne("sso_linked")).toMatchObject({
        actor_id: userId,
        subject_user_id: userId,
        client_address: CLIENT,
      });
      expect(await events("invitation_accepted")).toEqual([]);

      await organisation(t.db, { id: "RF4", region_code: "Y56" });
      await createInvitation(t.db, {
        email: "newcomer@example.org",
        name: "New Comer",
        role: "member",
        organisationId: "RF4",
        coordinatingBodyId: null,
        invitedBy: "admin",
        baseUrl: "http://localhost",
        revealExistingAccount: true,
      });
      const viaProvider = await linkIdentity(t.db, {
        issuer: "https://id.example.nhs.uk",
        subject: "sub-2",
        email: "newcomer@example.org",
        emailVerified: true,
      });
      if (!viaProvider.ok) throw new Error("expected the invitation to be accepted");
      expect(await theOne("invitation_accepted")).toMatchObject({
        actor_id: viaProvider.userId,
        subject_user_id: viaProvider.userId,
        organisation_id: "RF4",
      });
      expect(await events("sso_linked")).toHaveLength(2);
    });
  });

  describe("account changes", () => {
    it("records a password changed on the account page", async () => {
      const result = await changePassword(
        t.db,
        { userId, sessionId: "s1", currentPassword: PASSWORD, newPassword: "a-whole-new-passphrase", client: CLIENT },
        throttle,
      );
      expect(result.ok).toBe(true);
      expect(await theOne("password_changed")).toMatchObject({
        actor_id: userId,
        subject_user_id: userId,
        client_address: CLIENT,
      });
      expect(await events("password_reset")).toEqual([]);
    });

    it("records a password set from a reset link", async () => {
      await t.db
        .insertInto("password_reset")
        .values({
          id: "reset-1",
          token_hash: sha256Hex("reset-token"),
          user_id: userId,
          created_at: new Date().toISOString(),
          expires_at: new Date(Date.now() + 3_600_000).toISOString(),
          used_at: null,
        })
        .execute();
      const result = await resetPassword(t.db, {
        token: "reset-token",
        password: "a-whole-new-passphrase",
        clientAddress: CLIENT,
      });
      expect(result.ok).toBe(true);
      expect(await theOne("password_reset")).toMatchObject({ subject_user_id: userId, client_address: CLIENT });
      expect(await events("password_changed")).toEqual([]);
    });

    it("records an invitation sent and accepted through its link", async () => {
      await organisation(t.db, { id: "RF4", region_code: "Y56" });
      const { link } = await createInvitation(t.db, {
        email: "newcomer@example.org",
        name: "New Comer",
        role: "member",
        organisationId: "RF4",
        coordinatingBodyId: null,
        invitedBy: "admin",
        baseUrl: "http://localhost",
        revealExistingAccount: true,
        clientAddress: CLIENT,
      });
      expect(await theOne("invitation_sent")).toMatchObject({
        actor_id: "admin",
        organisation_id: "RF4",
        client_address: CLIENT,
      });
      const token = link.split("/").at(-1)!;
      const newcomer = await acceptInvitation(t.db, token, "a-whole-new-passphrase", "198.51.100.2");
      expect(await theOne("invitation_accepted")).toMatchObject({
        actor_id: newcomer,
        subject_user_id: newcomer,
        organisation_id: "RF4",
        client_address: "198.51.100.2",
      });
      expect((await theOne("invitation_accepted")).detail).toContain("through its link");
    });
  });

  describe("administration", () => {
    const fields = {
      odsCode: "RZZ",
      name: "Example Trust",
      type: "acute" as const,
      isFoundationTrust: false,
      regionCode: "Y56",
      icbCode: null,
      address: "1 High Street",
      postcode: "E1 1AA",
      active: true,
      seeksHelp: true,
      offersOutreach: false,
    };

    it("records an organisation added, then changed, and pioneer status given by that change", async () => {
      const id = await createOrganisation(t.db, admin, fields, { clientAddress: CLIENT });
      expect(await theOne("organisation_changed")).toMatchObject({
        actor_id: "admin",
        organisation_id: id,
        client_address: CLIENT,
      });
      await updateOrganisation(t.db, admin, id, { ...fields, offersOutreach: true });
      expect(await events("organisation_changed")).toHaveLength(2);
      expect(await theOne("pioneer_status_changed")).toMatchObject({
        organisation_id: id,
        detail: "granted by an administrator's edit",
      });
    });

    it("records one event per ODS import, with its counts", async () => {
      await importEtr(t.db, admin, fs.readFileSync("tests/fixtures/etr-sample.csv"), { clientAddress: CLIENT });
      expect(await theOne("organisation_changed")).toMatchObject({
        actor_id: "admin",
        organisation_id: null,
        detail: "ODS import: 12 added, 0 updated, 0 closed, 0 unchanged",
      });
    });

    it("records framework changes", async () => {
      const domainId = await addDomain(
        t.db,
        admin,
        { name: "Improvement", description: "" },
        { clientAddress: CLIENT },
      );
      expect(await theOne("framework_changed")).toMatchObject({
        actor_id: "admin",
        detail: `domain ${domainId} added`,
      });
      await addCapability(t.db, admin, { domainId, code: "qi-1", name: "Run charts", description: "" });
      expect((await events("framework_changed")).map((e) => e.detail)).toEqual([
        `domain ${domainId} added`,
        "capability QI-1 added",
      ]);
    });

    it("records pioneer status asked for and granted, without the trust's own words", async () => {
      await organisation(t.db, { id: "RF4", region_code: "Y56" });
      await user(t.db, { id: "lead", role: "org_admin", organisation_id: "RF4" });
      const lead: Actor = { id: "lead", role: "org_admin", organisationId: "RF4", scope: null };
      const requestId = await askForPioneerStatus(t.db, {
        actor: lead,
        organisationId: "RF4",
        reason: "Ada Lovelace led our SPC work",
        clientAddress: CLIENT,
      });
      expect(await theOne("pioneer_status_changed")).toMatchObject({ actor_id: "lead", organisation_id: "RF4" });
      await decidePioneerStatus(t.db, { actor: admin, requestId, decision: "grant", note: "Well evidenced" });
      const [asked, granted] = await events("pioneer_status_changed");
      expect(asked.detail).toBe(`asked for (request ${requestId})`);
      expect(granted).toMatchObject({
        actor_id: "admin",
        organisation_id: "RF4",
        detail: `granted (request ${requestId})`,
      });
    });
  });

  describe("matching", () => {
    beforeEach(async () => {
      await organisation(t.db, { id: "RF4", region_code: "Y56" });
      await organisation(t.db, { id: "RWK", region_code: "Y56", offers_outreach: 1 });
      await organisation(t.db, { id: "RXX", region_code: "Y56", offers_outreach: 1 });
      await coordinatingBody(t.db, { id: "london", scope: "region", scope_code: "Y56" });
      await user(t.db, { id: "coord", role: "coordinator", coordinating_body_id: "london" });
      await user(t.db, { id: "pio", role: "org_admin", organisation_id: "RWK" });
      await user(t.db, { id: "sal", role: "org_admin", organisation_id: "RXX" });
      await seedMeasurementOffers(t.db, {
        now: NOW,
        offerA: { capacity_per_quarter: 1, created_by: "pio" },
        offerB: { capacity_per_quarter: 2, created_by: "sal" },
      });
      await request(t.db, {
        id: "r1",
        organisation_id: "RF4",
        title: "Request r1",
        window_start: "2026-10-01",
        window_end: "2027-12-31",
        created_by: "pio",
        created_at: NOW,
        updated_at: NOW,
        submitted_at: NOW,
      });
      await t.db.insertInto("help_request_capability").values({ request_id: "r1", capability_id: "c1" }).execute();
    });

    it("records a round run, a pair pinned and a proposal overridden", async () => {
      const round = await runRound(t.db, {
        coordinator,
        quarter: "2026-Q4",
        today: "2026-11-29",
        clientAddress: CLIENT,
      });
      expect(await theOne("matching_round_run")).toMatchObject({ actor_id: "coord", client_address: CLIENT });
      expect((await theOne("matching_round_run")).detail).toContain(`round ${round.id}`);

      await pinPair(t.db, { requestId: "r1", offerId: "offerA", coordinator, reason: "Known to work" });
      expect(await theOne("match_overridden")).toMatchObject({
        actor_id: "coord",
        organisation_id: "RF4",
        detail: "pinned request r1 with offer offerA",
      });

      await t.db
        .insertInto("match_proposal")
        .values({
          id: "p1",
          round_id: round.id,
          request_id: "r1",
          offer_id: "offerA",
          score: 0.8,
          explanation_json: "[]",
          alternatives_json: JSON.stringify([
            { offerId: "offerB", offerTitle: "Offer offerB", organisationName: "", score: 0.5, note: "" },
          ]),
          unmatched_reason: null,
          status: "proposed",
          decided_by: null,
          decided_at: null,
          decision_reason: null,
        })
        .execute();
      await t.db.updateTable("match_proposal").set({ status: "superseded" }).where("id", "!=", "p1").execute();
      await overrideProposal(t.db, {
        proposalId: "p1",
        coordinator,
        offerId: "offerB",
        reason: "Nearer for Ada Lovelace",
      });
      const overrides = await events("match_overridden");
      expect(overrides).toHaveLength(2);
      expect(overrides[1]).toMatchObject({ actor_id: "coord", organisation_id: "RF4" });
      expect(overrides[1].detail).toContain("proposal p1: offer offerB approved instead of offerA");
      expect(overrides[1].detail).not.toContain("Ada");
    });
  });
});
