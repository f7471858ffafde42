import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, type Connection, type Engine } from "../../db/connect";
import {
  accessContext,
  PERSONA_EMAILS,
  PERSONAS,
  type AccessContext,
  type AccessRow,
  type Persona,
} from "./access/types";
import { databaseDigest } from "./fuzz/db-digest";
import { formShape, HOSTILE_VALUES } from "./fuzz/hostile-values";
import { sessionCookieFor } from "./support/session";
import { e2eEngine, startServer, type RunningServer } from "./support/server";

// The access matrix already names a real path for every form; forms it leaves out are added here.
const modules = import.meta.glob<{ rows: AccessRow[] }>("./access/*.rows.ts", { eager: true });
const EXTRA_FORMS: AccessRow[] = [
  { name: "sign in", method: "POST", path: "/login", expect: {} as AccessRow["expect"] },
  { name: "account", method: "POST", path: "/account", expect: {} as AccessRow["expect"] },
  {
    name: "accept an invitation",
    method: "POST",
    path: "/invitations/no-such-invitation-token",
    expect: {} as AccessRow["expect"],
  },
];
const forms = [...Object.values(modules).flatMap((m) => m.rows), ...EXTRA_FORMS].filter((row) => row.method === "POST");

/** Fields a form takes from its address rather than its markup. */
const FIELDS_FROM_ADDRESS: Record<string, string[]> = { "/login": ["redirectTo"] };
/** Every list with pages, asked for pages no list has. */
const PAGED_LISTS = [
  "/requests",
  "/requests/open",
  "/offers",
  "/organisations",
  "/learning",
  "/engagements",
  "/notifications",
  "/matches",
  "/admin/audit",
];
const HOSTILE_PAGES = ["99999999999999999999", "-1", "NaN", "1e400", "%00", "1&page=2"];

/** "engagements.$id_.sessions.new.tsx" → a pattern its paths match. */
function routePattern(file: string): RegExp {
  const segments = file
    .replace(/\.tsx?$/, "")
    .split(".")
    .filter((s) => s !== "_index")
    .map((s) => (s.startsWith("$") ? "[^/]+" : s.replace(/_$/, "")));
  return new RegExp(`^/${segments.join("/")}$`);
}
const routesWithActions = fs
  .readdirSync("app/routes")
  .filter((file) =>
    /export (async )?function action|export const action/.test(fs.readFileSync(`app/routes/${file}`, "utf8")),
  );

interface Tally {
  forms: number;
  requests: number;
  serverErrors: string[];
  writesByRefused: string[];
  /** Batches where some post was accepted, so each refused post was checked on its own. */
  carefulBatches: number;
}

const isRefusal = (status: number, location: string, page: string) =>
  (status >= 400 && status < 500) ||
  (status >= 300 && status < 400 && location.includes("/login")) ||
  (status === 200 && page.includes("nhsuk-error-summary"));

