import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createAuth } from "~/auth/lucia.server";
import * as passwords from "~/auth/password.server";
import { reserveAttempt } from "~/auth/throttle.server";
import { signIn } from "~/models/account/sign-in.server";
import { createUser } from "~/models/account/users.server";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";

vi.mock("~/auth/password.server", async (original) => {
  const actual = await original<typeof import("~/auth/password.server")>();
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});

const EMAIL = "burst@example.org";
const PASSWORD = "river-lantern-orchard";
const WRONG = "wrong-password-here";
const throttle = { maxFailures: 5, windowMinutes: 15 };

type Outcome = "signed-in" | "invalid" | "throttled";

/** Starts one process per list of attempts, lets them all connect, then releases them at the same moment. */
async function burst(databaseUrl: string, perProcess: { password: string; client: string }[][]): Promise<Outcome[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "peerlink-burst-"));
  const goFile = path.join(dir, "go");
  try {
    const workers = perProcess.map((attempts) => {
      const child = spawn(process.execPath, ["--import", "tsx", "tests/support/sign-in-worker.ts"], {
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl,
          DATABASE_POOL_SIZE: "4",
          GO_FILE: goFile,
          EMAIL,
          ATTEMPTS: JSON.stringify(attempts),
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      const ready = new Promise<void>((resolve, reject) => {
        child.stdout.on("data", (chunk) => {
          output += chunk;
          if (output.includes("ready\n")) resolve();
        });
        child.on("exit", () => reject(new Error(`a sign-in worker exited before it was ready:\n${output}`)));
      });
      child.stderr.on("data", (chunk) => (output += chunk));
      const done = new Promise<Outcome[]>((resolve, reject) =>
        child.on("exit", (code) => {
          const line = output.split("\n").find((l) => l.startsWith("["));
          if (code !== 0 || !line) reject(new Error(`a sign-in worker failed (exit ${code}):\n${output}`));
          else resolve(JSON.parse(line) as Outcome[]);
        }),
      );
      return { ready, done };
    });
    await Promise.all(workers.map((w) => w.ready));
    fs.writeFileSync(goFile, "go");
    return (await Promise.all(workers.map((w) => w.done))).flat();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** 100 attempts spread over four processes, from a handful of addresses so the per-account limit is the one that bites. */
const hundred = (passwordAt: (i: number) => string) =>
  [0, 1, 2, 3].map((p) =>
    Array.from({ length: 25 }, (_, i) => ({ password: passwordAt(p * 25 + i), client: `10.1.${p}.${i % 5}` })),
  );

const count = (outcomes: Outcome[], kind: Outcome) => outcomes.filter((o) => o === kind).length;

describe.each(testEngines())("sign-in bursts on %s", (engine) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await freshDatabase(engine);
    await createUser(t.db, { email: EMAIL, name: "Burst Target", password: PASSWORD, role: "admin" });
    vi.mocked(passwords.verifyPassword).mockClear();
  });
  afterEach(async () => t.dispose());

  it("100 wrong passwords at once from four processes: at most five are checked, the rest are refused as throttled", async () => {
    const outcomes = await burst(
      t.url,
      hundred(() => WRONG),
    );
    expect(outcomes).toHaveLength(100);
    // Only an attempt that got past the throttle has its password checked, and every such one is refused.
    expect(count(outcomes, "invalid")).toBeLessThanOrEqual(throttle.maxFailures);
    expect(count(outcomes, "invalid")).toBeGreaterThan(0);
    expect(count(outcomes, "throttled")).toBe(100 - count(outcomes, "invalid"));
    const failures = await t.db
      .selectFrom("sign_in_attempt")
      .select("id")
      .where("email", "=", EMAIL)
      .where("succeeded", "=", 0)
      .execute();
    expect(failures.length).toBe(count(outcomes, "invalid"));
  });

  it("after five failures, a burst that contains the right password does not sign in", async () => {
    for (let i = 0; i < throttle.maxFailures; i++) {
      const auth = createAuth(t.db, { idleMinutes: 30, absoluteHours: 12, production: false });
      expect(await signIn(t.db, auth, { email: EMAIL, password: WRONG, client: `10.2.0.${i}` }, throttle)).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
    const outcomes = await burst(
      t.url,
      hundred((i) => (i % 10 === 3 ? PASSWORD : WRONG)),
    );
    expect(count(outcomes, "signed-in")).toBe(0);
    expect(count(outcomes, "throttled")).toBe(100);
    expect(await t.db.selectFrom("auth_session").select("id").execute()).toEqual([]);
  });

  it("in one process, concurrent attempts check the password no more than the limit allows", async () => {
    const auth = createAuth(t.db, { idleMinutes: 30, absoluteHours: 12, production: false });
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        signIn(
          t.db,
          auth,
          { email: EMAIL, password: i === 20 ? PASSWORD : WRONG, client: `10.3.0.${i % 4}` },
          throttle,
        ),
      ),
    );
    const checked = vi.mocked(passwords.verifyPassword).mock.calls.length;
    expect(checked).toBeLessThanOrEqual(throttle.maxFailures);
    expect(outcomes.filter((o) => !o.ok && o.reason === "throttled")).toHaveLength(40 - checked);
  });

  it("a success clears the failures settled before it, but not attempts still being checked", async () => {
    const auth = createAuth(t.db, { idleMinutes: 30, absoluteHours: 12, production: false });
    const attempt = (password: string, client: string) =>
      signIn(t.db, auth, { email: EMAIL, password, client }, throttle);
    for (let i = 0; i < 2; i++) expect((await attempt(WRONG, `10.4.0.${i}`)).ok).toBe(false);
    // Two attempts reserved by other requests whose password checks have not finished.
    for (const client of ["10.4.1.1", "10.4.1.2"])
      expect((await reserveAttempt(t.db, { email: EMAIL, client }, throttle)).ok).toBe(true);
    expect((await attempt(PASSWORD, "10.4.2.1")).ok).toBe(true);
    // The two typos are forgiven; the two unfinished attempts still count, so three more failures reach the limit.
    for (let i = 0; i < 3; i++) expect(await attempt(WRONG, `10.4.3.${i}`)).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt(PASSWORD, "10.4.4.1")).toMatchObject({ ok: false, reason: "throttled" });
  });
});
