import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetConfigForTests } from "~/config.server";
import { createInvitation } from "~/models/account/invitations.server";
import { queueDigests } from "~/models/notification/digest.server";
import { notifyOrganisation } from "~/models/notification/notifications.server";
import { preferencesOf, savePreferences } from "~/models/notification/preferences.server";
import { mailPreferencesSchema } from "~/schemas/mail-preferences";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";
import { seedLearning } from "../support/learning-fixture";

const everything = (delivery: "immediate" | "digest" | "app") =>
  ({
    matches: delivery,
    requests: delivery,
    sessions: delivery,
    engagements: delivery,
    impact: delivery,
    offers: delivery,
    pioneerStatus: delivery,
  }) as const;

describe.each(testEngines())("mail preferences on %s", (engine) => {
  let t: TestDatabase;
  beforeEach(async () => {
    process.env.PUBLIC_URL = "https://peerlink.example.nhs.uk";
    resetConfigForTests();
    t = await freshDatabase(engine);
    await seedLearning(t.db);
  });
  afterEach(async () => t.dispose());

  const mailsTo = async (to: string) =>
    t.db.selectFrom("outbox").select(["subject", "body"]).where("to_address", "=", to).orderBy("created_at").execute();
  const planned = (n: number) => ({
    kind: "session_planned" as const,
    title: `Confirm session ${n}`,
    body: `Session ${n} is planned.`,
    link: `/engagements/e/sessions/s${n}`,
  });

  it("mails at once by default, gathers digest choices into one mail a day, and mails nothing for in-app only", async () => {
    // RF4 has req (keeps the default), and reqm, who chooses a digest for sessions.
    await savePreferences(t.db, "reqm", { ...everything("immediate"), sessions: "digest" });
    await notifyOrganisation(t.db, "RF4", planned(1));
    await notifyOrganisation(t.db, "RF4", planned(2));
    expect((await mailsTo("req@example.org")).map((m) => m.subject)).toEqual([
      "Confirm session 1",
      "Confirm session 2",
    ]);
    expect(await mailsTo("reqm@example.org")).toEqual([]);
    // Everyone still sees every notification in the app.
    expect(await t.db.selectFrom("notification").select("id").where("user_id", "=", "reqm").execute()).toHaveLength(2);

    expect(await queueDigests(t.db)).toBe(1);
    expect(await queueDigests(t.db)).toBe(0);
    const digest = await mailsTo("reqm@example.org");
    expect(digest).toHaveLength(1);
    expect(digest[0]!.subject).toBe("Review 2 Peerlink updates from the last day");
    expect(digest[0]!.body).toContain("Confirm session 1");
    expect(digest[0]!.body).toContain("https://peerlink.example.nhs.uk/engagements/e/sessions/s2");
    expect(digest[0]!.body).toContain("https://peerlink.example.nhs.uk/account");

    // Other kinds keep their own choice: a match notification still goes at once.
    await notifyOrganisation(t.db, "RF4", {
      kind: "match_approved",
      title: "Accept or decline a match",
      body: "A match was approved.",
      link: "/matches/m1",
    });
    expect((await mailsTo("reqm@example.org")).map((m) => m.subject)).toContain("Accept or decline a match");

    await savePreferences(t.db, "reqm", everything("app"));
    await notifyOrganisation(t.db, "RF4", planned(3));
    expect(await mailsTo("reqm@example.org")).toHaveLength(2);
    expect(await queueDigests(t.db)).toBe(0);
  });

  it("always sends account mail at once, whatever was chosen for other messages", async () => {
    await savePreferences(t.db, "admin", everything("app"));
    await createInvitation(t.db, {
      email: "newcomer@example.org",
      name: "New Comer",
      role: "member",
      organisationId: "RF4",
      coordinatingBodyId: null,
      invitedBy: "admin",
      baseUrl: "https://peerlink.example.nhs.uk",
      revealExistingAccount: true,
    });
    const [mail] = await mailsTo("newcomer@example.org");
    expect(mail!.subject).toBe("Set your password to join Peerlink");
    expect(mail!.body).toContain("https://peerlink.example.nhs.uk/invitations/");
    expect(mail!.body).toContain("always sent by mail");
  });

  it("stores each person's own choices and refuses a value that is not offered", async () => {
    expect(await preferencesOf(t.db, "req")).toEqual(everything("immediate"));
    await savePreferences(t.db, "req", { ...everything("app"), matches: "digest" });
    expect(await preferencesOf(t.db, "req")).toEqual({ ...everything("app"), matches: "digest" });
    expect(await preferencesOf(t.db, "reqm")).toEqual(everything("immediate"));
    const bad = mailPreferencesSchema.safeParse({ ...everything("app"), sessions: "pigeon" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ path: ["sessions"], message: "Select how these messages reach you" });
  });
});
