import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sql } from "kysely";
import {
  closeOffer,
  evidenceRefusals,
  pauseOffer,
  publishOffer,
  resumeDueOffers,
  resumeOffer,
  updateOffer,
  type OfferFields,
} from "~/models/offer/offers.server";
import { browseOffers, getOffer, listOrganisationOffers } from "~/models/offer/queries.server";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";
import type { Actor } from "~/auth/policy";
import { Forbidden, Refused } from "~/lib/errors";
import {
  audienceLevel,
  capability,
  capabilityDomain,
  icb,
  offerFormat,
  organisation,
  region,
  user,
} from "../support/factories";

const now = "2026-11-01T09:00:00.000Z";
const TODAY = "2026-11-30";

const fields = (overrides: Partial<OfferFields> = {}): OfferFields => ({
  title: "Measurement for improvement masterclass",
  description: "Two days with our QI team on run charts and SPC.",
  capabilityIds: ["cap-spc"],
  evidence: {},
  formatCode: "site_visit",
  audienceCodes: ["managers"],
  capacityPerQuarter: 2,
  costModel: "free",
  feePence: null,
  virtualOk: false,
  windows: [{ start: "2027-01-04", end: "2027-03-26" }],
  contactName: "Priya Shah",
  contactEmail: "priya.shah@example.nhs.uk",
  ...overrides,
});

/** The people of the three trusts, as their sessions describe them. */
const actorOf = (id: string, organisationId: string, pioneer: boolean): Actor => ({
  id,
  role: "org_admin",
  organisationId,
  scope: null,
  organisationIsPioneer: pioneer,
});
const rwk = actorOf("u-rwk", "org-rwk", true);
const srf = actorOf("u-srf", "org-srf", true);
const rf4 = actorOf("u-rf4", "org-rf4", false);

