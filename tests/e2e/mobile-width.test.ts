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
 * Every page in the access matrix, opened on a 320 px wide screen as the first persona allowed to
 * see it: nothing may make the page scroll sideways, and axe-core still finds nothing to fix. The
 * same page is then widened to 390 px (a common phone), where it must fit too.
 */
const modules = import.meta.glob<{ rows: AccessRow[] }>("./access/*.rows.ts", { eager: true });
const pages = Object.values(modules)
  .flatMap((m) => m.rows)
  .filter((row) => row.method === "GET" && row.name !== "health check" && !row.download)
  .map((row) => ({ row, persona: PERSONAS.find((p) => row.expect[p] === "allow") }))
  .filter((p): p is { row: AccessRow; persona: Persona } => p.persona !== undefined);

const NARROWEST = { width: 320, height: 800 };
const PHONE = { width: 390, height: 800 };

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
    context = await browser.newContext({ viewport: NARROWEST });
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

describe("every page at 320 px and 390 px wide", () => {
  it.each(pages.map((p) => [`${p.row.name} as ${p.persona}`, p] as const))("%s", async (_name, { row, persona }) => {
    const path = typeof row.path === "string" ? row.path : await row.path(ctx());
    const page = await (await contextFor(persona)).newPage();
    const errors = collectConsoleErrors(page);
    try {
      const response = await page.goto(`${baseUrl}${path}`);
      expect(response?.status()).toBeLessThan(400);
      await page.waitForLoadState("networkidle");
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `${path} is ${width} px wide`).toBeLessThanOrEqual(NARROWEST.width);
      await expectAccessible(page);
      await page.setViewportSize(PHONE);
      // Measured after the next frame, once the wider layout has been applied.
      const phoneWidth = await page.evaluate(
        () =>
          new Promise<number>((resolve) => requestAnimationFrame(() => resolve(document.documentElement.scrollWidth))),
      );
      expect(phoneWidth, `${path} is ${phoneWidth} px wide at ${PHONE.width} px`).toBeLessThanOrEqual(PHONE.width);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
