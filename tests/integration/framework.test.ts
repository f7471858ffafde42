import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  addCapability,
  addDomain,
  getCapability,
  listActiveCapabilities,
  listAudienceLevels,
  listFramework,
  listOfferFormats,
  listReadinessFactors,
  moveCapability,
  renameCapability,
  renameDomain,
  retireCapability,
  unretireCapability,
} from "~/models/framework/framework.server";
import { seedFramework } from "../../db/seed/framework";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";
import { Forbidden, Refused } from "~/lib/errors";
import { frameworkRefusalFields } from "~/schemas/framework";
import type { Actor } from "~/auth/policy";

const admin: Actor = { id: "u-admin", role: "admin", organisationId: null, scope: null };

describe.each(testEngines())("capability framework on %s", (engine) => {
  let t: TestDatabase;

  beforeEach(async () => {
    t = await freshDatabase(engine);
    await seedFramework(t.db);
  });
  afterEach(async () => t.dispose());

  const idOf = async (code: string) =>
    (await t.db.selectFrom("capability").select("id").where("code", "=", code).executeTakeFirstOrThrow()).id;
  const domainIdOf = async (name: string) =>
    (await t.db.selectFrom("capability_domain").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;
  const problemOf = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: unknown) => {
        if (error instanceof Refused)
          return { field: frameworkRefusalFields[error.code ?? ""] ?? "form", message: error.message };
        throw error;
      },
    );

  it("lists the seeded framework grouped by domain, in order", async () => {
    const framework = await listFramework(t.db);
    expect(framework.map((d) => d.name)).toEqual([
      "Well-led",
      "NHS IMPACT",
      "Improvement methods (QSIR)",
      "Operational improvement",
    ]);
    expect(framework[0].capabilities.map((c) => c.code)).toEqual(["W1", "W2", "W3", "W4", "W5", "W6", "W7", "W8"]);
    expect(framework[1].capabilities.map((c) => c.code)).toEqual([
      "IMPACT-1",
      "IMPACT-2",
      "IMPACT-3",
      "IMPACT-4",
      "IMPACT-5",
    ]);
    expect(framework[2].capabilities.map((c) => c.code)).toContain("QSIR-MFI");
    expect(framework[2].capabilities.map((c) => c.code)).toContain("QSIR-PM");
    expect(framework[3].capabilities.map((c) => c.code)).toEqual(["OPS-LEAN", "OPS-SAFETY", "OPS-FLOW"]);
    for (const c of framework.flatMap((d) => d.capabilities)) expect(c.description.length).toBeGreaterThan(20);
  });

  it("lists the coded reference lists other features rely on", async () => {
    expect((await listAudienceLevels(t.db)).map((a) => a.code)).toEqual([
      "board",
      "senior_leaders",
      "managers",
      "coaches",
      "all_staff",
      "patients",
    ]);
    const formats = await listOfferFormats(t.db);
    expect(formats.map((f) => f.code)).toEqual([
      "site_visit",
      "board_to_board",
      "shadowing",
      "mentoring",
      "training",
      "consultancy",
      "virtual",
    ]);
    expect(formats.filter((f) => f.is_virtual === 1).map((f) => f.code)).toEqual(["virtual"]);
    expect((await listReadinessFactors(t.db)).map((f) => f.code)).toEqual([
      "board_sponsorship",
      "protected_time",
      "improvement_team",
      "data_support",
    ]);
  });

  it("adds a capability at the end of its domain, with its code upper-cased", async () => {
    const domainId = await domainIdOf("Operational improvement");
    const id = await addCapability(t.db, admin, {
      domainId,
      code: " ops-rtt ",
      name: "Referral to treatment",
      description: "Waiting lists are validated and managed.",
    });
    const capability = await getCapability(t.db, id);
    expect(capability).toMatchObject({ code: "OPS-RTT", domainId, retiredAt: null });
    const domain = (await listFramework(t.db)).find((d) => d.id === domainId)!;
    expect(domain.capabilities.map((c) => c.code).at(-1)).toBe("OPS-RTT");
  });

  it("refuses a capability whose code is taken, even by a retired one, or whose domain does not exist, and writes nothing", async () => {
    const before = await t.db.selectFrom("capability").select("id").execute();
    await retireCapability(t.db, admin, await idOf("W5"));
    const domainId = await domainIdOf("Well-led");
    expect(
      await problemOf(addCapability(t.db, admin, { domainId, code: "w5", name: "Again", description: "" })),
    ).toMatchObject({ field: "code" });
    expect(
      await problemOf(
        addCapability(t.db, admin, { domainId: "no-such-domain", code: "NEW-1", name: "New", description: "" }),
      ),
    ).toMatchObject({ field: "domainId" });
    expect(await t.db.selectFrom("capability").select("id").execute()).toHaveLength(before.length);
  });

  it("renames a capability's wording without changing its code or id", async () => {
    const id = await idOf("QSIR-PM");
    await renameCapability(t.db, admin, id, {
      name: "Process mapping and flow",
      description: "Teams map the whole pathway.",
    });
    expect(await getCapability(t.db, id)).toMatchObject({
      id,
      code: "QSIR-PM",
      name: "Process mapping and flow",
      description: "Teams map the whole pathway.",
    });
    expect(await problemOf(renameCapability(t.db, admin, "no-such-id", { name: "x", description: "" }))).toMatchObject({
      field: "form",
    });
  });

  it("refuses every framework change to anyone but an administrator, whoever calls the model", async () => {
    const id = await idOf("QSIR-PM");
    const domainId = await domainIdOf("Well-led");
    const orgAdmin: Actor = { id: "u-org-admin", role: "org_admin", organisationId: "org-1", scope: null };
    const coordinator: Actor = {
      id: "u-coord",
      role: "coordinator",
      organisationId: null,
      scope: { kind: "national", code: null },
    };
    for (const actor of [orgAdmin, coordinator]) {
      const wording = { name: "Renamed", description: "" };
      await expect(renameCapability(t.db, actor, id, wording)).rejects.toBeInstanceOf(Forbidden);
      await expect(retireCapability(t.db, actor, id)).rejects.toBeInstanceOf(Forbidden);
      await expect(unretireCapability(t.db, actor, id)).rejects.toBeInstanceOf(Forbidden);
      await expect(moveCapability(t.db, actor, id, domainId)).rejects.toBeInstanceOf(Forbidden);
      await expect(
        addCapability(t.db, actor, { domainId, code: "NEW-1", name: "New", description: "" }),
      ).rejects.toBeInstanceOf(Forbidden);
      await expect(addDomain(t.db, actor, wording)).rejects.toBeInstanceOf(Forbidden);
      await expect(renameDomain(t.db, actor, domainId, wording)).rejects.toBeInstanceOf(Forbidden);
    }
    expect(await getCapability(t.db, id)).toMatchObject({ code: "QSIR-PM", retiredAt: null });
    expect(await t.db.selectFrom("capability").select("id").where("code", "=", "NEW-1").execute()).toEqual([]);
  });

  it("retires a capability off new forms and restores it", async () => {
    const id = await idOf("W5");
    await retireCapability(t.db, admin, id);
    expect((await listActiveCapabilities(t.db)).map((c) => c.code)).not.toContain("W5");
    const all = await listFramework(t.db, { includeRetired: true });
    expect(all[0].capabilities.find((c) => c.code === "W5")?.retiredAt).not.toBeNull();
    await unretireCapability(t.db, admin, id);
    expect((await listActiveCapabilities(t.db)).map((c) => c.code)).toContain("W5");
  });

  it("regroups a capability under another domain, at its end, and refuses an unknown domain", async () => {
    const id = await idOf("OPS-SAFETY");
    const wellLed = await domainIdOf("Well-led");
    await moveCapability(t.db, admin, id, wellLed);
    const framework = await listFramework(t.db);
    expect(framework[0].capabilities.map((c) => c.code)).toEqual([
      "W1",
      "W2",
      "W3",
      "W4",
      "W5",
      "W6",
      "W7",
      "W8",
      "OPS-SAFETY",
    ]);
    expect(framework[3].capabilities.map((c) => c.code)).toEqual(["OPS-LEAN", "OPS-FLOW"]);
    expect(await problemOf(moveCapability(t.db, admin, id, "no-such-domain"))).toMatchObject({ field: "domainId" });
    expect((await getCapability(t.db, id))?.domainId).toBe(wellLed);
  });

  it("adds and renames domains, refusing a name already used whatever its case", async () => {
    const id = await addDomain(t.db, admin, {
      name: "Population health",
      description: "Working with partners on health outcomes.",
    });
    const framework = await listFramework(t.db);
    expect(framework.at(-1)).toMatchObject({ id, name: "Population health", capabilities: [] });
    expect(await problemOf(addDomain(t.db, admin, { name: "well-led", description: "" }))).toMatchObject({
      field: "name",
    });
    expect(await problemOf(renameDomain(t.db, admin, id, { name: "NHS Impact", description: "" }))).toMatchObject({
      field: "name",
    });
    await renameDomain(t.db, admin, id, { name: "Population health management", description: "" });
    // Renaming to its own name in another case is not a clash with itself.
    await renameDomain(t.db, admin, id, { name: "Population Health Management", description: "Changed." });
    expect((await listFramework(t.db)).at(-1)).toMatchObject({
      name: "Population Health Management",
      description: "Changed.",
    });
    expect(await t.db.selectFrom("capability_domain").select("id").execute()).toHaveLength(5);
  });
});
