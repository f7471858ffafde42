import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

// A second reference: the bare Remix app with one trivial route module for every route file the
// app has, same names, so same paths. Remix matches and ranks every route on each request, so this
// shows how much of the gap to the one-route reference is the size of the route tree alone.

const PAGE_MODULE = `import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";

export const loader = () => json({ value: 1 });

export default function Page() {
  const { value } = useLoaderData<typeof loader>();
  return <p>{value}</p>;
}
`;

export interface RouteTreeReference {
  folder: string;
  routes: number;
}

/** Generates (under data/bench, never committed) and builds it when the app's route files change. */
export function ensureRouteTreeReference(
  root: string,
  force: boolean,
  log: (line: string) => void,
): RouteTreeReference {
  const bare = path.join(root, "bench/bare-remix");
  const folder = path.join(root, "data/bench/bare-remix-routes");
  const routeFiles = fs
    .readdirSync(path.join(root, "app/routes"))
    .filter((name) => /\.(tsx?|jsx?)$/.test(name) && !name.includes(".test."))
    .sort();
  const stamp = path.join(folder, "routes.txt");
  const list = routeFiles.join("\n");
  const built = fs.existsSync(path.join(folder, "build/index.js"));
  if (!force && built && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === list)
    return { folder, routes: routeFiles.length };

  log(`Building the bare Remix reference with the app's ${routeFiles.length} route files…`);
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(path.join(folder, "app/routes"), { recursive: true });
  for (const file of ["package.json", "remix.config.js", "server.mjs", "app/root.tsx"])
    fs.copyFileSync(path.join(bare, file), path.join(folder, file));
  for (const name of routeFiles) {
    const module = name.replace(/\.(tsx?|jsx?)$/, ".tsx");
    const text =
      module === "_index.tsx" ? fs.readFileSync(path.join(bare, "app/routes/_index.tsx"), "utf8") : PAGE_MODULE;
    fs.writeFileSync(path.join(folder, "app/routes", module), text);
  }
  const result = spawnSync("npx", ["remix", "build", path.relative(root, folder)], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (result.status !== 0) throw new Error(`remix build of the route-tree reference failed (${result.status})`);
  fs.writeFileSync(stamp, list);
  return { folder, routes: routeFiles.length };
}
