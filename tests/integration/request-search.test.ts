import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRequest, type RequestFields } from "~/models/request/requests.server";
import { browseOpenRequests, listOrganisationRequests } from "~/models/request/queries.server";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";
import { people, seedPioneerWorld } from "../support/pioneer-fixture";

const fields = (overrides: Partial<RequestFields> = {}): RequestFields => ({
  title: "Ward rounds",
  outcome: "Every ward team reads its own charts",
  capabilityIds: ["cap-measure"],
  audienceCodes: ["managers"],
  formatCodes: ["site_visit"],
  windowStart: "2099-03-01",
  windowEnd: "2099-06-30",
  virtualOk: true,
  travelLimit: "region",
  budget: "free",
  priority: "medium",
  ...overrides,
});

describe.each(testEngines())("searching help requests on %s", (engine) => {
  let t: TestDatabase;
  const ids: Record<string, string> = {};

  beforeEach(async () => {
    t = await freshDatabase(engine);
    await seedPioneerWorld(t.db);
    const file = (key: string, overrides: Partial<RequestFields>, organisationId = "RF4", actor = people.requester) =>
      createRequest(t.db, { organisationId, actor, fields: fields(overrides), submit: true }).then((id) => {
        ids[key] = id;
      });
    await file("charts", { title: "SPC charts for the BOARD" });
    await file("percent", { title: "Cut delays by 50% in outpatients", outcome: "Shorter waits" });
    await file("underscore", { title: "Rename ward_a to the discharge lounge", outcome: "Clear names" });
    await file("plain", { title: "Discharge lounge", outcome: "Fewer delays before noon" });
    await file("northwest", { title: "Theatre lists" }, "RM3", people.northwest);
  });
  afterEach(async () => t.dispose());

  const browse = async (q: string) =>
    (await browseOpenRequests(t.db, { q, page: 1, pageSize: 20 })).rows.map((r) => r.id).sort();
  const ours = async (q: string) =>
    (await listOrganisationRequests(t.db, "RF4", { q, page: 1, pageSize: 20 })).rows.map((r) => r.id).sort();
  const keys = (...names: string[]) => names.map((n) => ids[n]).sort();

  it("matches the title and what good looks like, whatever the case", async () => {
    expect(await browse("spc charts for the board")).toEqual(keys("charts"));
    expect(await browse("NOON")).toEqual(keys("plain"));
    expect(await ours("Discharge LOUNGE")).toEqual(keys("underscore", "plain"));
  });

  it("matches the organisation's name and the capabilities asked for", async () => {
    expect(await browse("trust rm3")).toEqual(keys("northwest"));
    expect(await browse("measurement for")).toEqual(keys("charts", "percent", "underscore", "plain", "northwest"));
    // Our own list is our organisation's only, whatever matches elsewhere.
    expect(await ours("measurement")).toEqual(keys("charts", "percent", "underscore", "plain"));
    expect(await ours("theatre")).toEqual([]);
  });

  it("finds nothing for words no request holds, and counts nothing", async () => {
    const result = await browseOpenRequests(t.db, { q: "orthodontics", page: 1, pageSize: 20 });
    expect(result).toEqual({ rows: [], total: 0 });
    expect((await listOrganisationRequests(t.db, "RF4", { q: "orthodontics", page: 1, pageSize: 20 })).total).toBe(0);
  });

  it("takes % and _ literally, not as wildcards", async () => {
    expect(await browse("50%")).toEqual(keys("percent"));
    expect(await browse("%")).toEqual(keys("percent"));
    expect(await browse("d_a")).toEqual(keys("underscore"));
    expect(await browse("_")).toEqual(keys("underscore"));
    expect(await ours("\\")).toEqual([]);
  });

  it("counts what matches alongside the other filters", async () => {
    const result = await browseOpenRequests(t.db, { q: "discharge", region: "Y56", page: 1, pageSize: 1 });
    expect(result.total).toBe(2);
    expect(result.rows).toHaveLength(1);
    expect((await browseOpenRequests(t.db, { q: "discharge", region: "Y62", page: 1, pageSize: 20 })).total).toBe(0);
  });
});