function fuzzOn(engine: Engine) {
  describe(`hostile form posts on ${engine}`, () => {
    let server: RunningServer;
    let connection: Connection;
    const cookies = new Map<Persona, string>();
    const tally: Tally = { forms: 0, requests: 0, serverErrors: [], writesByRefused: [], carefulBatches: 0 };

    beforeAll(async () => {
      server = await startServer();
      connection = connect(server.databaseUrl);
    }, 180_000);
    afterAll(async () => {
      await connection?.close();
      await server?.stop();
    });

    const ctx = (): AccessContext => accessContext(connection.db);

    async function cookieFor(persona: Persona): Promise<string | undefined> {
      if (persona === "anonymous") return undefined;
      const known = cookies.get(persona);
      // A form may have ended the session it was sent with (sign out, sign out everywhere).
      if (
        known &&
        (await fetch(`${server.baseUrl}/account`, { headers: { Cookie: known }, redirect: "manual" })).status === 200
      )
        return known;
      // Wrong current passwords posted to /account count against the account like failed sign-ins,
      // so a fresh session is written directly rather than signed in through the throttled form.
      const fresh = await sessionCookieFor(connection.db, PERSONA_EMAILS[persona]);
      cookies.set(persona, fresh);
      return fresh;
    }

    async function send(
      path: string,
      persona: Persona,
      cookie: string | undefined,
      body: URLSearchParams | string,
      contentType: string,
    ) {
      const headers: Record<string, string> = { Origin: server.baseUrl, "Content-Type": contentType };
      if (cookie) headers.Cookie = cookie;
      const res = await fetch(`${server.baseUrl}${path}`, { method: "POST", headers, body, redirect: "manual" });
      const page = await res.text();
      tally.requests++;
      if (res.status >= 500)
        tally.serverErrors.push(
          `${res.status} ${persona} POST ${path} ${typeof body === "string" ? body.slice(0, 60) : body.toString().slice(0, 120)}`,
        );
      return { status: res.status, location: res.headers.get("location") ?? "", page };
    }

    it("no form answers 5xx, and no refused post writes anything, for any role", async () => {
      const paths: string[] = [];
      for (const form of forms) {
        const path = typeof form.path === "string" ? form.path : await form.path(ctx());
        if (paths.includes(path)) continue;
        paths.push(path);
        tally.forms++;
        for (const persona of PERSONAS) {
          // Sign-out ends the session it is sent with; it is tried once, signed out.
          if (path === "/logout" && persona !== "anonymous") continue;
          const cookie = await cookieFor(persona);
          const shapePage = await fetch(`${server.baseUrl}${path}`, {
            headers: cookie ? { Cookie: cookie } : {},
            redirect: "manual",
          });
          const shape = formShape(shapePage.status === 200 ? await shapePage.text() : "");
          const intents = shape.intents;
          const fields = [...new Set([...shape.fields, ...(FIELDS_FROM_ADDRESS[path] ?? [])])];
          const guardAnswer = await send(
            path,
            persona,
            cookie,
            new URLSearchParams(),
            "application/x-www-form-urlencoded",
          );
          const shutOut =
            guardAnswer.status === 403 || guardAnswer.status === 404 || guardAnswer.location.includes("/login");
          const intentsToTry = intents.length > 0 ? intents : [""];
          const posts: { body: URLSearchParams | string; type: string }[] = [];
          const form = "application/x-www-form-urlencoded";
          for (const intent of shutOut ? intentsToTry.slice(0, 1) : intentsToTry) {
            for (const [, value] of shutOut ? HOSTILE_VALUES.slice(0, 1) : HOSTILE_VALUES) {
              const body = new URLSearchParams();
              if (intent) body.set("intent", intent);
              for (const field of fields) body.set(field, value);
              posts.push({ body, type: form });
            }
            if (shutOut) continue;
            // One value where the form expects one, two where it expects a list, and nothing at all.
            const doubled = new URLSearchParams(
              intent
                ? [
                    ["intent", intent],
                    ["intent", "no-such-intent"],
                  ]
                : [],
            );
            for (const field of fields) {
              doubled.append(field, "1");
              doubled.append(field, "-1");
            }
            posts.push(
              { body: doubled, type: form },
              { body: new URLSearchParams(intent ? { intent } : {}), type: form },
              { body: JSON.stringify({ intent }), type: "application/json" },
            );
          }
          const where = `${persona} POST ${path}`;
          // One digest around the whole batch when every post is refused; when some are accepted, each refused post again with its own.
          let before = await databaseDigest(connection.db);
          let accepted = false;
          for (const { body, type } of posts) {
            const answer = await send(path, persona, cookie, body, type);
            if (!isRefusal(answer.status, answer.location, answer.page)) accepted = true;
          }
          const changedSince = async (earlier: Record<string, string>) => {
            const now = await databaseDigest(connection.db);
            return { now, changed: Object.keys(now).filter((table) => now[table] !== earlier[table]) };
          };
          if (!accepted) {
            const { changed } = await changedSince(before);
            if (changed.length > 0) tally.writesByRefused.push(`${where}: ${changed.join(", ")}`);
            continue;
          }
          tally.carefulBatches++;
          // Each digest after a post is the digest before the next one.
          before = await databaseDigest(connection.db);
          for (const { body, type } of posts) {
            const answer = await send(path, persona, cookie, body, type);
            const { now, changed } = await changedSince(before);
            before = now;
            if (changed.length > 0 && isRefusal(answer.status, answer.location, answer.page)) {
              tally.writesByRefused.push(
                `${where} ${typeof body === "string" ? body : body.toString().slice(0, 80)}: ${changed.join(", ")}`,
              );
            }
          }
        }
      }
      console.log(
        `Fuzzed ${tally.forms} forms on ${engine} with ${tally.requests} requests: ${tally.serverErrors.length} answered 5xx, ${tally.writesByRefused.length} refused posts wrote (${tally.carefulBatches} batches checked post by post)`,
      );

      const covered = routesWithActions.filter((file) => paths.some((p) => routePattern(file).test(p.split("?")[0])));
      expect(
        routesWithActions.filter((f) => !covered.includes(f)),
        "route files with an action the fuzz test does not reach: add a path for them",
      ).toEqual([]);
      expect(tally.serverErrors).toEqual([]);
      expect(tally.writesByRefused).toEqual([]);
    }, 600_000);

    it("no list answers 5xx to a page number it cannot have", async () => {
      const failures: string[] = [];
      for (const persona of ["admin", "coordinator", "pioneer", "member"] as const) {
        const cookie = await cookieFor(persona);
        for (const list of PAGED_LISTS) {
          for (const page of HOSTILE_PAGES) {
            const res = await fetch(`${server.baseUrl}${list}?page=${page}`, {
              headers: cookie ? { Cookie: cookie } : {},
              redirect: "manual",
            });
            if (res.status >= 500) failures.push(`${res.status} ${persona} GET ${list}?page=${page}`);
          }
        }
      }
      expect(failures).toEqual([]);
    });

    it("signing in with a redirect address holding an ideographic space is not a 5xx", async () => {
      for (const redirectTo of ["\u3000/account", "/\u3000", "//evil.example", "/account\u0000"]) {
        const res = await fetch(`${server.baseUrl}/login`, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.baseUrl },
          body: new URLSearchParams({ email: PERSONA_EMAILS.member, password: "peerlink-demo-2026", redirectTo }),
          redirect: "manual",
        });
        expect(res.status, `redirectTo ${JSON.stringify(redirectTo)}`).toBeLessThan(500);
        // Wherever it sends the user, it is this site.
        const location = res.headers.get("location") ?? "/";
        expect(new URL(location, server.baseUrl).origin).toBe(server.baseUrl);
      }
    });
  });
}

// Journeys run once per engine (npm test runs them again with E2E_ENGINE=postgres), and so does this.
fuzzOn(e2eEngine());