describe.each(testEngines())("offers on %s", (engine) => {
  let t: TestDatabase;

  beforeEach(async () => {
    t = await freshDatabase(engine);
    const db = t.db;
    await region(db, { code: "Y56", ons_code: "E40000003", name: "London" });
    await region(db, { code: "Y62", ons_code: "E40000010", name: "North West" });
    await icb(db, { code: "QMF", name: "North East London ICB", region_code: "Y56" });
    await icb(db, { code: "QOP", name: "Greater Manchester ICB", region_code: "Y62" });
    const trust = (id: string, ods: string, region_code: string, icb_code: string, pioneer: boolean) =>
      organisation(db, {
        id,
        ods_code: ods,
        name: `Trust ${ods}`,
        is_foundation_trust: 1,
        region_code,
        icb_code,
        offers_outreach: pioneer ? 1 : 0,
        created_at: now,
        updated_at: now,
      });
    await trust("org-rwk", "RWK", "Y56", "QMF", true);
    await trust("org-srf", "RM3", "Y62", "QOP", true);
    await trust("org-rf4", "RF4", "Y56", "QMF", false);
    for (const [id, organisation_id] of [
      ["u-rwk", "org-rwk"],
      ["u-srf", "org-srf"],
      ["u-rf4", "org-rf4"],
    ]) {
      await user(db, {
        id,
        name: `User ${id}`,
        password_hash: "not-used",
        role: "org_admin",
        organisation_id,
        created_at: now,
      });
    }
    await capabilityDomain(db, { id: "dom-qsir", name: "QSIR", position: 1 });
    await capability(db, {
      id: "cap-spc",
      code: "QSIR-MFI",
      name: "Measurement for improvement",
      domain_id: "dom-qsir",
      position: 1,
      created_at: now,
    });
    await capability(db, {
      id: "cap-map",
      code: "QSIR-PM",
      name: "Process mapping",
      domain_id: "dom-qsir",
      position: 2,
      created_at: now,
    });
    await capability(db, {
      id: "cap-pdsa",
      code: "QSIR-PDSA",
      name: "Model for improvement",
      domain_id: "dom-qsir",
      position: 3,
      created_at: now,
    });
    await audienceLevel(db, { code: "board", name: "Board", position: 1 });
    await audienceLevel(db, { code: "managers", name: "Improvement leaders and managers", position: 3 });
    await offerFormat(db, { code: "site_visit", name: "Site visit", position: 1 });
    await offerFormat(db, { code: "virtual", name: "Virtual session", position: 7, is_virtual: 1 });
    // RWK's older assessment rated mapping established; its latest rates it developing.
    await assess("a-old", "org-rwk", "2025-01-01", { "cap-map": 4 });
    await assess("a-rwk", "org-rwk", "2026-06-01", { "cap-spc": 4, "cap-map": 3 });
    await assess("a-srf", "org-srf", "2026-05-01", { "cap-pdsa": 5, "cap-spc": 5 });
  });
  afterEach(async () => t.dispose());

  async function assess(id: string, organisationId: string, on: string, scores: Record<string, number>) {
    await t.db
      .insertInto("assessment")
      .values({
        id,
        organisation_id: organisationId,
        assessed_by: organisationId === "org-rwk" ? "u-rwk" : "u-srf",
        assessed_on: on,
        note: "",
        created_at: `${on}T10:00:00.000Z`,
      })
      .execute();
    await t.db
      .insertInto("assessment_score")
      .values(
        Object.entries(scores).map(([capability_id, maturity]) => ({
          assessment_id: id,
          capability_id,
          maturity,
          evidence: "",
        })),
      )
      .execute();
  }

  const publish = (overrides: Partial<OfferFields> = {}, organisationId = "org-rwk", actor: Actor = rwk) =>
    publishOffer(t.db, { organisationId, actor, fields: fields(overrides), today: TODAY });

  const counts = async () => {
    const tables = ["offer", "offer_capability", "offer_audience", "offer_window", "offer_event"] as const;
    const result: Record<string, number> = {};
    for (const table of tables)
      result[table] = Number(
        (
          await t.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return result;
  };

  const browseIds = async (filters: Parameters<typeof browseOffers>[1] = {}) =>
    (await browseOffers(t.db, { today: TODAY, ...filters })).rows.map((r) => r.id);

  describe("publishing", () => {
    it("stores the offer with its capabilities, audiences, windows and a first event, and reads it back joined", async () => {
      const id = await publish({
        capabilityIds: ["cap-spc", "cap-map"],
        evidence: { "cap-map": "We have run 40 mapping events since our assessment" },
        audienceCodes: ["board", "managers"],
        windows: [
          { start: "2027-03-01", end: "2027-03-20" },
          { start: "2027-01-04", end: "2027-01-31" },
          { start: "2027-03-15", end: "2027-04-10" },
        ],
      });
      expect(await counts()).toEqual({
        offer: 1,
        offer_capability: 2,
        offer_audience: 2,
        offer_window: 2,
        offer_event: 1,
      });
      const offer = await getOffer(t.db, id, TODAY);
      expect(offer).toMatchObject({
        title: "Measurement for improvement masterclass",
        organisationName: "Trust RWK",
        regionName: "London",
        icbName: "North East London ICB",
        formatName: "Site visit",
        status: "published",
        capacityPerQuarter: 2,
        quarter: "2026-Q4",
        placesTaken: 0,
        contactEmail: "priya.shah@example.nhs.uk",
      });
      expect(offer!.capabilities).toEqual([
        { id: "cap-spc", code: "QSIR-MFI", name: "Measurement for improvement", evidence: "" },
        {
          id: "cap-map",
          code: "QSIR-PM",
          name: "Process mapping",
          evidence: "We have run 40 mapping events since our assessment",
        },
      ]);
      expect(offer!.audiences.map((a) => a.code)).toEqual(["board", "managers"]);
      // Overlapping windows are joined.
      expect(offer!.windows).toEqual([
        { start: "2027-01-04", end: "2027-01-31" },
        { start: "2027-03-01", end: "2027-04-10" },
      ]);
      expect(offer!.events).toMatchObject([{ from: null, to: "published", actorName: "User u-rwk" }]);
    });

    it("refuses a capability the latest assessment rates below established without evidence, and writes nothing", async () => {
      const attempt = publish({ capabilityIds: ["cap-spc", "cap-map"] });
      await expect(attempt).rejects.toBeInstanceOf(Refused);
      await expect(attempt).rejects.toThrow(
        "Add evidence for Process mapping: your latest assessment rates it Developing",
      );
      expect(await counts()).toEqual({
        offer: 0,
        offer_capability: 0,
        offer_audience: 0,
        offer_window: 0,
        offer_event: 0,
      });
    });

    it("gives evidence errors keyed by each capability's evidence box, for forms that fail other checks too", async () => {
      const claims = [
        { capabilityId: "cap-spc", evidence: "" },
        { capabilityId: "cap-map", evidence: "" },
        { capabilityId: "not-a-capability", evidence: "" },
      ];
      expect(await evidenceRefusals(t.db, "org-rwk", claims)).toEqual([
        {
          code: "evidence:cap-map",
          message: "Add evidence for Process mapping: your latest assessment rates it Developing",
        },
      ]);
    });

    it("asks for evidence on every capability when the organisation has never been assessed", async () => {
      await t.db.deleteFrom("assessment").where("organisation_id", "=", "org-srf").execute();
      await expect(publish({ capabilityIds: ["cap-pdsa"] }, "org-srf", srf)).rejects.toThrow(
        "Add evidence for Model for improvement: your organisation has not completed an assessment yet",
      );
    });

    it("rolls every row back when a later write fails", async () => {
      await sql`alter table offer_event rename to offer_event_hidden`.execute(t.db);
      try {
        await expect(publish()).rejects.toThrow();
      } finally {
        await sql`alter table offer_event_hidden rename to offer_event`.execute(t.db);
      }
      expect(await counts()).toEqual({
        offer: 0,
        offer_capability: 0,
        offer_audience: 0,
        offer_window: 0,
        offer_event: 0,
      });
    });

    it("refuses an organisation that is not a pioneer, and a user from another organisation", async () => {
      await expect(publish({}, "org-rf4", rf4)).rejects.toBeInstanceOf(Refused);
      await expect(publish({}, "org-rwk", srf)).rejects.toBeInstanceOf(Forbidden);
      expect((await counts()).offer).toBe(0);
    });

    it("refuses windows that have all ended, unknown formats and a capacity below 1", async () => {
      await expect(publish({ windows: [{ start: "2026-01-01", end: "2026-11-29" }] })).rejects.toMatchObject({
        code: "windows",
      });
      await expect(publish({ windows: [{ start: "2027-02-01", end: "2027-01-01" }] })).rejects.toMatchObject({
        code: "windows",
      });
      await expect(publish({ formatCode: "carrier_pigeon" })).rejects.toMatchObject({ code: "format" });
      await expect(publish({ capacityPerQuarter: 0 })).rejects.toMatchObject({ code: "capacity" });
      expect((await counts()).offer).toBe(0);
    });
  });

  describe("what an offer charges", () => {
    const stored = async (id: string) =>
      (await t.db.selectFrom("offer").select("fee_pence").where("id", "=", id).executeTakeFirstOrThrow()).fee_pence;

    it("stores the amount of a fee or cost recovery and shows it on the offer and in lists", async () => {
      const id = await publish({ costModel: "fee", feePence: 25_000 });
      expect(await stored(id)).toBe(25_000);
      expect(await getOffer(t.db, id, TODAY)).toMatchObject({ costModel: "fee", feePence: 25_000 });
      expect((await browseOffers(t.db, { today: TODAY })).rows).toMatchObject([{ id, feePence: 25_000 }]);

      await updateOffer(t.db, {
        offerId: id,
        actor: rwk,
        today: TODAY,
        fields: fields({ costModel: "cost_recovery", feePence: 9_950 }),
      });
      expect(await stored(id)).toBe(9_950);
      // Made free, the amount goes.
      await updateOffer(t.db, { offerId: id, actor: rwk, today: TODAY, fields: fields({ feePence: 9_950 }) });
      expect(await stored(id)).toBeNull();
      expect((await getOffer(t.db, id, TODAY))!.feePence).toBeNull();
    });

    it("refuses an offer that charges without an amount, writing nothing", async () => {
      await expect(publish({ costModel: "fee", feePence: null })).rejects.toMatchObject({ code: "fee" });
      await expect(publish({ costModel: "cost_recovery", feePence: 0 })).rejects.toMatchObject({ code: "fee" });
      expect((await counts()).offer).toBe(0);
    });
  });

  describe("pausing, resuming and closing", () => {
    it("a paused offer leaves browse results and comes back on its return date, on read and in storage", async () => {
      const id = await publish();
      await pauseOffer(t.db, {
        offerId: id,
        actor: rwk,
        until: "2026-12-15",
        reason: "Team at winter pressures",
        today: TODAY,
      });
      expect(await browseIds()).toEqual([]);
      expect((await getOffer(t.db, id, TODAY))!).toMatchObject({ status: "paused", pausedUntil: "2026-12-15" });
      expect(await browseIds({ today: "2026-12-14" })).toEqual([]);

      // On the return date it counts as published before anything rewrites the row.
      expect(await browseIds({ today: "2026-12-15" })).toEqual([id]);
      expect((await getOffer(t.db, id, "2026-12-15"))!.status).toBe("published");
      expect(await resumeDueOffers(t.db, "2026-12-14")).toBe(0);

      expect(await resumeDueOffers(t.db, "2026-12-15")).toBe(1);
      expect(await resumeDueOffers(t.db, "2026-12-15")).toBe(0);
      const stored = await t.db
        .selectFrom("offer")
        .select(["status", "paused_until"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({ status: "published", paused_until: null });
      const events = (await getOffer(t.db, id, "2026-12-15"))!.events;
      expect(events.map((e) => [e.from, e.to, e.actorName])).toEqual([
        [null, "published", "User u-rwk"],
        ["published", "paused", "User u-rwk"],
        ["paused", "published", null],
      ]);
      expect(events[1].note).toContain("Team at winter pressures");
      expect(events[2].note).toBe("Resumed automatically on its return date");
    });

    it("refuses a return date that is not in the future", async () => {
      const id = await publish();
      await expect(
        pauseOffer(t.db, { offerId: id, actor: rwk, until: TODAY, reason: "x", today: TODAY }),
      ).rejects.toMatchObject({ code: "return_date" });
      expect((await getOffer(t.db, id, TODAY))!.status).toBe("published");
    });

    it("resumes by hand, and refuses to resume an offer that is not paused", async () => {
      const id = await publish();
      await expect(resumeOffer(t.db, { offerId: id, actor: rwk, today: TODAY })).rejects.toThrow(
        "Only a paused offer can be resumed",
      );
      await pauseOffer(t.db, { offerId: id, actor: rwk, until: "2027-02-01", reason: "Leave", today: TODAY });
      await resumeOffer(t.db, { offerId: id, actor: rwk, today: TODAY });
      expect(await browseIds()).toEqual([id]);
    });

    it("closing is final", async () => {
      const id = await publish();
      await closeOffer(t.db, { offerId: id, actor: rwk, today: TODAY });
      expect(await browseIds()).toEqual([]);
      await expect(resumeOffer(t.db, { offerId: id, actor: rwk, today: TODAY })).rejects.toBeInstanceOf(Refused);
      await expect(
        pauseOffer(t.db, { offerId: id, actor: rwk, until: "2027-01-01", reason: "x", today: TODAY }),
      ).rejects.toBeInstanceOf(Refused);
      await expect(closeOffer(t.db, { offerId: id, actor: rwk, today: TODAY })).rejects.toThrow(
        "This offer is already closed",
      );
      await expect(
        updateOffer(t.db, { offerId: id, actor: rwk, fields: fields({ title: "Reopened" }), today: TODAY }),
      ).rejects.toThrow("A closed offer cannot be changed");
      const offer = (await getOffer(t.db, id, TODAY))!;
      expect(offer).toMatchObject({ status: "closed", title: "Measurement for improvement masterclass" });
      expect((await listOrganisationOffers(t.db, "org-rwk", TODAY)).map((o) => o.status)).toEqual(["closed"]);
    });

    it("closing an offer whose pause has ended records the automatic resume first", async () => {
      const id = await publish();
      await pauseOffer(t.db, { offerId: id, actor: rwk, until: "2026-12-15", reason: "Leave", today: TODAY });
      await closeOffer(t.db, { offerId: id, actor: rwk, today: "2026-12-20" });
      const events = (await getOffer(t.db, id, "2026-12-20"))!.events;
      expect(events.map((e) => `${e.from}>${e.to}`)).toEqual([
        "null>published",
        "published>paused",
        "paused>published",
        "published>closed",
      ]);
    });
  });

  describe("ownership", () => {
    it("one organisation cannot edit, pause or close another's offer", async () => {
      const id = await publish();
      await expect(
        updateOffer(t.db, { offerId: id, actor: srf, fields: fields({ title: "Taken over" }), today: TODAY }),
      ).rejects.toBeInstanceOf(Forbidden);
      // Even naming the right organisation, the acting user must belong to it.
      await expect(
        updateOffer(t.db, { offerId: id, actor: srf, fields: fields({ title: "Taken over" }), today: TODAY }),
      ).rejects.toBeInstanceOf(Forbidden);
      await expect(
        pauseOffer(t.db, { offerId: id, actor: srf, until: "2027-01-01", reason: "x", today: TODAY }),
      ).rejects.toBeInstanceOf(Forbidden);
      await expect(closeOffer(t.db, { offerId: id, actor: rf4, today: TODAY })).rejects.toBeInstanceOf(Forbidden);
      expect((await getOffer(t.db, id, TODAY))!).toMatchObject({
        title: "Measurement for improvement masterclass",
        status: "published",
      });
    });

    it("the owner edits details, capabilities, audiences and windows in one go", async () => {
      const id = await publish();
      await updateOffer(t.db, {
        offerId: id,
        actor: rwk,
        today: TODAY,
        fields: fields({
          title: "SPC in practice",
          capabilityIds: ["cap-map"],
          evidence: { "cap-map": "Flow programme lead" },
          audienceCodes: ["board"],
          windows: [{ start: "2027-05-01", end: "2027-05-31" }],
        }),
      });
      const offer = (await getOffer(t.db, id, TODAY))!;
      expect(offer.title).toBe("SPC in practice");
      expect(offer.capabilities.map((c) => [c.id, c.evidence])).toEqual([["cap-map", "Flow programme lead"]]);
      expect(offer.audiences.map((a) => a.code)).toEqual(["board"]);
      expect(offer.windows).toEqual([{ start: "2027-05-01", end: "2027-05-31" }]);
      expect(offer.events.at(-1)).toMatchObject({ from: "published", to: "published", note: "Details updated" });
      expect(await counts()).toMatchObject({ offer_capability: 1, offer_audience: 1, offer_window: 1 });
    });

    it("an edit that breaks the evidence rule changes nothing", async () => {
      const id = await publish();
      await expect(
        updateOffer(t.db, {
          offerId: id,
          actor: rwk,
          fields: fields({ title: "Changed", capabilityIds: ["cap-map"] }),
          today: TODAY,
        }),
      ).rejects.toBeInstanceOf(Refused);
      const offer = (await getOffer(t.db, id, TODAY))!;
      expect(offer.title).toBe("Measurement for improvement masterclass");
      expect(offer.capabilities.map((c) => c.id)).toEqual(["cap-spc"]);
    });
  });

  describe("browsing", () => {
    let a: string, b: string, c: string;

    beforeEach(async () => {
      a = await publish({
        title: "Bravo: mapping and SPC",
        capabilityIds: ["cap-spc", "cap-map"],
        evidence: { "cap-map": "Flow team" },
        capacityPerQuarter: 3,
      });
      b = await publish({
        title: "alpha: SPC online",
        formatCode: "virtual",
        costModel: "fee",
        feePence: 25_000,
        capacityPerQuarter: 1,
      });
      c = await publish(
        {
          title: "Charlie: PDSA",
          capabilityIds: ["cap-pdsa"],
          costModel: "cost_recovery",
          feePence: 8_000,
          virtualOk: true,
          capacityPerQuarter: 5,
        },
        "org-srf",
        srf,
      );
      // Publication order sets "newest"; make it unambiguous.
      for (const [id, at] of [
        [a, "2026-11-10"],
        [b, "2026-11-11"],
        [c, "2026-11-12"],
      ]) {
        await t.db
          .updateTable("offer")
          .set({ created_at: `${at}T09:00:00.000Z` })
          .where("id", "=", id)
          .execute();
      }
    });

    it("lists published offers newest first, with what each row shows", async () => {
      const { rows, total } = await browseOffers(t.db, { today: TODAY });
      expect(total).toBe(3);
      expect(rows.map((r) => r.id)).toEqual([c, b, a]);
      expect(rows[2]).toMatchObject({
        title: "Bravo: mapping and SPC",
        organisationName: "Trust RWK",
        formatName: "Site visit",
        regionName: "London",
        runsVirtually: false,
        costModel: "free",
        capacityPerQuarter: 3,
        capabilities: [
          { id: "cap-spc", name: "Measurement for improvement" },
          { id: "cap-map", name: "Process mapping" },
        ],
      });
    });

    it("filters by capability, format, region, ICB, virtual, cost, organisation and text", async () => {
      expect(new Set(await browseIds({ capability: "cap-spc" }))).toEqual(new Set([a, b]));
      expect(await browseIds({ capability: "cap-map" })).toEqual([a]);
      expect(await browseIds({ format: "virtual" })).toEqual([b]);
      expect(await browseIds({ region: "Y62" })).toEqual([c]);
      expect(new Set(await browseIds({ icb: "QMF" }))).toEqual(new Set([a, b]));
      // Virtual: a virtual format, or an offer that can also run virtually.
      expect(new Set(await browseIds({ virtual: true }))).toEqual(new Set([b, c]));
      expect(await browseIds({ cost: "fee" })).toEqual([b]);
      expect(await browseIds({ cost: "cost_recovery" })).toEqual([c]);
      expect(await browseIds({ organisation: "org-srf" })).toEqual([c]);
      expect(await browseIds({ q: "pdsa" })).toEqual([c]);
      // The pioneer's name is searchable, since there is no list of every pioneer to pick from.
      expect(await browseIds({ q: "trust rm3" })).toEqual([c]);
      expect(await browseIds({ capability: "cap-spc", cost: "free" })).toEqual([a]);
    });

    it("sorts by title regardless of case, and by capacity", async () => {
      expect(await browseIds({ sort: "title" })).toEqual([b, a, c]);
      expect(await browseIds({ sort: "capacity" })).toEqual([c, a, b]);
    });

    it("paginates without overlap, counting every match", async () => {
      const first = await browseOffers(t.db, { today: TODAY, pageSize: 2, page: 1 });
      const second = await browseOffers(t.db, { today: TODAY, pageSize: 2, page: 2 });
      expect(first.total).toBe(3);
      expect(second.total).toBe(3);
      expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual([c, b, a]);
    });

    it("leaves out paused and closed offers and closed organisations, except the viewer's own", async () => {
      await pauseOffer(t.db, { offerId: a, actor: rwk, until: "2027-02-01", reason: "Leave", today: TODAY });
      await closeOffer(t.db, { offerId: b, actor: rwk, today: TODAY });
      expect(await browseIds()).toEqual([c]);
      expect(new Set(await browseIds({ includeAllFor: "org-rwk" }))).toEqual(new Set([a, b, c]));
      await t.db.updateTable("organisation").set({ active: 0 }).where("id", "=", "org-srf").execute();
      expect(await browseIds()).toEqual([]);
    });

    it("lists an organisation's own offers in every status, open first, with the return date", async () => {
      await pauseOffer(t.db, { offerId: a, actor: rwk, until: "2027-02-01", reason: "Leave", today: TODAY });
      await closeOffer(t.db, { offerId: b, actor: rwk, today: TODAY });
      const mine = await listOrganisationOffers(t.db, "org-rwk", TODAY);
      expect(mine.map((o) => [o.id, o.status, o.pausedUntil])).toEqual([
        [a, "paused", "2027-02-01"],
        [b, "closed", null],
      ]);
      expect((await listOrganisationOffers(t.db, "org-rwk", "2027-02-01"))[0]).toMatchObject({
        id: a,
        status: "published",
        pausedUntil: null,
      });
    });
  });
});
