import { spawn } from "node:child_process";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { updateLearning } from "~/models/learning/entries.server";
import { searchLibrary } from "~/models/learning/search/cache.server";
import { learningSearch } from "~/models/learning/search/index.server";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";
import { actors, entryFields, record, seedLearning } from "../support/learning-fixture";

const params = (query: string) => ({ query, page: 1, pageSize: 10 });

/** Makes the entry private from another process with its own connection, as a second app server would. */
function makePrivateElsewhere(databaseUrl: string, entryId: string, actor: object, title?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "tests/support/make-private-worker.ts"], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        ENTRY_ID: entryId,
        ACTOR: JSON.stringify(actor),
        ...(title ? { TITLE: title } : {}),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(output) : reject(new Error(`the other process failed (${code}):\n${output}`)),
    );
  });
}

describe.each(testEngines())("the learning library's kept searches on %s", (engine) => {
  let t: TestDatabase;
  let engagementId: string;
  beforeEach(async () => {
    t = await freshDatabase(engine);
    engagementId = (await seedLearning(t.db)).e1;
  });
  afterEach(async () => t.dispose());

  const titles = async (query: string) => (await searchLibrary(t.db, params(query))).hits.map((h) => h.title);

  it("answers a repeated search from what it kept, as the search itself would", async () => {
    await record(t.db, actors.pioneer, engagementId, { title: "Kanban boards for theatre lists" });
    const first = await searchLibrary(t.db, params("kanban"));
    expect(first.hits.map((h) => h.title)).toEqual(["Kanban boards for theatre lists"]);
    expect(await learningSearch(t.db).search(t.db, params("kanban"))).toEqual(first);
    // A write that bypasses the models is not seen until the kept answer expires: it was kept.
    await t.db.updateTable("learning_entry").set({ title: "Changed behind its back" }).execute();
    expect(await searchLibrary(t.db, params("kanban"))).toBe(first);
    expect((await learningSearch(t.db).search(t.db, params("kanban"))).hits[0].title).toBe("Changed behind its back");
  });

  it("forgets kept searches once an entry is recorded or edited through the models", async () => {
    const id = await record(t.db, actors.pioneer, engagementId, { title: "Kanban boards for theatre lists" });
    expect(await titles("kanban")).toHaveLength(1);
    await record(t.db, actors.requester, engagementId, { title: "Kanban for outpatient clinics" });
    expect(new Set(await titles("kanban"))).toEqual(
      new Set(["Kanban boards for theatre lists", "Kanban for outpatient clinics"]),
    );
    await updateLearning(t.db, {
      actor: actors.pioneer,
      entryId: id,
      fields: entryFields({ title: "Visual management for theatre lists", visibility: "shared" }),
    });
    expect(await titles("kanban")).toEqual(["Kanban for outpatient clinics"]);
    await updateLearning(t.db, {
      actor: actors.requester,
      entryId: (
        await t.db
          .selectFrom("learning_entry")
          .select("id")
          .where("title", "=", "Kanban for outpatient clinics")
          .executeTakeFirstOrThrow()
      ).id,
      fields: entryFields({ title: "Kanban for outpatient clinics", visibility: "private" }),
    });
    expect(await titles("kanban")).toEqual([]);
  });

  it("stops showing an entry at once when another process makes it private", async () => {
    const hidden = await record(t.db, actors.pioneer, engagementId, {
      title: "Kanban boards for theatre lists",
      insight: "Consultant rota pressures on theatre three",
    });
    await record(t.db, actors.requester, engagementId, { title: "Kanban for outpatient clinics" });
    const before = await searchLibrary(t.db, params("kanban"));
    expect(new Set(before.hits.map((h) => h.title))).toEqual(
      new Set(["Kanban boards for theatre lists", "Kanban for outpatient clinics"]),
    );
    expect(before.total).toBe(2);

    expect(await makePrivateElsewhere(t.url, hidden, actors.pioneer)).toContain("done");

    const after = await searchLibrary(t.db, params("kanban"));
    expect(after.hits.map((h) => h.title)).toEqual(["Kanban for outpatient clinics"]);
    expect(after.total).toBe(1);
    expect(JSON.stringify(after)).not.toContain("theatre");
  });

  it("finds an entry another process has just retitled, although the search was kept here", async () => {
    const id = await record(t.db, actors.pioneer, engagementId, { title: "Kanban boards for theatre lists" });
    expect(await titles("kamishibai")).toEqual([]);
    expect(await titles("kanban")).toEqual(["Kanban boards for theatre lists"]);

    expect(await makePrivateElsewhere(t.url, id, actors.pioneer, "Kamishibai audits before theatre lists")).toContain(
      "done",
    );

    // Both searches were kept here; the other process's change is seen on the very next search.
    expect(await titles("kamishibai")).toEqual(["Kamishibai audits before theatre lists"]);
    expect(await titles("kanban")).toEqual([]);
  });
});
