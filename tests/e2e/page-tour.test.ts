import type { Browser, BrowserContext } from "playwright-core";
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
import { collectConsoleErrors, expectAccessible, launchBrowser, signIn } from "./support/browser";

/**
 * Every page in the access matrix, opened in Chromium as the first persona allowed to see it:
 * the page must hydrate without errors in the console and pass axe-core's WCAG 2.2 A/AA rules.
 */
const modules = import.meta.glob<{ rows: AccessRow[] }>("./access/*.rows.ts", { eager: true });
const pages = Object.values(modules)
  .flatMap((m) => m.rows)
  .filter((row) => row.method === "GET" && row.name !== "health check" && !row.download)
  .map((row) => ({ row, persona: PERSONAS.find((p) => row.expect[p] === "allow") }))
  .filter((p): p is { row: AccessRow; persona: Persona } => p.persona !== undefined);

const { baseUrl, databaseUrl } = await serverForThisFile();
let browser: Browser;
let connection: Connection;
const contexts = new Map<Persona, BrowserContext>();

beforeAll(async () => {
  browser = await launchBrowser();
  connection = connect(databaseUrl);
});
afterAll(async () => {
  await browser?.close();
  await connection?.close();
});

async function contextFor(persona: Persona): Promise<BrowserContext> {
  let context = contexts.get(persona);
  if (!context) {
    context = await browser.newContext();
    if (persona !== "anonymous") {
      const page = await context.newPage();
      await signIn(page, baseUrl, PERSONA_EMAILS[persona]);
      await page.close();
    }
    contexts.set(persona, context);
  }
  return context;
}

const ctx = (): AccessContext => accessContext(connection.db);

describe("every page", () => {
  it.each(pages.map((p) => [`${p.row.name} as ${p.persona}`, p] as const))("%s", async (_name, { row, persona }) => {
    const path = typeof row.path === "string" ? row.path : await row.path(ctx());
    const page = await (await contextFor(persona)).newPage();
    const errors = collectConsoleErrors(page);
    try {
      const response = await page.goto(`${baseUrl}${path}`);
      expect(response?.status()).toBeLessThan(400);
      await page.waitForLoadState("networkidle");
      await expectAccessible(page);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
