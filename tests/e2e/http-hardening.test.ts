import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, type Connection } from "../../db/connect";
import { DEMO_PASSWORD } from "./support/browser";
import { startServer, type RunningServer } from "./support/server";
import { rawRequest } from "./support/http";

// A server of its own, behind one (pretend) reverse proxy, so throttling here touches no other file's data.
let server: RunningServer;
let connection: Connection;
let baseUrl: string;

beforeAll(async () => {
  server = await startServer({ TRUST_PROXY: "1" });
  baseUrl = server.baseUrl;
  connection = connect(server.databaseUrl);
});
afterAll(async () => {
  await connection?.close();
  await server?.stop();
});

/** A sign-in post as a browser sends it, from the client address the proxy saw (after anything the client wrote itself). */
function postLogin(fields: Record<string, string>, { forwardedFor }: { forwardedFor: string }) {
  return fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl, "X-Forwarded-For": forwardedFor },
    body: new URLSearchParams(fields),
  });
}

async function sessionCookie(email = "admin@example.org"): Promise<string> {
  const res = await postLogin({ email, password: DEMO_PASSWORD }, { forwardedFor: "198.51.100.200" });
  expect(res.status).toBe(302);
  return res.headers.getSetCookie()[0].split(";")[0];
}

describe("sign-in throttling at the route", () => {
  it("answers 429 with Retry-After once an account has had five failures", async () => {
    const email = "throttled.route@example.org";
    for (let i = 0; i < 5; i++) {
      expect(
        (await postLogin({ email, password: "not-the-password" }, { forwardedFor: `198.51.100.${10 + i}` })).status,
      ).toBe(400);
    }
    const refused = await postLogin({ email, password: "not-the-password" }, { forwardedFor: "198.51.100.20" });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.text()).toContain("Too many failed sign-in attempts");
  });

  it("keys a client by the address the proxy added, so a forged left-most X-Forwarded-For changes nothing", async () => {
    for (let i = 0; i < 20; i++) {
      const res = await postLogin(
        { email: `forged${i}@example.org`, password: "not-the-password" },
        { forwardedFor: `203.0.113.${i}, 198.51.100.77` },
      );
      expect(res.status).toBe(400);
    }
    const clients = await connection.db
      .selectFrom("sign_in_attempt")
      .select("client")
      .distinct()
      .where("email", "like", "forged%")
      .execute();
    expect(clients).toEqual([{ client: "198.51.100.77" }]);
    // The client has used its allowance, whatever it writes in front of the proxy's entry; another client has not.
    expect(
      (
        await postLogin(
          { email: "forged-more@example.org", password: "x" },
          { forwardedFor: "203.0.113.250, 198.51.100.77" },
        )
      ).status,
    ).toBe(429);
    expect(
      (
        await postLogin(
          { email: "forged-more@example.org", password: "x" },
          { forwardedFor: "198.51.100.77, 198.51.100.78" },
        )
      ).status,
    ).toBe(400);
  });
});

describe("redirects after sign-in", () => {
  it.each([
    ["a tab", "/\t/example.org"],
    ["an ideographic space", "/\u3000/example.org"],
    ["a full-width slash", "／／example.org"],
  ])("a redirectTo with %s signs in and goes to the home page", async (_name, redirectTo) => {
    const res = await postLogin(
      { email: "admin@example.org", password: DEMO_PASSWORD, redirectTo },
      { forwardedFor: "198.51.100.201" },
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/");
  });

  it("shows the sign-in page for a redirectTo with an ideographic space", async () => {
    expect((await fetch(`${baseUrl}/login?redirectTo=%2F%E3%80%80%2Fexample.org`)).status).toBe(200);
  });

  it("keeps a same-site path with its query", async () => {
    const res = await postLogin(
      { email: "admin@example.org", password: DEMO_PASSWORD, redirectTo: "/requests?status=submitted" },
      { forwardedFor: "198.51.100.201" },
    );
    expect(res.headers.get("location")).toBe("/requests?status=submitted");
  });
});

describe("session cookie and caching", () => {
  it("the session cookie lives no longer than the twelve-hour session", async () => {
    const res = await postLogin(
      { email: "admin@example.org", password: DEMO_PASSWORD },
      { forwardedFor: "198.51.100.202" },
    );
    expect(res.headers.getSetCookie()[0]).toMatch(/Max-Age=43200(;|$)/);
  });

  it("signed-in pages and data answers are never stored by a browser or proxy", async () => {
    const cookie = await sessionCookie();
    for (const path of ["/", "/account", "/account?_data=routes%2Faccount", "/?_data=root"]) {
      const res = await fetch(`${baseUrl}${path}`, { headers: { Cookie: cookie }, redirect: "manual" });
      expect(res.status, path).toBe(200);
      expect(res.headers.get("cache-control"), path).toBe("no-store");
    }
  });

  it("pages for people not signed in may still be cached as before", async () => {
    expect((await fetch(`${baseUrl}/login`)).headers.get("cache-control") ?? "").not.toContain("no-store");
  });
});

describe("writes that do not say where they come from", () => {
  it("a post with neither Origin nor Sec-Fetch-Site is refused with a plain message", async () => {
    const res = await fetch(`${baseUrl}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "admin@example.org", password: DEMO_PASSWORD }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("the same post from this site's own page goes through", async () => {
    const res = await fetch(`${baseUrl}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin" },
      body: new URLSearchParams({ email: "admin@example.org", password: DEMO_PASSWORD }),
    });
    expect(res.status).toBe(302);
  });
});

describe("links the service writes", () => {
  it("builds an invitation link from the service's public address, never from the request's Host header", async () => {
    const cookie = await sessionCookie();
    const trust = await connection.db
      .selectFrom("organisation")
      .select("id")
      .where("ods_code", "=", "RF4")
      .executeTakeFirstOrThrow();
    const forged = "http://links.example";
    const answer = await rawRequest(baseUrl, {
      path: "/invitations/new",
      headers: {
        Host: "links.example",
        Origin: forged,
        Cookie: cookie,
        "Content-Type": "application/x-www-form-urlencoded",
        "Sec-Fetch-Site": "same-origin",
      },
      chunks: [
        new URLSearchParams({
          name: "Host Check",
          email: "host.check@example.org",
          role: "member",
          organisationId: trust.id,
        }).toString(),
      ],
    });
    expect(answer.body).not.toContain(forged);
    const row = await connection.db
      .selectFrom("invitation")
      .select("email")
      .where("email", "=", "host.check@example.org")
      .executeTakeFirst();
    expect(row, `the invitation was not created: ${answer.status} ${answer.body.slice(0, 300)}`).toBeDefined();
    expect(answer.body).toContain(`${baseUrl}/invitations/`);
  });
});

describe("throttled forms without JavaScript", () => {
  it("a throttled reset request's page says when to try again in its Retry-After header", async () => {
    const ask = () =>
      fetch(`${baseUrl}/forgot-password`, {
        method: "POST",
        redirect: "manual",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Origin: baseUrl,
          "X-Forwarded-For": "198.51.100.230",
        },
        body: new URLSearchParams({ email: "retry.after@example.org" }),
      });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await ask());
    expect(answers.slice(0, 3).map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers[3].status).toBe(429);
    expect(answers[3].headers.get("content-type")).toContain("text/html");
    expect(Number(answers[3].headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
