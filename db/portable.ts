import { sql, type Expression, type RawBuilder } from "kysely";

/** Escapes LIKE wildcards so user text matches literally. */
export const likePattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Case-insensitive "contains", written the same way for SQLite and PostgreSQL. */
export function containsText(column: Expression<string> | RawBuilder<string>, text: string) {
  return sql<boolean>`lower(${column}) like ${likePattern(text)} escape '\\'`;
}
