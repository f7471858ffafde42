import http from "node:http";
import { DEMO_PASSWORD } from "./browser";

/** Signs in through the form and returns the session cookie ("name=value"). */
export async function signInCookie(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl },
    body: new URLSearchParams({ email, password }),
  });
  const cookie = res.headers.get("set-cookie");
  if (res.status !== 302 || !cookie) throw new Error(`Could not sign in as ${email}: ${res.status}`);
  return cookie.split(";")[0];
}

export interface RawAnswer {
  status: number;
  body: string;
}

/**
 * A request written by hand: headers as given (a Content-Length may lie about the body), the
 * body sent in the chunks given. Resolves as soon as the server answers, whether or not it
 * read everything, since the point is often that it must not.
 */
export function rawRequest(
  baseUrl: string,
  {
    method = "POST",
    path,
    headers,
    chunks = [],
  }: { method?: string; path: string; headers: Record<string, string>; chunks?: (Buffer | string)[] },
): Promise<RawAnswer> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, agent: false },
      (res) => {
        answered = true;
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (body += d.length + body.length > 1_000_000 ? "" : d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        res.on("error", reject);
      },
    );
    // The server may close the socket once it has answered; that is not a failure here. Closed
    // before any answer, it is: the answer was lost, and waiting longer would only hang the test.
    req.on("error", (error) => {
      const closedByServer = error.message.includes("EPIPE") || error.message.includes("ECONNRESET");
      if (!closedByServer || !answered) reject(error);
    });
    let index = 0;
    const writeNext = () => {
      if (req.destroyed) return;
      if (index >= chunks.length) {
        if (!headers["Content-Length"]) req.end();
        return;
      }
      req.write(chunks[index++], writeNext);
    };
    writeNext();
  });
}
