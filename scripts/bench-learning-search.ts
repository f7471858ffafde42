/**
 * How fast the learning library answers on SQLite, with a library of a given size.
 *
 *   npx tsx scripts/bench-learning-search.ts                      # 200,000 generated entries in a temporary database
 *   npx tsx scripts/bench-learning-search.ts --file data/bench/scale-5000-50000-200000.db   # an existing (seeded) database
 *   npx tsx scripts/bench-learning-search.ts --file /tmp/library.db --entries 50000   # build once at that path, reuse later
 *   npx tsx scripts/bench-learning-search.ts --runs 400 --plans   # more searches; also print every statement's query plan
 *
 * Without an existing file, a library is generated with a fixed seed: 250 trusts in 7 regions,
 * 5 entries per engagement on average, 7 offer formats, 30 capabilities (1 to 3 per entry), 90 %
 * shared, three years of dates, titles of 4 to 8 words and insights of 40 to 120 words drawn with
 * Zipf frequencies from a small vocabulary of improvement words, so common words match most of the
 * library. Index rows are written the way indexEntry writes them.
 *
 * Searches are timed through learningSearch(db).search, the call the /learning page makes, page 1
 * of 20: the web benchmark's two-word searches, single words and pairs of words drawn as often as
 * the library's newest 3,000 entries use them, unfinished words, each alone and with a filter, and
 * filter-only listings. Times are wall-clock in this process, so a busy machine inflates them.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { Kysely, SqliteDialect, sql } from "kysely";
import { connect, openSqlite } from "../db/connect";
import type { Database } from "../db/schema";
import { migrateToLatest } from "../db/migrate";
import { learningSearch, type LearningSearchParams } from "../app/models/learning/search/index.server";
import { queryWords } from "../app/domain/learning-search/fts-query";

const { values: args } = parseArgs({
  options: {
    entries: { type: "string", default: "200000" },
    runs: { type: "string", default: "300" },
    file: { type: "string" },
    plans: { type: "boolean", default: false },
  },
});
const ENTRIES = Number(args.entries);
const RUNS = Number(args.runs);
const log = (line: string) => process.stdout.write(`${line}\n`);

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(20261129);
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];

const VOCABULARY = (
  "ward team board patients staff flow discharge huddle huddles measure measures data chart charts run spc pdsa cycle cycles test tests change " +
  "changes improvement improve improved quality safety harm falls pressure ulcers sepsis theatre theatres outpatients clinic clinics waiting list lists " +
  "demand capacity bed beds occupancy length stay stays delay delays weekend rota nurse nurses matron consultant consultants doctors therapists " +
  "pharmacy medicines discharge lounge transport handover handovers morning evening daily weekly monthly meeting meetings agenda visit visits " +
  "visited visiting shadowing mentoring coaching training workshop session sessions leaders leadership culture engagement governance risk risks " +
  "performance report reports dashboard dashboards template templates process mapping map maps value stream waste lean kaizen gemba walk walks " +
  "standard work kanban visual management system systems strategy vision purpose people listening feedback survey surveys family families carers " +
  "community mental health ambulance emergency department admissions admission frailty elderly children maternity midwives births screening " +
  "results baseline target targets goal goals aim aims driver diagram diagrams root cause fishbone whys stakeholder analysis charter project " +
  "projects sustain sustainability spread scale pilot pilots trial lessons learned learning share shared sharing network peer peers trust trusts " +
  "pioneer partner partnership integrated care system region regional national executive director directors nonexecutive committee assurance " +
  "audit audits incident incidents reporting near miss misses psirf review reviews investigation thematic themes patient experience complaints " +
  "infection control hand hygiene cleaning estates digital electronic record records referral referrals triage pathway pathways stroke cardiac " +
  "cancer diagnostics imaging radiology pathology laboratory turnaround times time minutes hours days week weeks months year"
).split(" ");

/** Zipf weights: the n-th word is drawn in proportion to 1/n. */
const cumulative = (() => {
  let total = 0;
  const sums = VOCABULARY.map((_, i) => (total += 1 / (i + 1)));
  return sums.map((s) => s / total);
})();
function word(): string {
  const r = random();
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] < r) lo = mid + 1;
    else hi = mid;
  }
  return VOCABULARY[lo];
}
const words = (min: number, max: number) => Array.from({ length: int(min, max) }, word).join(" ");

