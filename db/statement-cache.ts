import type SQLite from "better-sqlite3";
import type { SqliteDatabase } from "kysely";

/**
 * Kysely prepares every query afresh, and preparing costs more than running most of this app's
 * small indexed queries. Pages repeat the same few hundred SQL strings, so keep their prepared
 * statements, least recently used first out. Safe because the driver runs each statement to
 * completion (all or run) before the next query; nothing here streams rows.
 */
export function withStatementCache(database: SQLite.Database, capacity = 500): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      const cached = statements.get(sql);
      if (cached) {
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > capacity) statements.delete(statements.keys().next().value as string);
      return statement;
    },
  };
}
