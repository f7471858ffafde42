import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

// What the benchmark needs before any load: a production build and a scaled database.

/** Builds the app when there is no build yet, or when asked. Returns whether it built. */
export function ensureBuild(root: string, force: boolean, log: (line: string) => void): boolean {
  if (!force && fs.existsSync(path.join(root, "build/index.js"))) return false;
  log("Building the app (remix build)…");
  const run = spawnSync("npx", ["remix", "build"], { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
  if (run.status !== 0) throw new Error(`remix build failed with exit code ${run.status}`);
  return true;
}

export interface ScaleSize {
  orgs: number;
  requests: number;
  learning: number;
}

export const scaledDatabasePath = (root: string, size: ScaleSize) => path.join(root, "data/bench", `scale-${size.orgs}-${size.requests}-${size.learning}.db`);

const removeDatabase = (file: string) => {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
};

/**
 * The cached scaled database for this size, seeded (with a fixed seed, so every machine
 * benchmarks the same data) when missing or when `fresh`. Seeding writes to a side file renamed
 * into place at the end, so an interrupted seed is never mistaken for a finished one.
 */
export function ensureScaledDatabase(root: string, size: ScaleSize, fresh: boolean, log: (line: string) => void): { file: string; seeded: boolean; seconds: number } {
  const file = scaledDatabasePath(root, size);
  if (fresh) removeDatabase(file);
  if (fs.existsSync(file)) return { file, seeded: false, seconds: 0 };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  removeDatabase(partial);
  log(`Seeding ${path.relative(root, file)} (this takes a few minutes at full size)…`);
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    ["--import", "tsx", path.join(root, "scripts/seed-scale.ts"), "--orgs", String(size.orgs), "--requests", String(size.requests), "--learning", String(size.learning), "--seed", "2026"],
    { cwd: root, env: { ...process.env, DATABASE_URL: `file:${partial}` }, stdio: ["ignore", "inherit", "inherit"] },
  );
  if (run.status !== 0) {
    removeDatabase(partial);
    throw new Error(`Seeding the benchmark database failed with exit code ${run.status}`);
  }
  // A cleanly closed database has no -wal left; should one remain, it moves with the file it belongs to.
  for (const suffix of ["-wal", "-shm", ""]) if (fs.existsSync(`${partial}${suffix}`)) fs.renameSync(`${partial}${suffix}`, `${file}${suffix}`);
  return { file, seeded: true, seconds: (performance.now() - started) / 1000 };
}