const REGIONS = ["Y56", "Y58", "Y59", "Y60", "Y61", "Y62", "Y63"];
const FORMATS = ["site_visit", "board_to_board", "shadowing", "mentoring", "training", "consultancy", "virtual"];
const CAPABILITIES = Array.from({ length: 30 }, (_, i) => ({
  id: `cap-${i}`,
  name: `${pick(VOCABULARY)} ${pick(VOCABULARY)} ${i}`,
}));

async function build(file: string) {
  const connection = connect(`file:${file}`);
  await migrateToLatest(connection.db);
  const raw = connection.sqlite!;
  raw.pragma("synchronous = OFF");
  const now = "2026-11-29T00:00:00.000Z";
  const insert = (table: string, row: Record<string, unknown>) =>
    raw
      .prepare(
        `insert into ${table} (${Object.keys(row).join(",")}) values (${Object.keys(row)
          .map(() => "?")
          .join(",")})`,
      )
      .run(...Object.values(row));
  raw.transaction(() => {
    REGIONS.forEach((code, i) => insert("region", { code, ons_code: `E4000000${i}`, name: `Region ${code}` }));
    FORMATS.forEach((code, i) =>
      insert("offer_format", {
        code,
        name: code.replace(/_/g, " "),
        description: "",
        position: i,
        is_virtual: code === "virtual" ? 1 : 0,
      }),
    );
    insert("capability_domain", { id: "dom", name: "Improvement", description: "", position: 0 });
    CAPABILITIES.forEach((c, i) =>
      insert("capability", {
        id: c.id,
        code: `C${i}`,
        name: c.name,
        description: "",
        domain_id: "dom",
        position: i,
        created_at: now,
      }),
    );
    for (let i = 0; i < 250; i++) {
      insert("organisation", {
        id: `org-${i}`,
        ods_code: `O${i}`,
        name: `Trust ${i}`,
        type: "acute",
        is_foundation_trust: 0,
        region_code: REGIONS[i % 7],
        icb_code: null,
        address: "",
        postcode: "",
        active: 1,
        seeks_help: 1,
        offers_outreach: i % 3 === 0 ? 1 : 0,
        created_at: now,
        updated_at: now,
      });
      insert("app_user", {
        id: `user-${i}`,
        email: `u${i}@example.org`,
        name: `Person ${i}`,
        password_hash: "x",
        role: "member",
        organisation_id: `org-${i}`,
        created_at: now,
      });
    }
    for (let i = 0; i < 1000; i++) {
      insert("offer", {
        id: `offer-${i}`,
        organisation_id: `org-${(i % 84) * 3}`,
        title: "Offer",
        description: "",
        format_code: FORMATS[i % 7],
        capacity_per_quarter: 5,
        cost_model: "free",
        virtual_ok: 1,
        contact_name: "",
        contact_email: "c@example.org",
        status: "published",
        created_by: `user-${(i % 84) * 3}`,
        created_at: now,
        updated_at: now,
      });
    }
  })();

  const engagements = Math.max(1, Math.round(ENTRIES / 5));
  const entry = raw.prepare("insert into learning_entry values (?,?,?,?,?,?,?,?,?)");
  const capability = raw.prepare("insert into learning_capability values (?,?)");
  const key = raw.prepare("insert into learning_search_key (id, entry_id) values (?,?)");
  const fts = raw.prepare("insert into learning_search (rowid, title, body) values (?,?,?)");
  const start = Date.now();
  raw.transaction(() => {
    for (let g = 0; g < engagements; g++) {
      const offer = g % 1000;
      const pioneer = (offer % 84) * 3;
      const requester = (pioneer + 1 + int(0, 247)) % 250;
      insert("help_request", {
        id: `req-${g}`,
        organisation_id: `org-${requester}`,
        title: "Request",
        outcome: "",
        window_start: "2026-01-01",
        window_end: "2026-12-31",
        virtual_ok: 1,
        travel_limit: "anywhere",
        budget: "free",
        priority: "medium",
        status: "matched",
        created_by: `user-${requester}`,
        created_at: now,
        updated_at: now,
      });
      insert("outreach_match", {
        id: `match-${g}`,
        request_id: `req-${g}`,
        offer_id: `offer-${offer}`,
        quarter: "2026-Q1",
        status: "accepted",
        approved_by: "user-0",
        approved_at: now,
      });
      insert("engagement", {
        id: `eng-${g}`,
        match_id: `match-${g}`,
        request_id: `req-${g}`,
        offer_id: `offer-${offer}`,
        requester_organisation_id: `org-${requester}`,
        pioneer_organisation_id: `org-${pioneer}`,
        status: "active",
        opened_at: now,
      });
    }
    for (let i = 0; i < ENTRIES; i++) {
      const g = int(0, engagements - 1);
      const id = `entry-${i}`;
      const createdAt = new Date(Date.UTC(2024, 0, 1) + random() * 3 * 365 * 86_400_000).toISOString();
      const title = words(4, 8);
      const insight = `${words(40, 120)}.`;
      const shared = random() < 0.9;
      entry.run(id, `eng-${g}`, "org-0", "user-0", title, insight, shared ? "shared" : "private", createdAt, createdAt);
      const tagged = [...new Set(Array.from({ length: int(1, 3) }, () => pick(CAPABILITIES)))];
      for (const c of tagged) capability.run(id, c.id);
      const extras = [
        ...Array.from({ length: int(0, 2) }, () => words(2, 5)),
        ...Array.from({ length: int(0, 3) }, () => words(4, 10)),
      ];
      if (shared) {
        key.run(i + 1, id);
        fts.run(i + 1, title, [insight, ...extras, ...tagged.map((c) => c.name)].join("\n"));
      }
      if (i % 20_000 === 19_999) log(`  ${i + 1} entries (${Math.round((Date.now() - start) / 1000)} s)`);
    }
  })();
  raw.exec("analyze");
  raw.pragma("synchronous = FULL");
  await connection.close();
}

