import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "~/auth/policy";
import { Refused } from "~/lib/errors";
import { publishOffer, updateOffer, type OfferFields } from "~/models/offer/offers.server";
import { reservePlace } from "~/models/matching/decisions.server";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";
import {
  audienceLevel,
  capability,
  capabilityDomain,
  offerFormat,
  organisation,
  region,
  user,
} from "../support/factories";

const SEEDED = "2026-11-01T09:00:00.000Z";
const TODAY = "2026-11-30";
const THIS_QUARTER = "2026-Q4";

const fields = (capacityPerQuarter: number): OfferFields => ({
  title: "Run charts masterclass",
  description: "",
  capabilityIds: ["cap-spc"],
  evidence: { "cap-spc": "Our wards have used SPC for three years" },
  formatCode: "site_visit",
  audienceCodes: ["managers"],
  capacityPerQuarter,
  costModel: "free",
  feePence: null,
  virtualOk: false,
  windows: [{ start: "2027-01-04", end: "2027-03-26" }],
  contactName: "Priya Shah",
  contactEmail: "priya.shah@example.nhs.uk",
});

/** The pioneer trust's administrator, who publishes and edits its offers. */
const pioneer: Actor = {
  id: "pio",
  role: "org_admin",
  organisationId: "RWK",
  scope: null,
  organisationIsPioneer: true,
};

describe.each(testEngines())("editing an offer's capacity on %s", (engine) => {
  let t: TestDatabase;
  let offerId: string;

  beforeEach(async () => {
    t = await freshDatabase(engine);
    await region(t.db, { code: "Y56", ons_code: "E40000003", name: "London" });
    await organisation(t.db, {
      id: "RWK",
      is_foundation_trust: 1,
      region_code: "Y56",
      offers_outreach: 1,
      created_at: SEEDED,
      updated_at: SEEDED,
    });
    await user(t.db, { id: "pio", name: "Pat Pioneer", role: "org_admin", organisation_id: "RWK", created_at: SEEDED });
    await capabilityDomain(t.db, { id: "dom", name: "QSIR", position: 1 });
    await capability(t.db, {
      id: "cap-spc",
      code: "QSIR-MFI",
      name: "Measurement for improvement",
      domain_id: "dom",
      position: 1,
      created_at: SEEDED,
    });
    await audienceLevel(t.db, { code: "managers", name: "Managers", position: 1 });
    await offerFormat(t.db, { code: "site_visit", name: "Site visit", position: 1 });
    offerId = await publishOffer(t.db, { organisationId: "RWK", actor: pioneer, fields: fields(3), today: TODAY });
    await t.db
      .insertInto("offer_quarter_load")
      .values({ offer_id: offerId, quarter: THIS_QUARTER, approved: 2 })
      .execute();
  });
  afterEach(async () => t.dispose());

  const edit = (capacity: number) =>
    updateOffer(t.db, { offerId, actor: pioneer, fields: fields(capacity), today: TODAY });
  const capacity = async () =>
    (await t.db.selectFrom("offer").select("capacity_per_quarter").where("id", "=", offerId).executeTakeFirstOrThrow())
      .capacity_per_quarter;

  it("refuses capacity below the places approved this quarter, saying how many are taken, and changes nothing", async () => {
    const refusal = await edit(1).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(Refused);
    expect(refusal).toMatchObject({
      code: "capacity_below_approved",
      message: "2 places are already taken by approved matches this quarter: capacity must be at least 2",
    });
    expect(await capacity()).toBe(3);
    const events = await t.db.selectFrom("offer_event").select("note").where("offer_id", "=", offerId).execute();
    expect(events.map((e) => e.note)).toEqual(["Published"]);
  });

  it("accepts capacity down to exactly the places taken, and ignores quarters that have ended", async () => {
    await t.db
      .insertInto("offer_quarter_load")
      .values({ offer_id: offerId, quarter: "2026-Q3", approved: 3 })
      .execute();
    await edit(2);
    expect(await capacity()).toBe(2);
  });

  it("counts places already approved for a later quarter too", async () => {
    await t.db
      .insertInto("offer_quarter_load")
      .values({ offer_id: offerId, quarter: "2027-Q1", approved: 3 })
      .execute();
    await expect(edit(2)).rejects.toMatchObject({
      code: "capacity_below_approved",
      message: expect.stringContaining("3 places are already taken"),
    });
    expect(await capacity()).toBe(3);
  });

  it("does not let an approval in flight slip under a capacity being lowered", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let reserved!: () => void;
    const placeReserved = new Promise<void>((resolve) => (reserved = resolve));
    // An approval takes the third place and has not committed yet when the pioneer saves capacity 2.
    const approval = t.db.transaction().execute(async (trx) => {
      await reservePlace(trx, offerId, THIS_QUARTER);
      reserved();
      await held;
    });
    await placeReserved;
    const saving = edit(2).then(
      () => "saved",
      (error: unknown) => error,
    );
    // Whether or not the edit has reached the database yet, the outcome must be the same.
    await Promise.race([saving, new Promise((resolve) => setTimeout(resolve, 500))]);
    release();
    await approval;
    expect(await saving).toMatchObject({
      code: "capacity_below_approved",
      message: expect.stringContaining("3 places are already taken"),
    });
    const load = await t.db
      .selectFrom("offer_quarter_load")
      .select("approved")
      .where("offer_id", "=", offerId)
      .where("quarter", "=", THIS_QUARTER)
      .executeTakeFirstOrThrow();
    expect({ capacity: await capacity(), approved: load.approved }).toEqual({ capacity: 3, approved: 3 });
  });
});
