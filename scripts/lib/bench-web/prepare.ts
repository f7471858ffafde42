import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

// What the benchmark needs before any load: production builds (the app's and the bare reference's) and a scaled database.

function run(root: string, command: string, args: string[], what: string) {
  const result = spawnSync(command, args, { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
  if (result.status !== 0) throw new Error(`${what} failed with exit code ${result.status}`);
}

/** Builds the app and its compiled server when either is missing, or when asked. */
export function ensureBuild(root: string, force: boolean, log: (line: string) => void): void {
  if (force || !fs.existsSync(path.join(root, "build/index.js")) || !fs.existsSync(path.join(root, "dist/serve.js"))) {
    log("Building the app (npm run build)…");
    run(root, "npm", ["run", "build"], "npm run build");
  }
  // The reference is built by the project's own `remix build`, pointed at its folder.
  if (force || !fs.existsSync(path.join(root, "bench/bare-remix/build/index.js"))) {
    log("Building the bare Remix reference (remix build bench/bare-remix)…");
    run(root, "npx", ["remix", "build", "bench/bare-remix"], "remix build bench/bare-remix");
  }
}

export interface ScaleSize {
  orgs: number;
  requests: number;
  learning: number;
}

export type Engine = "sqlite" | "postgres";

const sizeName = (size: ScaleSize) => `scale-${size.orgs}-${size.requests}-${size.learning}`;

export const scaledDatabasePath = (root: string, size: ScaleSize) =>
  path.join(root, "data/bench", `${sizeName(size)}.db`);

const removeSqlite = (file: string) => {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
};

function seed(root: string, size: ScaleSize, databaseUrl: string) {
  const result = spawnSync(
    process.execPath,
    [
      "--enable-source-maps",
      path.join(root, "dist/seed-scale.js"),
      "--orgs",
      String(size.orgs),
      "--requests",
      String(size.requests),
      "--learning",
      String(size.learning),
      "--seed",
      "2026",
    ],
    { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ["ignore", "inherit", "inherit"] },
  );
  if (result.status !== 0) throw new Error(`Seeding the benchmark database failed with exit code ${result.status}`);
}

/**
 * Where PostgreSQL benchmark databases live: DATABASE_URL's server when it is PostgreSQL, else the
 * local one .ci/start-postgres.sh starts.
 */
export const postgresServerUrl = () =>
  /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "")
    ? process.env.DATABASE_URL!
    : "postgres://peerlink:peerlink@127.0.0.1:55432/postgres";

const withDatabase = (serverUrl: string, name: string) => {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

/**
 * The cached scaled database for this size and engine (a fixed seed, so every machine benchmarks
 * the same data), seeded when missing or when `fresh`. Seeding writes to a side database renamed
 * into place at the end, so an interrupted seed is never mistaken for a finished one.
 */
export async function ensureScaledDatabase(
  root: string,
  engine: Engine,
  size: ScaleSize,
  fresh: boolean,
  log: (line: string) => void,
): Promise<{ url: string; name: string; seeded: boolean; seconds: number }> {
  const started = performance.now();
  if (engine === "sqlite") {
    const file = scaledDatabasePath(root, size);
    const name = path.relative(root, file);
    if (fresh) removeSqlite(file);
    if (fs.existsSync(file)) return { url: `file:${file}`, name, seeded: false, seconds: 0 };
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const partial = `${file}.partial`;
    removeSqlite(partial);
    log(`Seeding ${name} (this takes several minutes at full size)…`);
    try {
      seed(root, size, `file:${partial}`);
    } catch (error) {
      removeSqlite(partial);
      throw error;
    }
    // A cleanly closed database has no -wal left; should one remain, it moves with the file it belongs to.
    for (const suffix of ["-wal", "-shm", ""])
      if (fs.existsSync(`${partial}${suffix}`)) fs.renameSync(`${partial}${suffix}`, `${file}${suffix}`);
    return { url: `file:${file}`, name, seeded: true, seconds: (performance.now() - started) / 1000 };
  }

  const serverUrl = postgresServerUrl();
  const name = `peerlink_bench_${sizeName(size).replace(/-/g, "_")}`;
  const partial = `${name}_partial`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const exists = async (db: string) =>
      (await admin.query("select 1 from pg_database where datname = $1", [db])).rowCount === 1;
    if (fresh) await admin.query(`drop database if exists ${name} with (force)`);
    if (await exists(name))
      return { url: withDatabase(serverUrl, name), name: `${name} (PostgreSQL)`, seeded: false, seconds: 0 };
    await admin.query(`drop database if exists ${partial} with (force)`);
    await admin.query(`create database ${partial}`);
    log(`Seeding PostgreSQL database ${name} (this takes several minutes at full size)…`);
    try {
      seed(root, size, withDatabase(serverUrl, partial));
    } catch (error) {
      await admin.query(`drop database if exists ${partial} with (force)`);
      throw error;
    }
    await admin.query(`alter database ${partial} rename to ${name}`);
    return {
      url: withDatabase(serverUrl, name),
      name: `${name} (PostgreSQL)`,
      seeded: true,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await admin.end();
  }
}