interface Case {
  kind: string;
  params: Omit<LearningSearchParams, "page" | "pageSize">;
}

/** What searches are drawn from: words as often as the library uses them, and the filter values it holds. */
interface Material {
  words: string[];
  capabilityIds: string[];
  formatCodes: string[];
  regionCodes: string[];
}

async function material(db: Kysely<Database>): Promise<Material> {
  const sample = await db
    .selectFrom("learning_entry")
    .select(["title", "insight"])
    .where("visibility", "=", "shared")
    .orderBy("created_at", "desc")
    .limit(3000)
    .execute();
  const words = sample.flatMap((e) =>
    queryWords(`${e.title} ${e.insight}`).filter((w) => w.length >= 4 && !/\d/.test(w)),
  );
  const [capabilities, formats, regions] = await Promise.all([
    db.selectFrom("capability").select("id").execute(),
    db.selectFrom("offer_format").select("code").execute(),
    db.selectFrom("region").select("code").execute(),
  ]);
  return {
    words,
    capabilityIds: capabilities.map((c) => c.id),
    formatCodes: formats.map((f) => f.code),
    regionCodes: regions.map((r) => r.code),
  };
}

/** The two-word searches the web benchmark loads /learning with. */
const WEB_QUERIES = [
  "discharge huddles",
  "sepsis screening",
  "run charts",
  "pressure ulcers",
  "falls huddles",
  "pareto analysis",
];

