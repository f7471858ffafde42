import SQLite from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { withStatementCache } from "../../db/statement-cache";

describe("withStatementCache", () => {
  it("reuses the prepared statement for the same SQL and still answers correctly", () => {
    const sqlite = new SQLite(":memory:");
    const db = withStatementCache(sqlite);
    db.prepare("create table t (n integer)").run([]);
    const insert = db.prepare("insert into t (n) values (?)");
    insert.run([1]);
    expect(db.prepare("insert into t (n) values (?)")).toBe(insert);
    db.prepare("insert into t (n) values (?)").run([2]);
    expect(db.prepare("select n from t order by n").all([])).toEqual([{ n: 1 }, { n: 2 }]);
    db.close();
  });

  it("keeps at most its capacity, dropping the least recently used", () => {
    const sqlite = new SQLite(":memory:");
    const db = withStatementCache(sqlite, 2);
    const one = db.prepare("select 1");
    const two = db.prepare("select 2");
    expect(db.prepare("select 1")).toBe(one); // now the most recent
    db.prepare("select 3"); // pushes out "select 2"
    expect(db.prepare("select 1")).toBe(one);
    expect(db.prepare("select 2")).not.toBe(two);
    db.close();
  });

  it("survives a schema change between uses", () => {
    const sqlite = new SQLite(":memory:");
    const db = withStatementCache(sqlite);
    db.prepare("create table t (n integer)").run([]);
    db.prepare("insert into t (n) values (?)").run([1]);
    expect(db.prepare("select * from t").all([])).toEqual([{ n: 1 }]);
    db.prepare("alter table t add column m integer").run([]);
    expect(db.prepare("select * from t").all([])).toEqual([{ n: 1, m: null }]);
    db.close();
  });
});
