import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../db/seed/demo/seed";
import { DEMO_OFFERS, DEMO_REQUESTS } from "../../db/seed/demo/content-data";
import { DEMO_ENGAGEMENTS } from "../../db/seed/demo/engagement-data";
import { DEMO_MATCHES } from "../../db/seed/demo/matching";
import { coordinatorTasks } from "~/models/tasks/coordinator-tasks.server";
import { clockAt, organisationTasks } from "~/models/tasks/tasks.server";
import { progressOfRequests } from "~/models/request/progress.server";
import { todayInEngland } from "~/lib/dates";
import { getEngagementImpact } from "~/models/engagement/impact.server";
import { learningSearch } from "~/models/learning/search/index.server";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";

describe.each(testEngines())("demo content on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(engine);
    await seedDemo(t.db);
  });
  afterAll(async () => t.dispose());

  it("gives every active trust an assessment of every capability", async () => {
    const organisations = await t.db.selectFrom("organisation").select("id").where("active", "=", 1).execute();
    const assessed = await t.db.selectFrom("assessment").select("organisation_id").distinct().execute();
    expect(assessed.length).toBe(organisations.length);
    const capabilities = await t.db.selectFrom("capability").select("id").where("retired_at", "is", null).execute();
    const scores = await t.db.selectFrom("assessment_score").select("assessment_id").execute();
    // Engagements that look back need an earlier baseline for their requesting trust.
    const baselines = DEMO_ENGAGEMENTS.filter((e) => e.baseline).length;
    expect(scores.length).toBe((organisations.length + baselines) * capabilities.length);
  });

  it("leaves one London trust waiting for pioneer status, and the coordinators responsible told", async () => {
    const waiting = await t.db
      .selectFrom("pioneer_status_request")
      .innerJoin("organisation", "organisation.id", "pioneer_status_request.organisation_id")
      .select(["organisation.ods_code", "organisation.offers_outreach", "pioneer_status_request.status"])
      .execute();
    expect(waiting).toEqual([{ ods_code: "RP4", offers_outreach: 0, status: "pending" }]);
    const told = await t.db
      .selectFrom("notification")
      .innerJoin("app_user", "app_user.id", "notification.user_id")
      .select("app_user.email")
      .where("notification.kind", "=", "pioneer_status_requested")
      .orderBy("app_user.email")
      .execute();
    expect(told.map((u) => u.email)).toEqual([
      "admin@example.org",
      "coordinator@example.org",
      "london.coordinator@example.org",
    ]);
  });

  it("publishes the demo offers, one of them paused", async () => {
    const offers = await t.db.selectFrom("offer").select(["status", "paused_until"]).execute();
    expect(offers.length).toBe(DEMO_OFFERS.length);
    expect(offers.filter((o) => o.status === "paused")).toHaveLength(1);
  });

  it("files the demo requests, the requester's draft kept private", async () => {
    const rows = await t.db
      .selectFrom("help_request")
      .innerJoin("organisation", "organisation.id", "help_request.organisation_id")
      .select(["organisation.ods_code", "help_request.status"])
      .execute();
    expect(rows.length).toBe(DEMO_REQUESTS.length + DEMO_ENGAGEMENTS.length + DEMO_MATCHES.length);
    expect(
      rows
        .filter((r) => r.ods_code === "RF4")
        .map((r) => r.status)
        .sort(),
    ).toEqual(["draft", "matched", "submitted", "submitted"]);
  });

  it("makes measurement for improvement popular and scarce", async () => {
    const m4i = await t.db
      .selectFrom("capability")
      .select("id")
      .where("code", "=", "QSIR-M4I")
      .executeTakeFirstOrThrow();
    const wanted = await t.db
      .selectFrom("help_request_capability")
      .innerJoin("help_request", "help_request.id", "help_request_capability.request_id")
      .select("help_request.id")
      .where("capability_id", "=", m4i.id)
      .where("help_request.status", "=", "submitted")
      .execute();
    const places = await t.db
      .selectFrom("offer_capability")
      .innerJoin("offer", "offer.id", "offer_capability.offer_id")
      .select((eb) => eb.fn.sum<number>("offer.capacity_per_quarter").as("places"))
      .where("capability_id", "=", m4i.id)
      .executeTakeFirstOrThrow();
    expect(wanted.length).toBeGreaterThan(Number(places.places));
  });

  it("shares an active engagement between the demo requester and pioneer, with a past session to record", async () => {
    const engagement = await t.db
      .selectFrom("engagement")
      .innerJoin("organisation as requester", "requester.id", "engagement.requester_organisation_id")
      .innerJoin("organisation as pioneer", "pioneer.id", "engagement.pioneer_organisation_id")
      .select(["engagement.id", "engagement.status"])
      .where("requester.ods_code", "=", "RF4")
      .where("pioneer.ods_code", "=", "RWK")
      .executeTakeFirstOrThrow();
    expect(engagement.status).toBe("active");
    const sessions = await t.db
      .selectFrom("outreach_session")
      .select(["starts_at", "status"])
      .where("engagement_id", "=", engagement.id)
      .orderBy("starts_at")
      .execute();
    expect(sessions.map((s) => s.status)).toEqual(["planned", "planned"]);
    expect(sessions[0].starts_at.slice(0, 10) < todayInEngland()).toBe(true);
    expect(sessions[1].starts_at.slice(0, 10) > todayInEngland()).toBe(true);
  });

  it("measures impact only where the requester re-assessed after the engagement, and shows the rest as awaiting", async () => {
    const engagements = await t.db.selectFrom("engagement").select(["id", "status"]).execute();
    const impacts = await Promise.all(engagements.map((e) => getEngagementImpact(t.db, e.id)));
    expect(impacts.map((i) => i?.status).sort()).toEqual(["awaiting", "measured", "measured", "measured", "not_ended"]);
  });

  it("puts the shared demo learning in the library and keeps the private entry out", async () => {
    const found = await learningSearch(t.db).search(t.db, { query: "huddle", page: 1, pageSize: 10 });
    expect(found.hits.map((h) => h.title)).toContain("A huddle board needs a named owner on every shift");
    expect(found.hits.map((h) => h.title)).not.toContain("Our barriers to a daily huddle");
  });

  it("gives each demo role tasks on first sign-in", async () => {
    const orgTasks = async (ods: string) => {
      const organisation = await t.db
        .selectFrom("organisation")
        .select("id")
        .where("ods_code", "=", ods)
        .executeTakeFirstOrThrow();
      return (await organisationTasks(t.db, organisation.id)).due.map((task) => task.kind);
    };
    expect(await orgTasks("RWK")).toEqual(expect.arrayContaining(["answer_match", "record_session"]));
    expect(await orgTasks("RF4")).toContain("questionnaire");
    const national = (await coordinatorTasks(t.db, { kind: "national", code: null }, clockAt())).map(
      (task) => task.kind,
    );
    const london = (await coordinatorTasks(t.db, { kind: "region", code: "Y56" }, clockAt())).map((task) => task.kind);
    expect(national).toContain("rematch_declined");
    expect(london).toContain("rematch_declined");
  });

  it("has a match waiting for the pioneer and a declined request back in matching", async () => {
    const requests = await t.db
      .selectFrom("help_request")
      .select(["id", "title"])
      .where(
        "title",
        "in",
        DEMO_MATCHES.map((m) => m.request.title),
      )
      .execute();
    const progress = await progressOfRequests(
      t.db,
      requests.map((r) => r.id),
    );
    expect(requests.map((r) => [r.title, progress[r.id].progress]).sort()).toEqual([
      ["Daily huddles for our outpatient clinics", "back_in_matching"],
      ["Setting up our trust-wide improvement programme", "waiting_for_pioneer"],
    ]);
  });
});
