import { sql, type Expression, type RawBuilder } from "kysely";

/** Escapes LIKE wildcards so user text matches literally. */
export const likePattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Case-insensitive "contains", written the same way for SQLite and PostgreSQL. */
export function containsText(column: Expression<string> | RawBuilder<string>, text: string) {
  return sql<boolean>`lower(${column}) like ${likePattern(text)} escape '\\'`;
}

/**
 * "The organisation is within this coordinator scope", as SQL on a joined organisation table
 * (`organisation` unless aliased): national covers all, a region or board its own code, and a
 * scope without a code nothing.
 */
export function organisationInScope(
  scope: { kind: "national" | "region" | "icb"; code: string | null },
  table = "organisation",
) {
  if (scope.kind === "national") return sql<boolean>`1 = 1`;
  if (!scope.code) return sql<boolean>`1 = 0`;
  return sql<boolean>`${sql.ref(`${table}.${scope.kind === "region" ? "region_code" : "icb_code"}`)} = ${scope.code}`;
}

/** A write refused by a unique index: SQLite's constraint code or PostgreSQL's SQLSTATE 23505. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "23505";
}
