import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/**
 * The folder of seed data files. Found by walking up to the project root rather than relative to
 * this module, because the compiled commands in dist/ bundle this module into one file elsewhere.
 */
function findDataDir(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "db", "seed", "data");
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error("The seed data folder db/seed/data was not found");
  }
}

export const SEED_DATA = pathToFileURL(findDataDir() + path.sep);
