import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../scripts/lib/demo-seed";
import { DEMO_OFFERS, DEMO_REQUESTS } from "../../scripts/lib/demo-content-data";
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
    expect(scores.length).toBe(organisations.length * capabilities.length);
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
    expect(rows.length).toBe(DEMO_REQUESTS.length);
    expect(rows.filter((r) => r.ods_code === "RF4").map((r) => r.status).sort()).toEqual(["draft", "submitted", "submitted"]);
  });

  it("makes measurement for improvement popular and scarce", async () => {
    const m4i = await t.db.selectFrom("capability").select("id").where("code", "=", "QSIR-M4I").executeTakeFirstOrThrow();
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
});
