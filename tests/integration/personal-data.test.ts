import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tableColumns } from "../../db/schema";
import type { Actor } from "~/auth/policy";
import { sha256Hex } from "~/auth/hash.server";
import { verifyPassword } from "~/auth/password.server";
import { MESSAGE_GROUP_NAMES } from "~/domain/message-groups";
import { Forbidden, NotFound, Refused } from "~/lib/errors";
import { createInvitation } from "~/models/account/invitations.server";
import { erasePerson, FORMER_USER, formerUserEmail, personToErase } from "~/models/account/erasure.server";
import { personalDataOf } from "~/models/account/personal-data.server";
import { recordAuditEvent } from "~/models/audit/record.server";
import { setOwnContacts } from "~/models/engagement/contacts.server";
import { engagementIdForMatch } from "~/models/engagement/core.server";
import { planSession } from "~/models/engagement/sessions.server";
import { getLearningEntry } from "~/models/learning/queries.server";
import { respondToMatch } from "~/models/matching/responses.server";
import { notifyUser } from "~/models/notification/notifications.server";
import { savePreferences } from "~/models/notification/preferences.server";
import { getOffer } from "~/models/offer/queries.server";
import { admin, pioneer, requester, seedEngagementFixture, visit } from "../support/engagement-fixture";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";
import { assessment, offer, user } from "../support/factories";

const NAME = "Zelda Quartermaine";
const EMAIL = "zelda.quartermaine@trust.example.org";
const AT = "2027-02-02T09:00:00.000Z";

/** Zelda, an administrator of the pioneer trust RWK, who wrote things and is named in others' mail. */
const zelda: Actor = { id: "zel", role: "org_admin", organisationId: "RWK", scope: null, organisationIsPioneer: true };

