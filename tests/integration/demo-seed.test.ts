import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "~/auth/password.server";
import { findUserByEmail } from "~/models/account/users.server";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "../../db/seed/demo/seed";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";

describe.each(testEngines())("demo seed on %s", (engine) => {
  let t: TestDatabase;
  let seeded: boolean;
  const messages: string[] = [];

  // Seeding once for the whole file keeps argon2 and the imports out of every test.
  beforeAll(async () => {
    t = await freshDatabase(engine);
    seeded = await seedDemo(t.db, { log: (m) => messages.push(m) });
  });
  afterAll(async () => t.dispose());

  const organisationByCode = (odsCode: string) =>
    t.db.selectFrom("organisation").selectAll().where("ods_code", "=", odsCode).executeTakeFirstOrThrow();

  it("seeds an empty database and says so", () => {
    expect(seeded).toBe(true);
    expect(messages.join("\n")).toMatch(/Demo organisations: 34 created/);
  });

  it.each(DEMO_ACCOUNTS.map((a) => [a.email, a] as const))(
    "creates %s with its role and organisation or body",
    async (_email, account) => {
      const user = await findUserByEmail(t.db, account.email);
      expect(user).toMatchObject({ role: account.role, name: account.name, disabled_at: null });
      if (account.organisation) {
        expect(user!.organisation_id).toBe((await organisationByCode(account.organisation)).id);
      } else {
        expect(user!.organisation_id).toBeNull();
      }
      if (account.body) {
        const body = await t.db
          .selectFrom("coordinating_body")
          .selectAll()
          .where("id", "=", user!.coordinating_body_id!)
          .executeTakeFirstOrThrow();
        expect(body.name).toBe(account.body);
      } else {
        expect(user!.coordinating_body_id).toBeNull();
      }
    },
  );

  it("every demo account signs in with the demo password", async () => {
    const user = await findUserByEmail(t.db, "requester@example.org");
    expect(await verifyPassword(user!.password_hash, DEMO_PASSWORD)).toBe(true);
    const hashes = await t.db.selectFrom("app_user").select("password_hash").distinct().execute();
    expect(hashes).toHaveLength(1);
  });

  it("creates the national and London coordinating bodies", async () => {
    const bodies = await t.db
      .selectFrom("coordinating_body")
      .select(["name", "scope", "scope_code"])
      .orderBy("name")
      .execute();
    expect(bodies).toEqual([
      { name: "London Region Improvement Team", scope: "region", scope_code: "Y56" },
      { name: "NHS England National Improvement Team", scope: "national", scope_code: null },
    ]);
  });

  it("imports about thirty trusts across all seven regions, with types and pioneers from the profiles", async () => {
    const organisations = await t.db.selectFrom("organisation").selectAll().execute();
    expect(organisations.length).toBeGreaterThanOrEqual(30);
    expect(new Set(organisations.map((o) => o.region_code)).size).toBe(7);
    expect(organisations.every((o) => o.active === 1 && o.icb_code !== null)).toBe(true);

    const pioneers = organisations.filter((o) => o.offers_outreach === 1).map((o) => o.ods_code);
    expect(pioneers).toEqual(expect.arrayContaining(["RWK", "RX3", "RM3"]));
    expect(pioneers.length).toBeGreaterThanOrEqual(6);
    expect(organisations.some((o) => o.offers_outreach === 1 && o.seeks_help === 1)).toBe(true);

    const [elft, bhrut, nca] = await Promise.all(["RWK", "RF4", "RM3"].map(organisationByCode));
    expect(elft).toMatchObject({
      name: "East London NHS Foundation Trust",
      type: "mental_health",
      is_foundation_trust: 1,
      icb_code: "QMF",
    });
    expect(bhrut).toMatchObject({
      name: "Barking, Havering and Redbridge University Hospitals NHS Trust",
      offers_outreach: 0,
      seeks_help: 1,
      icb_code: "QMF",
    });
    expect(nca).toMatchObject({ name: "Northern Care Alliance NHS Foundation Trust", region_code: "Y62" });
    const other = await organisationByCode(DEMO_ACCOUNTS.find((a) => a.email === "other@example.org")!.organisation!);
    expect(other.region_code).not.toBe("Y56");
  });

  it("seeds the capability framework the demo needs", async () => {
    expect((await t.db.selectFrom("capability").select("id").execute()).length).toBeGreaterThan(0);
  });

  it("does nothing on a second call", async () => {
    const count = async () => ({
      users: (await t.db.selectFrom("app_user").select("id").execute()).length,
      organisations: (await t.db.selectFrom("organisation").select("id").execute()).length,
      bodies: (await t.db.selectFrom("coordinating_body").select("id").execute()).length,
    });
    const before = await count();
    expect(await seedDemo(t.db)).toBe(false);
    expect(await count()).toEqual(before);
  });
});
