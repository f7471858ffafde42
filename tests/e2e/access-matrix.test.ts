import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverForThisFile } from "./support/own-server";
import { connect, type Connection } from "../../db/connect";
import {
  PERSONA_EMAILS,
  PERSONAS,
  accessContext,
  type AccessContext,
  type AccessRow,
  type Persona,
} from "./access/types";
import { DEMO_PASSWORD } from "./support/browser";

// Every *.rows.ts file lists its routes; a route added without rows fails the coverage check below.
const modules = import.meta.glob<{ rows: AccessRow[] }>("./access/*.rows.ts", { eager: true });
const rows = Object.values(modules).flatMap((m) => m.rows);

const { baseUrl, databaseUrl } = await serverForThisFile();
let connection: Connection;
const cookies = new Map<Persona, string>();

async function signInCookie(email: string): Promise<string> {
  const res = await fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
  });
  const cookie = res.headers.get("set-cookie");
  if (res.status !== 302 || !cookie) throw new Error(`Could not sign in as ${email}: ${res.status}`);
  return cookie.split(";")[0];
}

beforeAll(async () => {
  connection = connect(databaseUrl);
  for (const persona of PERSONAS)
    if (persona !== "anonymous") cookies.set(persona, await signInCookie(PERSONA_EMAILS[persona]));
});
afterAll(async () => connection?.close());

const ctx = (): AccessContext => accessContext(connection.db);

describe.each(rows)("$method $name", (row) => {
  it.each(PERSONAS)("%s", async (persona) => {
    const path = typeof row.path === "string" ? row.path : await row.path(ctx());
    const headers: Record<string, string> = { Origin: baseUrl };
    const cookie =
      row.freshSession && persona !== "anonymous" ? await signInCookie(PERSONA_EMAILS[persona]) : cookies.get(persona);
    if (cookie) headers.Cookie = cookie;
    let body: URLSearchParams | undefined;
    if (row.method === "POST") {
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(row.form ?? {});
    }
    const res = await fetch(`${baseUrl}${path}`, { method: row.method, headers, body, redirect: "manual" });
    const location = res.headers.get("location") ?? "";
    const outcome =
      res.status === 403 || res.status === 404
        ? "deny"
        : res.status >= 300 && res.status < 400 && location.includes("/login")
          ? "login"
          : "allow";
    const expected = row.expect[persona];
    expect(`${outcome} (${res.status}${location ? ` to ${location}` : ""})`).toMatch(new RegExp(`^${expected} `));
    if (expected === "allow") expect(res.status).toBeLessThan(500);
  });
});

describe("route coverage", () => {
  it("every route file has at least one access-matrix row", async () => {
    const fs = await import("node:fs");
    const routeFiles = fs.readdirSync("app/routes").filter((f) => /\.tsx?$/.test(f));
    // Each rows file names the route files it covers.
    const named = Object.values(modules).flatMap((m) => (m as { covers?: string[] }).covers ?? []);
    const missing = routeFiles.filter((f) => !named.includes(f));
    expect(
      missing,
      "route files with no access-matrix rows: add them to a tests/e2e/access/*.rows.ts `covers` list",
    ).toEqual([]);
  });
});
