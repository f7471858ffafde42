import type { ServerBuild } from "@remix-run/node";
import express from "express";
import cluster from "node:cluster";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { configOrExit, type Config } from "../app/config.server";
import { connect } from "../db/connect";
import { migrateToLatest } from "../db/migrate";
import { isCrossSiteWrite, securityHeaders } from "../app/http/security";
import { carriesSessionCookie } from "../app/auth/session-cookie";
import { resumeDueOffers } from "../app/models/offer/offers.server";
import { requestScope } from "../app/lib/request-scope.server";
import { seedDemo } from "../db/seed/demo/seed";
import { startTimedWork } from "../app/scheduler/start.server";
import { bodyRefusal, formBodies } from "./request-body";
import { remixHandler } from "./remix-handler";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const settings: Config = configOrExit("Peerlink");
const production = settings.NODE_ENV === "production";

async function prepareDatabase() {
  const connection = connect();
  try {
    await migrateToLatest(connection.db);
    // Production databases are never seeded unless asked for explicitly.
    const wantDemo = settings.PEERLINK_SEED_DEMO ?? !production;
    if (wantDemo && (await seedDemo(connection.db, { log: (message) => console.log(message) }))) {
      console.log("Demo data seeded: sign in as one of the demo accounts listed in the README.");
    }
    // Reads treat a paused offer past its return date as published anyway; this makes the record say so too.
    const resumed = await resumeDueOffers(connection.db);
    if (resumed > 0) console.log(`${resumed} paused offer${resumed === 1 ? "" : "s"} resumed`);
    console.log(`Database ready (${connection.description})`);
  } finally {
    await connection.close();
  }
}

/**
 * One worker per core (WEB_CONCURRENCY): the primary migrates and seeds once, then forks workers
 * that share the port. A worker that dies is replaced; SIGTERM or SIGINT stops them all.
 */
async function primary() {
  await prepareDatabase();
  const workers = settings.WEB_CONCURRENCY;
  let stopping = false;
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(`Worker ${worker.process.pid} stopped (${signal ?? `exit code ${code}`}); starting another`);
    cluster.fork();
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const running = Object.values(cluster.workers ?? {});
    if (running.length === 0) process.exit(0);
    for (const worker of running) worker?.process.kill("SIGTERM");
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  let announced = false;
  cluster.on("listening", () => {
    if (!announced) console.log(`Peerlink is serving http://localhost:${settings.PORT} with ${workers} workers`);
    announced = true;
  });
  for (let i = 0; i < workers; i++) cluster.fork();
}

async function main() {
  if (settings.WEB_CONCURRENCY > 1 && cluster.isPrimary) return primary();
  if (cluster.isPrimary) await prepareDatabase();
  const build = (await import(pathToFileURL(path.join(root, "build/index.js")).href)) as ServerBuild;

  const app = express();
  app.disable("x-powered-by");
  // A hop count, not `true`: with `true` Express would take the left-most X-Forwarded-For entry, which the client writes.
  const trustedProxies = settings.TRUST_PROXY;
  if (trustedProxies > 0) app.set("trust proxy", trustedProxies);

  // Every loader of one request shares what the request has worked out, such as its session check.
  app.use((_req, _res, next) => requestScope.run(new Map(), next));

  app.use((req, res, next) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    for (const [name, value] of Object.entries(securityHeaders({ nonce, production }))) res.setHeader(name, value);
    const ownOrigin = `${req.protocol}://${req.get("host")}`;
    if (
      isCrossSiteWrite(req.method, { origin: req.get("origin"), secFetchSite: req.get("sec-fetch-site") }, ownOrigin)
    ) {
      res.status(403).type("text/plain").send("Cross-site requests are not allowed.");
      return;
    }
    next();
  });

  app.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }));
  app.use(
    "/assets",
    express.static(path.join(root, "node_modules/nhsuk-frontend/dist/nhsuk/assets"), { maxAge: "1d" }),
  );
  app.get("/assets/nhsuk-frontend.min.css", (_req, res) =>
    res.sendFile(path.join(root, "node_modules/nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css"), { maxAge: "1d" }),
  );
  // Only names with an extension can be files here: pages skip the file-system look-up.
  const publicFiles = express.static(path.join(root, "public"), { maxAge: "1h", index: false });
  app.use((req, res, next) => (/\.[A-Za-z0-9]+$/.test(req.path) ? publicFiles(req, res, next) : next()));

  // Pages and data answers for someone signed in hold their data: no browser or proxy may keep a copy.
  app.use((req, res, next) => {
    if (carriesSessionCookie(req.get("cookie"))) res.setHeader("Cache-Control", "no-store");
    next();
  });

  app.use(formBodies());
  app.all(
    "*",
    remixHandler(build, (req, res) => ({
      cspNonce: res.locals.cspNonce as string,
      clientAddress: req.ip ?? "unknown",
    })),
  );

  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const refusal = bodyRefusal(error);
    if (refusal) {
      res.status(refusal.status).type("text/plain").send(refusal.message);
      return;
    }
    console.error(error);
    res.status(500).type("text/plain").send("Sorry, there is a problem with the service. Try again later.");
  });

  const server = app.listen(settings.PORT, settings.HOST, () =>
    console.log(
      cluster.isWorker ? `Worker ${process.pid} serving` : `Peerlink is serving http://localhost:${settings.PORT}`,
    ),
  );
  // Mail delivery, reminders and digests run in every worker; the database's leases let one do each run.
  const timedWorkConnection = connect();
  const stopTimedWork = startTimedWork(timedWorkConnection.db);
  const stop = () =>
    server.close(() => {
      void stopTimedWork()
        .then(() => timedWorkConnection.close())
        .finally(() => process.exit(0));
    });
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error) => {
  console.error(`Peerlink could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