function queryCases(m: Material, count: number): Case[] {
  const cases: Case[] = [];
  const word = () => pick(m.words);
  const filters = (): Case["params"] => {
    const roll = random();
    if (roll < 0.25) return { query: "", capabilityIds: [pick(m.capabilityIds)] };
    if (roll < 0.5) return { query: "", formatCodes: [pick(m.formatCodes)] };
    if (roll < 0.75) return { query: "", regionCode: pick(m.regionCodes) };
    const from = `202${int(4, 6)}-0${int(1, 9)}-01`;
    return { query: "", from, to: `${from.slice(0, 4)}-12-31` };
  };
  for (let i = 0; i < count; i++) {
    const roll = random();
    if (roll < 0.2) cases.push({ kind: "web bench query", params: { query: pick(WEB_QUERIES) } });
    else if (roll < 0.4) cases.push({ kind: "one word", params: { query: word() } });
    else if (roll < 0.55) cases.push({ kind: "two words", params: { query: `${word()} ${word()}` } });
    else if (roll < 0.62) {
      const w = word();
      cases.push({ kind: "unfinished word", params: { query: w.slice(0, Math.max(3, w.length - 2)) } });
    } else if (roll < 0.82)
      cases.push({
        kind: "words + filter",
        params: { ...filters(), query: random() < 0.5 ? word() : `${word()} ${word()}` },
      });
    else if (roll < 0.92) cases.push({ kind: "filter only", params: filters() });
    else if (roll < 0.95)
      cases.push({
        kind: "two filters",
        params: {
          query: random() < 0.5 ? "" : word(),
          capabilityIds: [pick(m.capabilityIds)],
          regionCode: pick(m.regionCodes),
        },
      });
    else cases.push({ kind: "empty", params: { query: "" } });
  }
  return cases;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (x: number) => x.toFixed(2).padStart(7);

async function measure(file: string) {
  const connection = connect(`file:${file}`);
  const db = connection.db;
  const search = learningSearch(db);
  const counted = await sql<{ n: number }>`select count(*) as n from learning_entry`.execute(db);
  log(`Library: ${counted.rows[0].n} entries. ${RUNS} searches, page 1 of 20, after 30 to warm the cache.`);
  const m = await material(db);
  for (const c of queryCases(m, 30)) await search.search(db, { ...c.params, page: 1, pageSize: 20 });
  const times = new Map<string, number[]>();
  const slowest: { ms: number; c: Case; total: number }[] = [];
  for (const c of queryCases(m, RUNS)) {
    const started = process.hrtime.bigint();
    const result = await search.search(db, { ...c.params, page: 1, pageSize: 20 });
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    times.set(c.kind, [...(times.get(c.kind) ?? []), elapsed]);
    times.set("all", [...(times.get("all") ?? []), elapsed]);
    slowest.push({ ms: elapsed, c, total: result.total });
  }
  log(
    `${"kind".padEnd(16)} ${"n".padStart(5)} ${"p50 ms".padStart(7)} ${"p95 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"max ms".padStart(7)}`,
  );
  for (const [kind, list] of times) {
    const sorted = [...list].sort((a, b) => a - b);
    log(
      `${kind.padEnd(16)} ${String(sorted.length).padStart(5)} ${ms(percentile(sorted, 50))} ${ms(percentile(sorted, 95))} ${ms(percentile(sorted, 99))} ${ms(sorted.at(-1)!)}`,
    );
  }
  log("Slowest searches:");
  for (const s of slowest.sort((a, b) => b.ms - a.ms).slice(0, 8))
    log(`  ${ms(s.ms)} ms  ${s.c.kind}: ${JSON.stringify(s.c.params)} (${s.total} found)`);
  await connection.close();
  if (args.plans) await plans(file);
}

/**
 * The plan of every statement a few typical searches run, captured from Kysely's log, so each
 * filter can be seen to use an index and nothing scans a table per page.
 */
async function plans(file: string) {
  const raw = openSqlite(file);
  const captured: { sql: string; parameters: readonly unknown[] }[] = [];
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: raw }),
    log: (event) => void captured.push(event.query),
  });
  const m = await material(db);
  const examples: [string, Case["params"]][] = [
    ["words", { query: "discharge huddles" }],
    [
      "words + every filter",
      {
        query: "discharge",
        capabilityIds: [m.capabilityIds[1]],
        formatCodes: [m.formatCodes[0]],
        regionCode: m.regionCodes[0],
        from: "2025-01-01",
        to: "2025-12-31",
      },
    ],
    ["no words", { query: "" }],
    ["no words, capability", { query: "", capabilityIds: [m.capabilityIds[1]] }],
    ["no words, format and region", { query: "", formatCodes: [m.formatCodes[0]], regionCode: m.regionCodes[0] }],
    ["no words, dates", { query: "", from: "2025-01-01", to: "2025-03-31" }],
  ];
  for (const [name, params] of examples) {
    captured.length = 0;
    await learningSearch(db).search(db, { ...params, page: 1, pageSize: 20 });
    log(`\n== ${name}: ${JSON.stringify(params)}`);
    for (const query of captured) {
      log(`-- ${query.sql.replace(/\s+/g, " ").slice(0, 160)}…`);
      const rows = raw.prepare(`explain query plan ${query.sql}`).all(...(query.parameters as unknown[])) as {
        detail: string;
      }[];
      for (const row of rows) log(`     ${row.detail}`);
    }
  }
  await db.destroy();
}

const keep = args.file;
const dir = keep ? null : fs.mkdtempSync(path.join(os.tmpdir(), "peerlink-bench-"));
const file = keep ?? path.join(dir!, "library.db");
try {
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) {
    log(`Building a library of ${ENTRIES} entries in ${file} …`);
    const started = Date.now();
    await build(file);
    log(`Built in ${Math.round((Date.now() - started) / 1000)} s.`);
  }
  await measure(file);
} finally {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
