import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { freshDatabase } from "../../support/engines";

export interface RunningServer {
  baseUrl: string;
  databaseUrl: string;
  /** The server's own process; with several workers, their primary. */
  pid: number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

export type ExtraEnv = Record<string, string> | ((baseUrl: string) => Record<string, string>);

/**
 * The engine journeys run on: SQLite, or PostgreSQL when E2E_ENGINE=postgres (a fresh database on
 * TEST_DATABASE_URL's server per server started), so `npm test` can run every journey on both.
 */
export function e2eEngine(): "sqlite" | "postgres" {
  const engine = process.env.E2E_ENGINE ?? "sqlite";
  if (engine !== "sqlite" && engine !== "postgres")
    throw new Error(`E2E_ENGINE must be sqlite or postgres, not "${engine}"`);
  return engine;
}

/** Starts the compiled server (`dist/serve.js`) on the built app (npm test builds first) and waits for /healthz. */
export async function startServer(extra: ExtraEnv = {}): Promise<RunningServer> {
  if (!fs.existsSync("build/index.js") || !fs.existsSync("dist/serve.js"))
    throw new Error("No build found: run `npm run build` first (npm test does)");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "peerlink-e2e-"));
  const port = await freePort();
  // An empty database: the server migrates it and seeds the demo as on a first start.
  const database = e2eEngine() === "postgres" ? await freshDatabase("postgres", { migrate: false }) : null;
  const databaseUrl = database?.url ?? `file:${path.join(dir, "e2e.db")}`;
  const baseUrl = `http://127.0.0.1:${port}`;
  // Some settings (the service's own public address) depend on where it listens.
  const extraEnv = typeof extra === "function" ? extra(baseUrl) : extra;
  const child: ChildProcess = spawn(process.execPath, ["--enable-source-maps", "dist/serve.js"], {
    // One process unless a test asks for more: journeys test behaviour, and the machine is shared.
    env: {
      ...process.env,
      NODE_ENV: "test",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      WEB_CONCURRENCY: "1",
      PUBLIC_URL: baseUrl,
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) {
      await database?.dispose();
      throw new Error(`The server exited during start-up:\n${output}`);
    }
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      await database?.dispose();
      throw new Error(`The server did not answer /healthz within 90 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    databaseUrl,
    pid: child.pid!,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 300));
      if (child.exitCode === null) child.kill("SIGKILL");
      await database?.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
