import fs from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importEtr, NotAnEtrFile } from "~/models/organisation/ods-import.server";
import { seedReferenceData } from "../../db/seed/reference";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";
import type { Actor } from "~/auth/policy";
import { Forbidden } from "~/lib/errors";

const sample = fs.readFileSync("tests/fixtures/etr-sample.csv");
const updated = fs.readFileSync("tests/fixtures/etr-sample-updated.csv");
const admin: Actor = { id: "u-admin", role: "admin", organisationId: null, scope: null };

describe.each(testEngines())("ODS import on %s", (engine) => {
  let t: TestDatabase;

  beforeEach(async () => {
    t = await freshDatabase(engine);
    await seedReferenceData(t.db);
  });
  afterEach(async () => t.dispose());

  const organisation = (odsCode: string) =>
    t.db.selectFrom("organisation").selectAll().where("ods_code", "=", odsCode).executeTakeFirst();
  const snapshot = () => t.db.selectFrom("organisation").selectAll().orderBy("ods_code").execute();

  it("seeds the seven regions and 42 ICBs, and seeding again changes nothing", async () => {
    await seedReferenceData(t.db);
    expect(await t.db.selectFrom("region").select("code").execute()).toHaveLength(7);
    expect(await t.db.selectFrom("icb").select("code").execute()).toHaveLength(42);
    expect(await t.db.selectFrom("icb").selectAll().where("code", "=", "QMF").executeTakeFirst()).toEqual({
      code: "QMF",
      name: "NHS North East London Integrated Care Board",
      region_code: "Y56",
      list_version: "2022-07",
    });
  });

  it("imports the sample: valid rows created, the malformed line reported and not written, the unknown ICB warned", async () => {
    const result = await importEtr(t.db, admin, sample);
    expect(result).toMatchObject({ created: 12, updated: 0, deactivated: 0, unchanged: 0 });
    expect(result.errors).toEqual([{ line: 8, message: expect.stringMatching(/RTG has open date "20183107"/) }]);
    expect(result.warnings).toEqual([{ line: 12, message: expect.stringMatching(/RXQ names ICB "QZZ"/) }]);

    expect(await organisation("RTG")).toBeUndefined();
    expect(await organisation("RXQ")).toMatchObject({ icb_code: null, region_code: "Y59", active: 1 });
    expect(await organisation("RWK")).toMatchObject({
      name: "East London NHS Foundation Trust",
      type: "other",
      is_foundation_trust: 1,
      region_code: "Y56",
      icb_code: "QMF",
      address: "Robert Dolan House, 9 Alie Street, London",
      postcode: "E1 8DE",
      opened_on: "2000-04-01",
      closed_on: null,
      active: 1,
      offers_outreach: 0,
    });
    expect(await organisation("RF4")).toMatchObject({
      name: "Barking, Havering and Redbridge University Hospitals NHS Trust",
      is_foundation_trust: 0,
    });
    expect(await organisation("RJ1")).toMatchObject({ name: "Guy's and St Thomas' NHS Foundation Trust" });
    // A closed trust is imported, inactive, so its history is there.
    expect(await organisation("RDD")).toMatchObject({ closed_on: "2020-03-31", active: 0 });
  });

  it("re-importing the same file changes nothing: no new rows, same ids, same timestamps", async () => {
    await importEtr(t.db, admin, sample);
    const before = await snapshot();
    const again = await importEtr(t.db, admin, sample);
    expect(again).toMatchObject({ created: 0, updated: 0, deactivated: 0, unchanged: 12 });
    expect(await snapshot()).toEqual(before);
  });

  it("the updated file renames, deactivates and adds, keeping ids and everything ODS does not carry", async () => {
    await importEtr(t.db, admin, sample);
    const salford = (await organisation("RM3"))!;
    const pennine = (await organisation("RW6"))!;
    // What Peerlink knows and ODS does not: set by an administrator between imports.
    await t.db
      .updateTable("organisation")
      .set({ type: "acute", offers_outreach: 1, seeks_help: 0 })
      .where("ods_code", "=", "RM3")
      .execute();

    const result = await importEtr(t.db, admin, updated);
    expect(result).toMatchObject({ created: 1, updated: 1, deactivated: 1, unchanged: 10, errors: [] });
    expect(await organisation("RM3")).toMatchObject({
      id: salford.id,
      name: "Northern Care Alliance NHS Foundation Trust",
      address: "Mayo Building, Salford Royal, Stott Lane, Salford, Greater Manchester",
      type: "acute",
      offers_outreach: 1,
      seeks_help: 0,
      created_at: salford.created_at,
      active: 1,
    });
    expect(await organisation("RW6")).toMatchObject({
      id: pennine.id,
      name: "Pennine Acute Hospitals NHS Trust",
      closed_on: "2021-09-30",
      active: 0,
    });
    expect(await organisation("RTG")).toMatchObject({
      name: "University Hospitals of Derby and Burton NHS Foundation Trust",
      opened_on: "2018-07-01",
    });
    expect(await snapshot()).toHaveLength(13);
  });

  it("a trust that reopens is active again", async () => {
    await importEtr(t.db, admin, sample);
    const reopened = sample
      .toString("utf8")
      .split("\r\n")
      .find((line) => line.startsWith('"RDD"'))!
      .replace('"20200331"', '""');
    const result = await importEtr(t.db, admin, reopened);
    expect(result).toMatchObject({ created: 0, updated: 1, deactivated: 0 });
    expect(await organisation("RDD")).toMatchObject({ closed_on: null, active: 1 });
  });

  it("a failure part-way through writes nothing", async () => {
    await importEtr(t.db, admin, sample);
    const before = await snapshot();
    const failing = {
      onProgress: (done: number) => {
        if (done > 0) throw new Error("disk full");
      },
    };
    await expect(importEtr(t.db, admin, updated, failing)).rejects.toThrow("disk full");
    expect(await snapshot()).toEqual(before);
  });

  it("a failure on a first import leaves no organisations", async () => {
    const failing = {
      onProgress: (done: number) => {
        if (done > 0) throw new Error("interrupted");
      },
    };
    await expect(importEtr(t.db, admin, sample, failing)).rejects.toThrow("interrupted");
    expect(await snapshot()).toEqual([]);
  });

  it("reports progress up to the number of valid rows", async () => {
    const calls: [number, number][] = [];
    await importEtr(t.db, admin, sample, { onProgress: (done, total) => calls.push([done, total]) });
    expect(calls[0]).toEqual([0, 12]);
    expect(calls.at(-1)).toEqual([12, 12]);
  });

  it("imports thousands of rows in batches", async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => {
      const code = `X${i.toString(36).toUpperCase().padStart(3, "0")}`;
      const f = Array<string>(27).fill("");
      Object.assign(f, { 0: code, 1: `TEST TRUST ${i} NHS TRUST`, 2: "Y60", 3: "QJ2", 9: "DE22 3NE", 10: "20000101" });
      return f.map((v) => `"${v}"`).join(",");
    });
    const result = await importEtr(t.db, admin, rows.join("\r\n"));
    expect(result).toMatchObject({ created: 1200, errors: [], warnings: [] });
    expect(await importEtr(t.db, admin, rows.join("\r\n"))).toMatchObject({ created: 0, unchanged: 1200 });
  });

  it("refuses an import by anyone but an administrator and writes nothing", async () => {
    const orgAdmin: Actor = { id: "u-org-admin", role: "org_admin", organisationId: "org-1", scope: null };
    const coordinator: Actor = {
      id: "u-coord",
      role: "coordinator",
      organisationId: null,
      scope: { kind: "national", code: null },
    };
    for (const actor of [orgAdmin, coordinator])
      await expect(importEtr(t.db, actor, sample)).rejects.toBeInstanceOf(Forbidden);
    expect(await snapshot()).toEqual([]);
  });

  it("a file that is not etr.csv is refused whole and writes nothing, however it is sent", async () => {
    await importEtr(t.db, admin, sample);
    const before = await snapshot();
    await expect(
      importEtr(t.db, admin, "Notes from the board visit\nAgreed: import the trusts, check the ICBs\n"),
    ).rejects.toBeInstanceOf(NotAnEtrFile);
    async function* tenMegabytesOfX() {
      for (let i = 0; i < 160; i++) yield "x\n".repeat(32 * 1024);
    }
    await expect(importEtr(t.db, admin, tenMegabytesOfX())).rejects.toThrow(/not an ODS etr.csv file/);
    expect(await snapshot()).toEqual(before);
  });

  it("lists at most fifty malformed lines and unknown-ICB warnings, counting the rest", async () => {
    const row = (code: string, icb: string) => {
      const f = Array<string>(27).fill("");
      Object.assign(f, { 0: code, 1: `TRUST ${code} NHS TRUST`, 2: "Y60", 3: icb, 10: "20000101" });
      return f.map((v) => `"${v}"`).join(",");
    };
    const lines = [
      ...Array.from({ length: 70 }, (_, i) => row(`W${String(i).padStart(3, "0")}`, "QZZ")),
      ...Array.from({ length: 60 }, () => row("R-K", "")),
    ];
    const result = await importEtr(t.db, admin, lines.join("\r\n"));
    expect(result).toMatchObject({ created: 70, moreWarnings: 20, moreErrors: 10 });
    expect(result.warnings).toHaveLength(50);
    expect(result.errors).toHaveLength(50);
  });
});
