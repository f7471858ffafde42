// Serves the bare reference app with the same Express and @remix-run/express as Peerlink.
import { createRequestHandler } from "@remix-run/express";
import express from "express";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const build = await import(pathToFileURL(path.join(here, "build/index.js")).href);
const app = express();
app.disable("x-powered-by");
app.use("/build", express.static(path.join(here, "public/build"), { immutable: true, maxAge: "1y" }));
app.get("/healthz", (_req, res) => res.send("ok"));
app.all("*", createRequestHandler({ build, mode: "production" }));
const port = Number(process.env.PORT ?? 3100);
app.listen(port, process.env.HOST ?? "127.0.0.1", () => console.log(`bare Remix reference on ${port}`));
