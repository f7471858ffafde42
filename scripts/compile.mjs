// Compiles the server and every command ahead of time into dist/, so production runs plain
// `node` with no TypeScript loader in the way (start-up of `solve` was mostly the loader).
import { build } from "esbuild";

const entryPoints = {
  serve: "server/serve.ts",
  migrate: "scripts/migrate.ts",
  backup: "scripts/backup.ts",
  "import-ods": "scripts/import-ods.ts",
  "seed-scale": "scripts/seed-scale.ts",
  solve: "scripts/solve.ts",
};

await build({
  entryPoints,
  outdir: "dist",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // Packages stay in node_modules: native addons (better-sqlite3, argon2) cannot be bundled.
  packages: "external",
  alias: { "~": "./app" },
  sourcemap: true,
  logLevel: "warning",
});
