import { Migrator } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrations } from "../../db/migrations/index";
import { migrateToLatest } from "../../db/migrate";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";

const NOW = "2026-11-02T10:00:00.000Z"; // a Monday

describe.each(testEngines())("the answer deadline migration on %s", (engine) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await freshDatabase(engine, { migrate: false });
  });
  afterEach(async () => t.dispose());

  it("gives matches already waiting for the pioneer a deadline ten working days on, and leaves answered ones without", async () => {
    const migrator = new Migrator({ db: t.db, provider: { getMigrations: async () => migrations } });
    const result = await migrator.migrateTo("2026-11-29-04-engagements-learning");
    if (result.error) throw result.error;
    const db = t.db as any;
    await db.insertInto("region").values({ code: "Y56", ons_code: "E40000003", name: "London" }).execute();
    await db
      .insertInto("organisation")
      .values({
        id: "RF4",
        ods_code: "RF4",
        name: "Trust",
        type: "acute",
        is_foundation_trust: 0,
        region_code: "Y56",
        icb_code: null,
        address: "",
        postcode: "",
        opened_on: null,
        closed_on: null,
        active: 1,
        seeks_help: 1,
        offers_outreach: 1,
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();
    await db
      .insertInto("app_user")
      .values({
        id: "u",
        email: "u@example.org",
        name: "u",
        password_hash: "x",
        role: "org_admin",
        organisation_id: "RF4",
        coordinating_body_id: null,
        created_at: NOW,
        disabled_at: null,
      })
      .execute();
    await db
      .insertInto("offer_format")
      .values({ code: "visit", name: "Visit", description: "", position: 0, retired_at: null, is_virtual: 0 })
      .execute();
    await db
      .insertInto("help_request")
      .values({
        id: "r",
        organisation_id: "RF4",
        title: "R",
        outcome: "",
        window_start: "2026-11-01",
        window_end: "2026-12-31",
        virtual_ok: 1,
        travel_limit: "anywhere",
        budget: "free",
        priority: "medium",
        status: "submitted",
        created_by: "u",
        created_at: NOW,
        updated_at: NOW,
        submitted_at: NOW,
      })
      .execute();
    await db
      .insertInto("offer")
      .values({
        id: "o",
        organisation_id: "RF4",
        title: "O",
        description: "",
        format_code: "visit",
        capacity_per_quarter: 2,
        cost_model: "free",
        virtual_ok: 1,
        contact_name: "c",
        contact_email: "c@example.org",
        status: "published",
        paused_until: null,
        created_by: "u",
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();
    const match = (id: string, status: string) => ({
      id,
      request_id: "r",
      offer_id: "o",
      quarter: "2026-Q4",
      proposal_id: null,
      status,
      approved_by: "u",
      approved_at: NOW,
      approval_reason: "",
      responded_by: null,
      responded_at: null,
      response_reason: null,
    });
    await db
      .insertInto("outreach_match")
      .values([match("waiting", "approved"), match("answered", "declined")])
      .execute();

    await migrateToLatest(t.db);
    const rows = await t.db.selectFrom("outreach_match").select(["id", "answer_due_at"]).orderBy("id").execute();
    expect(rows).toEqual([
      { id: "answered", answer_due_at: null },
      { id: "waiting", answer_due_at: "2026-11-16T10:00:00.000Z" },
    ]);
  });
});
