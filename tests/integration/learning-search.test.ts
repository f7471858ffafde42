import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { updateLearning } from "~/models/learning/entries.server";
import {
  COUNT_CAP,
  FILTERED_COUNT_CAP,
  learningSearch,
  type LearningSearchParams,
} from "~/models/learning/search/index.server";
import { MARK_END, MARK_START, splitMarked } from "~/domain/learning-search/markers";
import { newId } from "~/lib/ids";
import { actors, backdate, entryFields, indexedRows, record, seedLearning } from "../support/learning-fixture";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";

describe.each(testEngines())("learning library search on %s", (engine) => {
  let t: TestDatabase;
  let e: { e1: string; e2: string; e3: string };
  beforeEach(async () => {
    t = await freshDatabase(engine);
    e = await seedLearning(t.db);
  });
  afterEach(async () => t.dispose());

  const search = (params: Partial<LearningSearchParams>) =>
    learningSearch(t.db).search(t.db, { query: "", page: 1, pageSize: 20, ...params });
  const titles = async (params: Partial<LearningSearchParams>) => (await search(params)).hits.map((h) => h.title);

  it("finds other forms of a word through stemming", async () => {
    await record(t.db, actors.requester, e.e1, {
      title: "Walking the wards",
      insight: "One visit to the flow hub changed how we plan discharges.",
    });
    await record(t.db, actors.requester, e.e1, { title: "Board papers", insight: "Shorter papers with run charts." });
    expect(await titles({ query: "visits" })).toEqual(["Walking the wards"]);
    expect(await titles({ query: "visiting" })).toEqual(["Walking the wards"]);
    expect(await titles({ query: "discharge" })).toEqual(["Walking the wards"]);
  });

  it("ranks a title match above a body-only match, and more relevant entries first", async () => {
    await record(t.db, actors.requester, e.e1, {
      title: "Notes from the second day",
      insight: "The team shared a spreadsheet for tracking actions.",
    });
    await record(t.db, actors.requester, e.e1, {
      title: "Spreadsheet templates",
      insight: "The team shared templates for tracking actions.",
    });
    expect(await titles({ query: "spreadsheet" })).toEqual(["Spreadsheet templates", "Notes from the second day"]);

    await record(t.db, actors.pioneer, e.e1, {
      title: "Once",
      insight: "Kaizen came up once among many other unrelated topics we covered that day.",
    });
    await record(t.db, actors.pioneer, e.e1, {
      title: "Often",
      insight: "Kaizen events, kaizen boards and kaizen huddles: kaizen everywhere on the wards.",
    });
    expect(await titles({ query: "kaizen" })).toEqual(["Often", "Once"]);
  });

  it("narrows by capability, format, region and dates, with and without a query", async () => {
    const visitMeasure = await record(t.db, actors.requester, e.e1, {
      title: "Run charts on the ward",
      capabilityIds: ["c1"],
    });
    const virtualMapping = await record(t.db, actors.salford, e.e2, {
      title: "Mapping the discharge process",
      capabilityIds: ["c2"],
    });
    const derbyCulture = await record(t.db, actors.derby, e.e3, {
      title: "Culture of the ward",
      capabilityIds: ["c3", "c1"],
    });
    await backdate(t.db, visitMeasure, "2027-01-10T10:00:00.000Z");
    await backdate(t.db, virtualMapping, "2027-02-15T10:00:00.000Z");
    await backdate(t.db, derbyCulture, "2027-03-31T23:30:00.000Z");
    const ids = async (params: Partial<LearningSearchParams>) => (await search(params)).hits.map((h) => h.id).sort();

    for (const query of ["", "ward huddles"]) {
      // "huddles" is in every insight; "ward" is in two titles and every insight.
      expect(await ids({ query, capabilityIds: ["c1"] })).toEqual([visitMeasure, derbyCulture].sort());
      expect(await ids({ query, capabilityIds: ["c2", "c3"] })).toEqual([virtualMapping, derbyCulture].sort());
      expect(await ids({ query, formatCodes: ["virtual"] })).toEqual([virtualMapping, derbyCulture].sort());
      expect(await ids({ query, formatCodes: ["visit"] })).toEqual([visitMeasure]);
      // Either trust's region counts: e2 has its pioneer in the North West,
      // e3 both its requester in the Midlands and its pioneer in the North West.
      expect(await ids({ query, regionCode: "Y62" })).toEqual([virtualMapping, derbyCulture].sort());
      expect(await ids({ query, regionCode: "Y60" })).toEqual([derbyCulture]);
      expect(await ids({ query, regionCode: "Y56" })).toEqual([visitMeasure, virtualMapping].sort());
      expect(await ids({ query, from: "2027-02-15" })).toEqual([virtualMapping, derbyCulture].sort());
      // "to" includes the whole of that day.
      expect(await ids({ query, to: "2027-02-15" })).toEqual([visitMeasure, virtualMapping].sort());
      expect(await ids({ query, from: "2027-03-31", to: "2027-03-31" })).toEqual([derbyCulture]);
      expect(await ids({ query, from: "2027-01-11", to: "2027-03-30" })).toEqual([virtualMapping]);
      expect(await ids({ query, capabilityIds: ["c1"], formatCodes: ["virtual"], regionCode: "Y60" })).toEqual([
        derbyCulture,
      ]);
      expect(await ids({ query, capabilityIds: ["c2"], regionCode: "Y60" })).toEqual([]);
      expect((await search({ query, formatCodes: ["virtual"] })).total).toBe(2);
    }
  });

  it("never returns private entries, by query, listing or filter", async () => {
    const shared = await record(t.db, actors.requester, e.e1, {
      title: "Zebrafish model in the open",
      insight: "Shared zebrafish insight.",
    });
    await record(t.db, actors.requester, e.e1, {
      title: "Zebrafish budget",
      insight: "Private zebrafish figures.",
      visibility: "private",
    });
    await record(t.db, actors.pioneer, e.e1, {
      title: "Pioneer's private note",
      insight: "Only for the two of us.",
      visibility: "private",
      capabilityIds: ["c2"],
    });
    for (const params of [
      { query: "zebrafish" },
      { query: "" },
      { query: "private" },
      { query: "", capabilityIds: ["c2"] },
      { query: "zebrafish", regionCode: "Y56" },
    ]) {
      const result = await search(params);
      expect(result.hits.every((h) => h.id === shared)).toBe(true);
    }
    expect((await search({ query: "zebrafish" })).total).toBe(1);
    expect((await search({ query: "" })).total).toBe(1);
  });

  it("marks matched words in the title and excerpt with the marker characters, never HTML", async () => {
    await record(t.db, actors.requester, e.e1, {
      title: "Kanban boards for theatres",
      insight:
        "We saw <b>kanban</b> cards used for stock. The kanban board sits by the theatre store and everyone can read it.",
    });
    const [hit] = (await search({ query: "kanban" })).hits;
    expect(hit.markedTitle).toContain(`${MARK_START}Kanban${MARK_END}`);
    const marked = splitMarked(hit.excerpt).filter((p) => p.marked);
    expect(marked.length).toBeGreaterThan(0);
    expect(marked.every((p) => p.text.toLowerCase() === "kanban")).toBe(true);
    // Engines mark with the private-use characters only; the page turns those into <mark> itself.
    expect(`${hit.markedTitle} ${hit.excerpt}`).not.toMatch(/<\/?(mark|b)>\s*kanban/i);
    expect(hit.title).toBe("Kanban boards for theatres");
  });

  it("shows the start of the insight, unmarked, when nothing was searched", async () => {
    await record(t.db, actors.requester, e.e1, { insight: "Short daily huddles kept the ward team focused." });
    const [hit] = (await search({ query: "" })).hits;
    expect(hit.excerpt).toBe("Short daily huddles kept the ward team focused.");
    expect(hit.excerpt).not.toMatch(/[\uE000\uE001]/);
    expect(hit).toMatchObject({
      requesterName: "Barking Trust",
      pioneerName: "East London Trust",
      formatName: "Site visit",
      capabilities: [{ id: "c1", name: "Measurement for improvement" }],
    });
  });

  it("takes hostile or odd input without failing", async () => {
    await record(t.db, actors.requester, e.e1, {
      title: "Near miss reporting",
      insight: "Reporting near misses in theatres.",
    });
    const inputs = [
      '"',
      '""',
      'unbalanced "quote',
      "NEAR(",
      "NEAR(near miss, 2)",
      "*",
      "near*",
      "title:near",
      ":",
      "-",
      "-near",
      "near -miss",
      "OR",
      "near OR",
      "AND NOT",
      "^near",
      "(near",
      "near)",
      "{title body}: near",
      "'; drop table learning_entry; --",
      "1 = 1 union select * from app_user",
      "\\",
      "\u0000",
      `${MARK_START}near${MARK_END}`,
      "Ünïcödé näher 漢字 🙂",
      "x".repeat(5000),
      "a b c d e f g h i j k l m n o p q r s t u v w x y z",
    ];
    for (const query of inputs) {
      const result = await search({ query });
      // Whatever the input, the count agrees with the page and only the one stored entry can come back.
      expect(
        result.hits.map((h) => h.title),
        query,
      ).toEqual(result.total === 0 ? [] : ["Near miss reporting"]);
      expect(result.total, query).toBe(result.hits.length);
    }
    expect(await titles({ query: "1 = 1 union select * from app_user" })).toEqual([]);
    expect(await titles({ query: "near" })).toEqual(["Near miss reporting"]);
    expect(await titles({ query: "NEAR(" })).toEqual(["Near miss reporting"]);
    expect(await titles({ query: '"near miss"' })).toEqual(["Near miss reporting"]);
    const { rows } = await sql<{ n: number }>`select count(*) as n from learning_entry`.execute(t.db);
    expect(Number(rows[0].n)).toBe(1);
  });

  it("lists the newest shared entries first when the query is empty or only punctuation and common words", async () => {
    const first = await record(t.db, actors.requester, e.e1, { title: "First" });
    const second = await record(t.db, actors.pioneer, e.e1, { title: "Second" });
    const third = await record(t.db, actors.salford, e.e2, { title: "Third" });
    await backdate(t.db, first, "2027-01-05T09:00:00.000Z");
    await backdate(t.db, second, "2027-03-05T09:00:00.000Z");
    await backdate(t.db, third, "2027-02-05T09:00:00.000Z");
    expect(await titles({ query: "" })).toEqual(["Second", "Third", "First"]);
    expect(await titles({ query: "  -- !! " })).toEqual(["Second", "Third", "First"]);
    expect(await titles({ query: "the and of" })).toEqual(["Second", "Third", "First"]);
  });

  it("re-indexes an entry when it is edited, and drops it when it becomes private", async () => {
    const id = await record(t.db, actors.requester, e.e1, {
      title: "Gemba walks",
      insight: "Leaders walked the floor weekly.",
    });
    expect(await titles({ query: "gemba" })).toEqual(["Gemba walks"]);
    await updateLearning(t.db, {
      actor: actors.requesterMember,
      entryId: id,
      fields: {
        ...entryFields(),
        title: "Safety huddles",
        insight: "Leaders joined the morning safety huddle.",
        capabilityIds: ["c3"],
        links: [{ title: "Huddle board template", url: "https://example.org/board" }],
      },
    });
    expect(await titles({ query: "gemba" })).toEqual([]);
    expect(await titles({ query: "safety" })).toEqual(["Safety huddles"]);
    // Link titles and capability names are part of what is searched.
    expect(await titles({ query: "template" })).toEqual(["Safety huddles"]);
    expect(await titles({ query: "culture" })).toEqual(["Safety huddles"]);
    expect(await titles({ query: "measurement" })).toEqual([]);

    await updateLearning(t.db, {
      actor: actors.requester,
      entryId: id,
      fields: { ...entryFields(), title: "Safety huddles", visibility: "private" },
    });
    expect(await titles({ query: "safety" })).toEqual([]);
    expect(await indexedRows(t.db)).toBe(0);
    await updateLearning(t.db, {
      actor: actors.requester,
      entryId: id,
      fields: { ...entryFields(), title: "Safety huddles", visibility: "shared" },
    });
    expect(await titles({ query: "safety" })).toEqual(["Safety huddles"]);
    expect(await indexedRows(t.db)).toBe(1);

    await learningSearch(t.db).removeEntry(t.db, id);
    expect(await titles({ query: "safety" })).toEqual([]);
  });

  it("pages through results without overlap and stops counting at the cap", async () => {
    const total = COUNT_CAP + 5;
    await t.db.transaction().execute(async (trx) => {
      const ids = Array.from({ length: total }, () => newId());
      const rows = ids.map((id, i) => ({
        id,
        engagement_id: e.e1,
        organisation_id: "RF4",
        author_id: "req",
        title: `Bulk entry ${i}`,
        insight: `Repeated lesson about flow number ${i}.`,
        visibility: "shared" as const,
        created_at: new Date(Date.UTC(2027, 0, 1) + i * 60_000).toISOString(),
        updated_at: "2027-01-01T00:00:00.000Z",
      }));
      for (let i = 0; i < rows.length; i += 200)
        await trx
          .insertInto("learning_entry")
          .values(rows.slice(i, i + 200))
          .execute();
      for (let i = 0; i < ids.length; i += 200)
        await trx
          .insertInto("learning_capability")
          .values(ids.slice(i, i + 200).map((entry_id) => ({ entry_id, capability_id: "c1" })))
          .execute();
      for (const id of ids.slice(0, 15))
        await trx.insertInto("learning_capability").values({ entry_id: id, capability_id: "c2" }).execute();
      for (const id of ids) await learningSearch(trx).indexEntry(trx, id);
    });
    for (const query of ["flow", ""]) {
      const page1 = await search({ query, page: 1, pageSize: 20 });
      const page2 = await search({ query, page: 2, pageSize: 20 });
      expect(page1).toMatchObject({ total: COUNT_CAP, moreThanTotal: true });
      expect(page1.hits).toHaveLength(20);
      expect(page2.hits).toHaveLength(20);
      expect(new Set([...page1.hits, ...page2.hits].map((h) => h.id)).size).toBe(40);
    }
    // Filters are checked entry by entry, so filtered searches stop counting sooner.
    for (const query of ["flow", ""]) {
      expect(await search({ query, capabilityIds: ["c1"] })).toMatchObject({
        total: FILTERED_COUNT_CAP,
        moreThanTotal: true,
      });
    }
    // Below the cap the count is exact, and the last page holds the rest.
    const filtered = await search({ query: "flow", capabilityIds: ["c2"], page: 2, pageSize: 10 });
    expect(filtered).toMatchObject({ total: 15, moreThanTotal: false });
    expect(filtered.hits).toHaveLength(5);
    expect((await search({ query: "", capabilityIds: ["c2"], page: 1, pageSize: 10 })).total).toBe(15);
    expect((await search({ query: "number 7" })).total).toBeGreaterThan(0);
  });
});
