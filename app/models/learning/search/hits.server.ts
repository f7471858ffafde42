import { sql, type RawBuilder } from "kysely";
import { allOf, countCapOf, entryConditions } from "./filters.server";
import { type Db, type LearningSearchHit, type LearningSearchParams, type LearningSearchResult } from "./types";
import { excerptLine } from "../../../domain/learning-search/excerpt";

// What both engines share: listing without a query, counting with a cap, and filling in one page of hits.

const EXCERPT_WORDS = 40;

/** The first words of the insight, for hits found without a query. */
export function openingWords(text: string, words = EXCERPT_WORDS): string {
  const all = text.trim().split(/\s+/);
  return all.length <= words ? all.join(" ") : `${all.slice(0, words).join(" ")} …`;
}

/** Counted up to one past the cap, so the answer is exact below it and "more than" above. */
export function cappedTotal(counted: number, cap: number): Pick<LearningSearchResult, "total" | "moreThanTotal"> {
  return counted > cap ? { total: cap, moreThanTotal: true } : { total: counted, moreThanTotal: false };
}

/** When the first page is not full, it holds every match and no count is needed. */
export const countIsKnown = (params: LearningSearchParams, rows: number) => params.page === 1 && rows < params.pageSize;

export const offsetOf = (params: LearningSearchParams) => (params.page - 1) * params.pageSize;

/** An empty query: shared entries, newest first, through the (visibility, created_at) index. */
export async function newestShared(db: Db, params: LearningSearchParams): Promise<LearningSearchResult> {
  const where = allOf(entryConditions(params));
  const cap = countCapOf(params);
  const rows = await db
    .selectFrom("learning_entry as e")
    .select("e.id")
    .where(where)
    .orderBy("e.created_at", "desc")
    .orderBy("e.id", "desc")
    .limit(params.pageSize)
    .offset(offsetOf(params))
    .execute();
  const counted = countIsKnown(params, rows.length)
    ? rows.length
    : await countCapped(db, sql`select 1 from learning_entry e where ${where}`, cap);
  const hits = await pageHits(
    db,
    rows.map((r) => ({ entryId: r.id })),
  );
  return { hits, ...cappedTotal(counted, cap) };
}

/** Counts the rows an inner select returns, stopping one past the cap. */
export async function countCapped(db: Db, inner: RawBuilder<unknown>, cap: number): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from (${inner} limit ${cap + 1}) capped`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

export interface RankedEntry {
  entryId: string;
  markedTitle?: string;
  excerpt?: string;
}

/**
 * The page's entries in the order given, with the two trusts, the format and the capabilities:
 * two queries for the whole page, however long it is. An entry that stopped being shared since
 * it was ranked is left out.
 */
export async function pageHits(db: Db, ranked: RankedEntry[]): Promise<LearningSearchHit[]> {
  if (ranked.length === 0) return [];
  const ids = ranked.map((r) => r.entryId);
  const [entries, capabilities] = await Promise.all([
    db
      .selectFrom("learning_entry as e")
      .innerJoin("engagement as g", "g.id", "e.engagement_id")
      .innerJoin("organisation as requester", "requester.id", "g.requester_organisation_id")
      .innerJoin("organisation as pioneer", "pioneer.id", "g.pioneer_organisation_id")
      .innerJoin("offer as o", "o.id", "g.offer_id")
      .innerJoin("offer_format as f", "f.code", "o.format_code")
      .select([
        "e.id",
        "e.title",
        "e.insight",
        "e.visibility",
        "e.created_at",
        "requester.name as requester_name",
        "pioneer.name as pioneer_name",
        "f.name as format_name",
      ])
      .where("e.id", "in", ids)
      .execute(),
    db
      .selectFrom("learning_capability as lc")
      .innerJoin("capability as c", "c.id", "lc.capability_id")
      .select(["lc.entry_id", "c.id", "c.name"])
      .where("lc.entry_id", "in", ids)
      .orderBy("c.position")
      .orderBy("c.name")
      .execute(),
  ]);
  // Checked here rather than in SQL, where it would tempt the planner to walk every shared entry.
  const byId = new Map(entries.filter((e) => e.visibility === "shared").map((e) => [e.id, e]));
  const capabilitiesOf = new Map<string, { id: string; name: string }[]>();
  for (const c of capabilities)
    capabilitiesOf.set(c.entry_id, [...(capabilitiesOf.get(c.entry_id) ?? []), { id: c.id, name: c.name }]);
  return ranked.flatMap((r) => {
    const e = byId.get(r.entryId);
    if (!e) return [];
    return [
      {
        id: e.id,
        title: e.title,
        markedTitle: r.markedTitle ?? e.title,
        excerpt: r.excerpt === undefined ? openingWords(e.insight) : excerptLine(r.excerpt),
        createdAt: e.created_at,
        requesterName: e.requester_name,
        pioneerName: e.pioneer_name,
        formatName: e.format_name,
        capabilities: capabilitiesOf.get(e.id) ?? [],
      },
    ];
  });
}
