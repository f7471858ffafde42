import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { learningSearch } from "~/models/learning/search/index.server";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";
import { actors, indexedRows, record, seedLearning } from "../support/learning-fixture";

const params = (query: string) => ({ query, page: 1, pageSize: 10 });

describe.each(testEngines())("indexing many learning entries at once on %s", (engine) => {
  let t: TestDatabase;
  let ids: { shared: string[]; private: string };
  beforeEach(async () => {
    t = await freshDatabase(engine);
    const { e1 } = await seedLearning(t.db);
    ids = {
      shared: [
        await record(t.db, actors.pioneer, e1, {
          title: "Kanban boards for theatre lists",
          links: [{ title: "Pareto worksheet", url: "https://example.org/p" }],
        }),
        await record(t.db, actors.requester, e1, {
          title: "Huddles on the stroke unit",
          actions: [{ description: "Trial kamishibai audits", owner: "Ward manager", dueOn: "2027-03-01" }],
        }),
      ],
      private: await record(t.db, actors.pioneer, e1, { title: "Kanban rota notes", visibility: "private" }),
    };
  });
  afterEach(async () => t.dispose());

  const answers = async () =>
    Promise.all(["kanban", "pareto", "kamishibai", "huddles"].map((q) => learningSearch(t.db).search(t.db, params(q))));

  it("writes the same index as entry by entry, and still leaves private entries out", async () => {
    const oneByOne = await answers();
    expect(oneByOne[0].hits.map((h) => h.title)).toEqual(["Kanban boards for theatre lists"]);
    expect(oneByOne[2].hits.map((h) => h.title)).toEqual(["Huddles on the stroke unit"]);
    await sql`delete from learning_search`.execute(t.db);
    expect(await indexedRows(t.db)).toBe(0);

    await t.db.transaction().execute((trx) => learningSearch(trx).indexEntries(trx, [...ids.shared, ids.private]));

    expect(await indexedRows(t.db)).toBe(2);
    expect(await answers()).toEqual(oneByOne);
  });

  it("takes an entry made private out of the index, as indexing it alone would", async () => {
    await t.db.updateTable("learning_entry").set({ visibility: "private" }).where("id", "=", ids.shared[0]).execute();
    await t.db.transaction().execute((trx) => learningSearch(trx).indexEntries(trx, ids.shared));
    expect(await indexedRows(t.db)).toBe(1);
    expect((await learningSearch(t.db).search(t.db, params("kanban"))).hits).toEqual([]);
  });
});
