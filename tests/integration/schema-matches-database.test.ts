import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tableColumns } from "../../db/schema";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";

/** Tables kept outside the typed schema: the migrator's own and the engine-specific search index. */
const untyped = (table: string) =>
  table.startsWith("kysely_") || table.startsWith("learning_search") || table.startsWith("sqlite_");

async function migratedColumns(t: TestDatabase): Promise<Map<string, Set<string>>> {
  const rows =
    t.engine === "sqlite"
      ? (
          await sql<{ table_name: string; column_name: string }>`
            select m.name as table_name, c.name as column_name
            from sqlite_master m join pragma_table_info(m.name) c
            where m.type = 'table'`.execute(t.db)
        ).rows
      : (
          await sql<{ table_name: string; column_name: string }>`
            select c.table_name, c.column_name
            from information_schema.columns c
            join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name
            where c.table_schema = current_schema() and tb.table_type = 'BASE TABLE'`.execute(t.db)
        ).rows;
  const tables = new Map<string, Set<string>>();
  for (const { table_name, column_name } of rows) {
    if (untyped(table_name)) continue;
    if (!tables.has(table_name)) tables.set(table_name, new Set());
    tables.get(table_name)!.add(column_name);
  }
  return tables;
}

/** Every table.column present on one side and not the other, sorted, so a failure names it. */
function difference(from: Map<string, Set<string>>, to: Map<string, Set<string>>): string[] {
  const missing: string[] = [];
  for (const [table, columns] of from) {
    const other = to.get(table);
    if (!other) missing.push(`${table} (whole table)`);
    else for (const column of columns) if (!other.has(column)) missing.push(`${table}.${column}`);
  }
  return missing.sort();
}

describe.each(testEngines())("db/schema.ts against the migrated database on %s", (engine) => {
  let t: TestDatabase;
  let database: Map<string, Set<string>>;
  const typed = new Map(Object.entries(tableColumns).map(([table, columns]) => [table, new Set<string>(columns)]));
  beforeAll(async () => {
    t = await freshDatabase(engine);
    database = await migratedColumns(t);
  }, 60_000);
  afterAll(async () => t?.dispose());

  it("has a typed column for every column the migrations create", () => {
    expect(database.size).toBeGreaterThan(40);
    expect(difference(database, typed)).toEqual([]);
  });

  it("has a migrated column for every typed column", () => {
    expect(difference(typed, database)).toEqual([]);
  });
});
