import {
  createRequestHandler as createRemixHandler,
  writeReadableStreamToWritable,
  type AppLoadContext,
  type ServerBuild,
} from "@remix-run/node";
import type express from "express";

/**
 * Remix behind Express, like @remix-run/express, except that the body comes from `req.body`,
 * already read and capped by `formBodies`, rather than from the socket.
 */
export function remixHandler(
  build: ServerBuild,
  getLoadContext: (req: express.Request, res: express.Response) => AppLoadContext,
): express.RequestHandler {
  // Production mode always, so an error never reaches the browser with its stack.
  const handle = createRemixHandler(build, "production");
  return async (req, res, next) => {
    try {
      const response = await handle(toRequest(req, res), getLoadContext(req, res));
      res.statusMessage = response.statusText;
      res.status(response.status);
      for (const [key, value] of response.headers.entries()) res.append(key, value);
      if (response.body) await writeReadableStreamToWritable(response.body, res);
      else res.end();
    } catch (error) {
      next(error);
    }
  };
}

function toRequest(req: express.Request, res: express.Response): Request {
  // req.hostname respects the "trust proxy" setting but has no port: that comes from X-Forwarded-Host, else Host.
  const portOf = (header: string) => Number.parseInt(req.get(header)?.split(":")[1] ?? "", 10);
  const port = [portOf("x-forwarded-host"), portOf("host")].find(Number.isSafeInteger);
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else if (value !== undefined) headers.set(key, value);
  }
  const controller = new AbortController();
  // Loaders and actions stop once nothing can be written back.
  let finished = false;
  res.on("finish", () => (finished = true));
  res.on("close", () => {
    if (!finished) controller.abort();
  });
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const read: unknown = req.body;
  const body = !hasBody ? undefined : Buffer.isBuffer(read) ? new Uint8Array(read) : new Uint8Array(0);
  return new Request(url.href, { method: req.method, headers, body, signal: controller.signal });
}
