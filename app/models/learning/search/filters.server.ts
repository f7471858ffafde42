import { sql, type RawBuilder, type SqlBool } from "kysely";
import { addDays } from "../../../lib/dates";
import { COUNT_CAP, FILTERED_COUNT_CAP, type LearningSearchParams } from "./types";

/**
 * The library's filters as SQL conditions, written once for both engines. Each is a check on one
 * entry through primary keys (its capabilities, its engagement), against small sets built once per
 * query (the organisations in a region, the offers of a format). So a search walks entries in the
 * order it wants, newest first or full-text matches, stops when it has enough, and never collects
 * and sorts everything a filter selects.
 *
 * Entries are `learning_entry e`. When the full-text index leads (SQLite), `byIndex` names the
 * entry id column of the index's key table and writes the entry's own columns as `+e.column`, so
 * SQLite cannot start from learning_entry's indexes instead.
 */
export function entryConditions(
  params: LearningSearchParams,
  { byIndex }: { byIndex?: { entryId: RawBuilder<unknown> } } = {},
): RawBuilder<SqlBool>[] {
  const column = (name: "visibility" | "created_at") => sql.raw(byIndex ? `+e.${name}` : `e.${name}`);
  const entryId = byIndex ? byIndex.entryId : sql.raw("e.id");
  // The full-text index holds shared entries only; pages are checked again when they are read.
  const conditions: RawBuilder<SqlBool>[] = byIndex ? [] : [sql<SqlBool>`${column("visibility")} = ${"shared"}`];
  // created_at is an ISO timestamp, so a date compares as the start of that day.
  if (params.from) conditions.push(sql<SqlBool>`${column("created_at")} >= ${params.from}`);
  if (params.to) conditions.push(sql<SqlBool>`${column("created_at")} < ${addDays(params.to, 1)}`);
  if (params.capabilityIds?.length) {
    conditions.push(
      sql<SqlBool>`exists (select 1 from learning_capability lc where lc.entry_id = ${entryId} and lc.capability_id in (${sql.join(params.capabilityIds)}))`,
    );
  }
  if (params.formatCodes?.length || params.regionCode) conditions.push(engagementCondition(params));
  return conditions;
}

function engagementCondition(params: LearningSearchParams): RawBuilder<SqlBool> {
  const checks: RawBuilder<SqlBool>[] = [sql<SqlBool>`g.id = e.engagement_id`];
  if (params.formatCodes?.length)
    checks.push(
      sql<SqlBool>`g.offer_id in (select o.id from offer o where o.format_code in (${sql.join(params.formatCodes)}))`,
    );
  if (params.regionCode) {
    const inRegion = sql`(select r.id from organisation r where r.region_code = ${params.regionCode})`;
    checks.push(sql<SqlBool>`(g.requester_organisation_id in ${inRegion} or g.pioneer_organisation_id in ${inRegion})`);
  }
  return sql<SqlBool>`exists (select 1 from engagement g where ${allOf(checks)})`;
}

/** True when the search narrows by anything beyond "shared". */
export const hasFilters = (params: LearningSearchParams) =>
  Boolean(params.from || params.to || params.capabilityIds?.length || params.formatCodes?.length || params.regionCode);

/** Whether the filters need the entry's own row (its date or engagement), not just its id. */
export const needsEntryRow = (params: LearningSearchParams) =>
  Boolean(params.from || params.to || params.formatCodes?.length || params.regionCode);

/**
 * How far to count. A filter is checked entry by entry, so counting a thousand filtered entries
 * could mean checking tens of thousands; filtered searches stop sooner.
 */
export const countCapOf = (params: LearningSearchParams) => (hasFilters(params) ? FILTERED_COUNT_CAP : COUNT_CAP);

export const allOf = (conditions: RawBuilder<SqlBool>[]) =>
  conditions.length ? sql<SqlBool>`${sql.join(conditions, sql` and `)}` : sql<SqlBool>`1 = 1`;
