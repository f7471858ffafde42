import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { connect } from "../db/connect";
import { migrateToLatest } from "../db/migrate";
import { isCrossSiteWrite, securityHeaders } from "../app/http/security";
import { resumeDueOffers } from "../app/models/offer/offers.server";
import { seedDemo } from "../db/seed/demo/seed";
import { bodyRefusal, formBodies } from "./request-body";
import { remixHandler } from "./remix-handler";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const production = process.env.NODE_ENV === "production";
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";

async function prepareDatabase() {
  const connection = connect();
  try {
    await migrateToLatest(connection.db);
    // Production databases are never seeded unless asked for explicitly.
    const wantDemo = process.env.PEERLINK_SEED_DEMO ? process.env.PEERLINK_SEED_DEMO === "1" : !production;
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

async function main() {
  await prepareDatabase();
  const build = (await import(pathToFileURL(path.join(root, "build/index.js")).href)) as ServerBuild;

  const app = express();
  app.disable("x-powered-by");
  if (process.env.TRUST_PROXY === "1" || process.env.TRUST_PROXY === "true") app.set("trust proxy", true);

  app.use((req, res, next) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    for (const [name, value] of Object.entries(securityHeaders({ nonce, production }))) res.setHeader(name, value);
    const ownOrigin = `${req.protocol}://${req.get("host")}`;
    if (isCrossSiteWrite(req.method, { origin: req.get("origin"), secFetchSite: req.get("sec-fetch-site") }, ownOrigin)) {
      res.status(403).type("text/plain").send("Cross-site requests are not allowed.");
      return;
    }
    next();
  });

  app.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }));
  app.use("/assets", express.static(path.join(root, "node_modules/nhsuk-frontend/dist/nhsuk/assets"), { maxAge: "1d" }));
  app.get("/assets/nhsuk-frontend.min.css", (_req, res) =>
    res.sendFile(path.join(root, "node_modules/nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css"), { maxAge: "1d" }),
  );
  app.use(express.static(path.join(root, "public"), { maxAge: "1h", index: false }));

  app.use(formBodies());
  app.all(
    "*",
    remixHandler(build, (req, res) => ({ cspNonce: res.locals.cspNonce as string, clientAddress: req.ip ?? "unknown" })),
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

  const server = app.listen(port, host, () => console.log(`Peerlink is serving http://localhost:${port}`));
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error) => {
  console.error(`Peerlink could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
