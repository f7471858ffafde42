import type express from "express";

/** Ordinary forms are a few kilobytes; a megabyte leaves room for the longest learning entry. */
export const FORM_BODY_LIMIT = 1024 * 1024;
/** The national ODS trust file is well under 1 MB; this is the ODS upload's own, larger cap. */
export const UPLOAD_BODY_LIMIT = 20 * 1024 * 1024;
const UPLOAD_PATHS = new Set(["/admin/import"]);

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];
const BODYLESS_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export const bodyLimitFor = (path: string) =>
  UPLOAD_PATHS.has(path.length > 1 ? path.replace(/\/+$/, "") : path) ? UPLOAD_BODY_LIMIT : FORM_BODY_LIMIT;

/**
 * Every write is a form post. Its body is checked and read here, before Remix sees it: a body
 * over the limit is refused from its Content-Length without being read, and a chunked one as
 * soon as the bytes received pass the limit, so no request makes the server hold or wait for
 * more than the limit. The body read is left on `req.body` for the Remix request.
 */
export function formBodies(): express.RequestHandler {
  return (req, res, next) => {
    if (BODYLESS_METHODS.has(req.method)) return next();
    const answer = (status: number, message: string) => res.status(status).type("text/plain").send(message);
    const refuse = (status: number, message: string) => {
      // The rest of the body is never read, so the connection cannot be used again.
      res.setHeader("Connection", "close");
      answer(status, message);
      req.unpipe();
      req.resume();
    };
    const type = (req.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
    if (!FORM_TYPES.includes(type))
      return refuse(
        415,
        "Send this form from its page: its body must be application/x-www-form-urlencoded or multipart/form-data.",
      );
    const encoding = (req.get("content-encoding") ?? "identity").trim().toLowerCase();
    if (encoding !== "identity") return refuse(415, "Compressed request bodies are not accepted.");
    const limit = bodyLimitFor(req.path);
    const tooLarge = `The form or file sent is larger than ${limit / 1024 / 1024} MB.`;
    if (Number(req.get("content-length") ?? 0) > limit) return refuse(413, tooLarge);

    const chunks: Buffer[] = [];
    let received = 0;
    let refused = false;
    req.on("data", (chunk: Buffer) => {
      if (refused) return;
      received += chunk.length;
      if (received > limit) {
        refused = true;
        chunks.length = 0;
        // Listened for before answering, since a small answer can finish at once.
        res.on("finish", () => closeAfterDraining(req));
        answer(413, tooLarge);
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (refused) return;
      req.body = Buffer.concat(chunks);
      next();
    });
    req.on("error", (error) => {
      if (!refused && !res.headersSent) next(Object.assign(error, { status: 400 }));
    });
  };
}

const DRAIN_MILLISECONDS = 2000;
const DRAIN_BYTES = 16 * 1024 * 1024;

/**
 * Closing a connection with bytes still unread makes the kernel reset it, and a reset can throw
 * away the 413 before the sender has read it: the browser would show "connection reset" instead
 * of the message. So, as web servers' lingering close does, the rest of a chunked body is read
 * and dropped for a moment (the answer does not say `Connection: close`, which would make Node
 * close at once), then the connection is closed whatever the sender still has to send.
 */
function closeAfterDraining(req: express.Request) {
  let drained = 0;
  const stop = () => req.destroy();
  const timer = setTimeout(stop, DRAIN_MILLISECONDS);
  req.on("data", (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_BYTES) stop();
  });
  req.on("close", () => clearTimeout(timer));
  req.resume();
}

/** A request whose body could not be read (the sender went away mid-way) is answered 400, never 500. */
export function bodyRefusal(error: unknown): { status: number; message: string } | null {
  const status = (error as { status?: unknown } | null)?.status;
  return status === 400 ? { status, message: "The request could not be read. Try again from the page." } : null;
}