describe.each(testEngines())("personal data on %s", (engine) => {
  let t: TestDatabase;
  let engagementId: string;

  beforeEach(async () => {
    t = await freshDatabase(engine);
    const db = t.db;
    await seedEngagementFixture(db);
    // Invited before the account exists: the invitation and its mail carry her name and address.
    await createInvitation(db, {
      email: EMAIL,
      name: NAME,
      role: "org_admin",
      organisationId: "RWK",
      coordinatingBodyId: null,
      invitedBy: "admin",
      baseUrl: "http://localhost",
      revealExistingAccount: true,
    });
    await user(db, { id: "zel", name: NAME, email: EMAIL, role: "org_admin", organisation_id: "RWK" });
    await respondToMatch(db, { matchId: "m1", user: pioneer, accept: true });
    engagementId = (await engagementIdForMatch(db, "m1"))!;
    // She is her trust's lead contact and attends sessions: planning one mails her an invitation.
    await setOwnContacts(db, {
      engagementId,
      actor: zelda,
      lead: { name: NAME, email: EMAIL, phone: "020 7946 0000" },
      attendeeIds: ["zel"],
    });
    await planSession(db, { engagementId, actor: zelda, plan: visit(), now: new Date("2027-02-10T10:00:00Z") });
    await notifyUser(db, "zel", { kind: "session_planned", title: "A session for you", body: "Read it", link: null });
    // Others are told about her by name.
    await notifyUser(db, "pio", {
      kind: "session_planned",
      title: `${NAME} planned a session`,
      body: `Ask ${NAME} at ${EMAIL}`,
      link: null,
    });
    await savePreferences(db, "zel", Object.fromEntries(MESSAGE_GROUP_NAMES.map((g) => [g, "digest"])) as never);
    // What she wrote for her trust.
    await assessment(db, { id: "zel-assessment", organisation_id: "RWK", assessed_by: "zel" });
    await db
      .insertInto("assessment_draft")
      .values({ organisation_id: "RWK", values_json: "{}", saved_by: "zel", saved_at: AT })
      .execute();
    await offer(db, {
      id: "zel-offer",
      organisation_id: "RWK",
      format_code: "visit",
      created_by: "zel",
      contact_name: NAME,
      contact_email: EMAIL,
    });
    await db
      .insertInto("learning_entry")
      .values({
        id: "zel-learning",
        engagement_id: engagementId,
        organisation_id: "RWK",
        author_id: "zel",
        title: "Run charts on every ward",
        insight: "Start small",
        visibility: "shared",
        created_at: AT,
        updated_at: AT,
      })
      .execute();
    await db
      .insertInto("learning_action")
      .values({
        id: "zel-action",
        entry_id: "zel-learning",
        engagement_id: engagementId,
        description: "Share the template",
        owner: NAME,
        due_on: "2027-04-01",
        status: "open",
        updated_by: "pio",
        updated_at: AT,
      })
      .execute();
    // Her account's own rows.
    await db
      .insertInto("auth_session")
      .values({ id: "zel-session", user_id: "zel", expires_at: AT, created_at: AT, last_seen_at: AT })
      .execute();
    await db
      .insertInto("oidc_session")
      .values({ session_id: "zel-session", id_token: `token-for-${EMAIL}` })
      .execute();
    await db
      .insertInto("oidc_identity")
      .values({ issuer: "https://nhs.example", subject: "zel-subject", user_id: "zel", linked_at: AT })
      .execute();
    await db
      .insertInto("user_totp")
      .values({ user_id: "zel", secret: "c2VjcmV0", created_at: AT, confirmed_at: AT, last_used_step: null })
      .execute();
    await db
      .insertInto("recovery_code")
      .values({ id: "zel-code", user_id: "zel", code_hash: sha256Hex("code"), created_at: AT, used_at: null })
      .execute();
    await db
      .insertInto("sign_in_challenge")
      .values({ id: "zel-challenge", user_id: "zel", kind: "verify", redirect_to: "/", expires_at: AT })
      .execute();
    await db
      .insertInto("password_reset")
      .values({ id: "zel-reset", token_hash: "h", user_id: "zel", created_at: AT, expires_at: AT, used_at: null })
      .execute();
    await db
      .insertInto("password_reset_request")
      .values({ id: "zel-reset-request", email: EMAIL, client: "198.51.100.7", requested_at: AT })
      .execute();
    await db
      .insertInto("sign_in_attempt")
      .values({
        id: "zel-attempt",
        email: EMAIL,
        client: "198.51.100.7",
        succeeded: 0,
        attempted_at: AT,
        settled_at: AT,
      })
      .execute();
    await db
      .insertInto("sign_in_throttle")
      .values({ key: `email:${EMAIL}`, touched_at: AT })
      .execute();
    await recordAuditEvent(db, { kind: "sign_in_succeeded", actorId: "zel", subjectUserId: "zel" }, AT);
    // Mail to someone else that names her, after a failure that quoted her address.
    await db
      .insertInto("outbox")
      .values({
        id: "mail-about-zel",
        to_address: "req1@example.org",
        subject: `${NAME} shared a template`,
        body: `${NAME} (${EMAIL}) shared a template with you.`,
        created_at: AT,
        sent_at: null,
        calendar_method: null,
        calendar_ics: null,
        claimed_by: null,
        claimed_until: null,
        next_attempt_at: null,
        last_error: `550 rejected: copy to ${EMAIL}`,
        failed_at: null,
      })
      .execute();
  });
  afterEach(async () => t.dispose());

  /** Every text column of every table, each asked whether it still holds her name or address. */
  async function remainingCopies(): Promise<string[]> {
    const found: string[] = [];
    for (const [table, columns] of Object.entries(tableColumns)) {
      for (const column of columns) {
        const value = sql`lower(cast(${sql.ref(column)} as text))`;
        const row = await sql<{ n: number | string }>`
          select count(*) as n from ${sql.table(table)}
          where ${value} like ${`%${NAME.toLowerCase()}%`} or ${value} like ${`%${EMAIL}%`}`.execute(t.db);
        if (Number(row.rows[0].n) > 0) found.push(`${table}.${column}`);
      }
    }
    return found;
  }

  it("finds her name and address in the tables before erasure, so the sweep can fail", async () => {
    const before = await remainingCopies();
    for (const column of [
      "app_user.name",
      "app_user.email",
      "invitation.email",
      "invitation.name",
      "outbox.to_address",
      "outbox.body",
      "outbox.last_error",
      "notification.title",
      "engagement_contact.name",
      "engagement_contact.email",
      "offer.contact_name",
      "offer.contact_email",
      "learning_action.owner",
      "sign_in_attempt.email",
      "sign_in_throttle.key",
      "password_reset_request.email",
      "oidc_session.id_token",
    ])
      expect(before).toContain(column);
  });

  it("erases every copy of her name and address, in every table, and keeps what she wrote", async () => {
    await erasePerson(t.db, admin, { userId: "zel", confirmEmail: ` ${EMAIL.toUpperCase()} ` });

    expect(await remainingCopies()).toEqual([]);

    const account = await t.db.selectFrom("app_user").selectAll().where("id", "=", "zel").executeTakeFirstOrThrow();
    expect(account).toMatchObject({ name: FORMER_USER, email: formerUserEmail("zel") });
    expect(account.disabled_at).not.toBeNull();
    expect(await verifyPassword(account.password_hash, "anything")).toBe(false);
    for (const table of [
      "auth_session",
      "oidc_identity",
      "user_totp",
      "recovery_code",
      "sign_in_challenge",
      "password_reset",
      "mail_preference",
      "notification",
      "engagement_attendee",
    ] as const) {
      const left = await t.db.selectFrom(table).select("user_id").where("user_id", "=", "zel").execute();
      expect(left, table).toEqual([]);
    }
    expect(await t.db.selectFrom("oidc_session").selectAll().execute()).toEqual([]);

    // Her work stays, shown as a former user's.
    expect((await getLearningEntry(t.db, "zel-learning"))?.authorName).toBe(FORMER_USER);
    expect(await t.db.selectFrom("assessment").select("id").where("assessed_by", "=", "zel").execute()).toHaveLength(1);
    const kept = await getOffer(t.db, "zel-offer");
    expect(kept?.title).toBeTruthy();
    const action = await t.db.selectFrom("learning_action").select("owner").executeTakeFirstOrThrow();
    expect(action.owner).toBe(FORMER_USER);
    // Others' notifications and mail stay, without her.
    const told = await t.db.selectFrom("notification").select("title").where("user_id", "=", "pio").execute();
    expect(told.map((n) => n.title)).toContain(`${FORMER_USER} planned a session`);

    // The audit log says who erased whom, by id only.
    const events = await t.db.selectFrom("audit_event").selectAll().where("kind", "=", "account_erased").execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_id: "admin", subject_user_id: "zel", detail: null });
  });

  it("leaves a name too short to tell from ordinary words in others' text, and still erases the account", async () => {
    await user(t.db, { id: "al", name: "Al", email: "al@trust.example.org", role: "member", organisation_id: "RF4" });
    await notifyUser(t.db, "pio", { kind: "session_planned", title: "Also: Alder ward", body: "", link: null });
    await erasePerson(t.db, admin, { userId: "al", confirmEmail: "al@trust.example.org" });
    const titles = await t.db.selectFrom("notification").select("title").where("user_id", "=", "pio").execute();
    expect(titles.map((n) => n.title)).toContain("Also: Alder ward");
    expect(await t.db.selectFrom("app_user").select("name").where("id", "=", "al").executeTakeFirst()).toEqual({
      name: FORMER_USER,
    });
  });

  it("refuses anyone but an administrator, an administrator erasing themselves, and a wrong confirmation", async () => {
    await expect(erasePerson(t.db, requester, { userId: "zel", confirmEmail: EMAIL })).rejects.toBeInstanceOf(
      Forbidden,
    );
    await expect(erasePerson(t.db, zelda, { userId: "zel", confirmEmail: EMAIL })).rejects.toBeInstanceOf(Forbidden);
    await expect(
      erasePerson(t.db, admin, { userId: "admin", confirmEmail: "admin@example.org" }),
    ).rejects.toBeInstanceOf(Forbidden);
    await expect(personToErase(t.db, admin, "admin")).rejects.toBeInstanceOf(Forbidden);
    await expect(erasePerson(t.db, admin, { userId: "nobody", confirmEmail: EMAIL })).rejects.toBeInstanceOf(NotFound);
    await expect(
      erasePerson(t.db, admin, { userId: "zel", confirmEmail: "someone.else@example.org" }),
    ).rejects.toMatchObject({ code: "confirm_mismatch" });
    // Nothing changed.
    const account = await t.db
      .selectFrom("app_user")
      .select(["name", "email"])
      .where("id", "=", "zel")
      .executeTakeFirst();
    expect(account).toEqual({ name: NAME, email: EMAIL });
    expect(await t.db.selectFrom("audit_event").select("id").where("kind", "=", "account_erased").execute()).toEqual(
      [],
    );
    // Erased once only.
    await erasePerson(t.db, admin, { userId: "zel", confirmEmail: EMAIL });
    await expect(
      erasePerson(t.db, admin, { userId: "zel", confirmEmail: formerUserEmail("zel") }),
    ).rejects.toBeInstanceOf(Refused);
  });

  it("gives a person everything held about them, and nothing of anyone else's", async () => {
    const data = await personalDataOf(t.db, zelda);
    expect(data.profile).toMatchObject({ id: "zel", name: NAME, email: EMAIL, role: "org_admin" });
    expect(data.sessions).toEqual([{ device: null, started_at: AT, last_seen_at: AT, expires_at: AT }]);
    expect(data.twoFactor).toMatchObject({ setUp: true, unusedRecoveryCodes: 1 });
    expect(data.nhsIdentities).toEqual([{ issuer: "https://nhs.example", subject: "zel-subject", linked_at: AT }]);
    expect(data.notifications.map((n) => n.title)).toEqual(["A session for you"]);
    expect(data.mailSentToYou.length).toBeGreaterThanOrEqual(2);
    expect(data.written.learningEntries.map((e) => e.id)).toEqual(["zel-learning"]);
    expect(data.written.offers.map((o) => o.id)).toEqual(["zel-offer"]);
    expect(data.written.assessments.map((a) => a.id)).toEqual(["zel-assessment"]);
    expect(data.written.assessmentDrafts).toEqual([{ organisation_id: "RWK", values_json: "{}", saved_at: AT }]);
    expect(data.written.engagementSessions).toHaveLength(1);
    expect(data.written.engagementContacts).toHaveLength(1);
    expect(data.auditEvents.map((e) => e.kind)).toEqual(["sign_in_succeeded"]);

    const text = JSON.stringify(data);
    // Never a secret: no session id, key or code hash.
    for (const secret of ["zel-session", "c2VjcmV0", sha256Hex("code"), "token-for-"])
      expect(text).not.toContain(secret);
    // Nothing of another person's: the pioneer's own notification, offer and mail are not in it.
    expect(text).not.toContain("pio@example.org");
    expect(text).not.toContain("offerA");
    expect(text).not.toContain("req1@example.org");

    // And the pioneer's download holds the pioneer's account, not hers.
    const theirs = await personalDataOf(t.db, pioneer);
    expect(theirs.profile.email).toBe("pio@example.org");
    expect(theirs.written.learningEntries).toEqual([]);
    expect(theirs.written.engagementContacts).toEqual([]);
    expect(JSON.stringify(theirs)).not.toContain("zel-subject");
    expect(theirs.notifications.map((n) => n.title)).not.toContain("A session for you");
  });
});
