import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { Actor } from "../../auth/policy";
import { dashboardScope, mayNarrowToRegion, type DashboardQuery } from "../../domain/dashboard";
import type { FieldErrors } from "../../lib/forms";
import { dashboardFiltersSchema, type DashboardFilters } from "../../schemas/dashboard";
import { cachedRegions } from "./cache.server";

export type DashboardRequest =
  | { ok: true; query: DashboardQuery; filters: DashboardFilters; regions: { code: string; name: string }[] | null }
  | {
      ok: false;
      errors: FieldErrors;
      values: { from: string; to: string; region: string };
      regions: { code: string; name: string }[] | null;
    };

/**
 * The dashboard a page or CSV link asks for: the actor's own scope, narrowed to a region only
 * for a national view, over the period in the query string. `regions` lists the choices for a
 * national view and is null for everyone else, whose region parameter is ignored.
 */
export async function readDashboardRequest(
  db: Kysely<Database>,
  actor: Actor,
  params: URLSearchParams,
  today: string,
): Promise<DashboardRequest> {
  const national = mayNarrowToRegion(actor);
  const regions = national ? await cachedRegions(db) : null;
  const values = {
    from: params.get("from") ?? "",
    to: params.get("to") ?? "",
    region: national ? (params.get("region") ?? "") : "",
  };
  const parsed = dashboardFiltersSchema(today).safeParse(values);
  const errors: FieldErrors = {};
  if (!parsed.success)
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  if (parsed.success && parsed.data.region && !regions?.some((r) => r.code === parsed.data.region))
    errors.region = "Select a region from the list";
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors, values, regions };
  const filters = parsed.data;
  return {
    ok: true,
    filters,
    regions,
    query: { scope: dashboardScope(actor, filters.region), from: filters.from, to: filters.to, today },
  };
}
