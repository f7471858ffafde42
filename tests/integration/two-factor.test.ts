import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generateHOTP } from "@oslojs/otp";
import { createAuth, type Auth } from "~/auth/lucia.server";
import { decodeKey, stepAt } from "~/auth/two-factor/totp.server";
import { withCodeThrottle } from "~/models/account/code-throttle.server";
import { completeCodeStep } from "~/models/account/second-factor-sign-in.server";
import { findChallenge } from "~/models/account/sign-in-challenge.server";
import { signIn } from "~/models/account/sign-in.server";
import {
  checkSecondFactor,
  confirmEnrolment,
  pendingEnrolment,
  RECOVERY_CODE_COUNT,
} from "~/models/account/two-factor.server";
import { createUser } from "~/models/account/users.server";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";

const throttle = { maxFailures: 5, windowMinutes: 15 };
const PASSWORD = "river-lantern-orchard";
const codeAt = (key: Uint8Array, at: Date) => generateHOTP(key, BigInt(stepAt(at)), 6);

describe.each(testEngines())("two-factor sign-in on %s", (engine) => {
  let t: TestDatabase;
  let auth: Auth;
  let userId: string;

  beforeEach(async () => {
    t = await freshDatabase(engine);
    auth = createAuth(t.db, { idleMinutes: 30, absoluteHours: 12, production: false });
    userId = await createUser(t.db, {
      email: "coordinator@example.org",
      name: "Cora Coordinator",
      password: PASSWORD,
      role: "admin",
    });
  });
  afterEach(async () => t.dispose());

  async function enrol(now = new Date()) {
    const pending = await pendingEnrolment(t.db, userId, "coordinator@example.org");
    if (!pending) throw new Error("no pending key");
    // The first code is from the previous step, so a code of the current step is still unused afterwards.
    const codes = await confirmEnrolment(t.db, userId, codeAt(pending.key, new Date(now.getTime() - 30_000)), now);
    return { key: pending.key, codes: codes! };
  }

  it("refuses a wrong first code and keeps the key pending; a right one issues ten distinct recovery codes", async () => {
    const pending = (await pendingEnrolment(t.db, userId, "coordinator@example.org"))!;
    const again = (await pendingEnrolment(t.db, userId, "coordinator@example.org"))!;
    expect(Buffer.from(again.key).equals(Buffer.from(pending.key))).toBe(true);
    const wrong = codeAt(pending.key, new Date()) === "000000" ? "111111" : "000000";
    expect(await confirmEnrolment(t.db, userId, wrong)).toBeNull();
    const codes = await confirmEnrolment(t.db, userId, codeAt(pending.key, new Date()));
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    // Stored as hashes only.
    const stored = await t.db.selectFrom("recovery_code").select("code_hash").execute();
    expect(stored.map((r) => r.code_hash)).not.toContain(codes![0]);
    // A confirmed key is never swapped for a new one.
    expect(await pendingEnrolment(t.db, userId, "coordinator@example.org")).toBeNull();
  });

  it("accepts a valid code once, refuses it again in the same time step, and refuses codes outside the window", async () => {
    const now = new Date();
    const { key } = await enrol(now);
    const code = codeAt(key, now);
    expect(await checkSecondFactor(t.db, userId, code, now)).toBe("accepted");
    expect(await checkSecondFactor(t.db, userId, code, now)).toBe("reused");
    // An older step than the last accepted is refused too, even inside the grace window.
    expect(await checkSecondFactor(t.db, userId, codeAt(key, new Date(now.getTime() - 30_000)), now)).toBe("reused");
    const farPast = codeAt(key, new Date(now.getTime() - 5 * 60_000));
    const farFuture = codeAt(key, new Date(now.getTime() + 5 * 60_000));
    if (farPast !== codeAt(key, now)) expect(await checkSecondFactor(t.db, userId, farPast, now)).toBe("invalid");
    if (farFuture !== codeAt(key, now))
      expect(await checkSecondFactor(t.db, userId, farFuture, new Date(now.getTime()))).toBe("invalid");
    // The next step's code is accepted (clock drift), once.
    const next = new Date(now.getTime() + 30_000);
    expect(await checkSecondFactor(t.db, userId, codeAt(key, next), now)).toBe("accepted");
    expect(
      await t.db
        .selectFrom("user_totp")
        .select("secret")
        .executeTakeFirstOrThrow()
        .then((r) => decodeKey(r.secret).length),
    ).toBe(20);
  });

  it("a recovery code works once, however it is typed", async () => {
    const { codes } = await enrol();
    expect(await checkSecondFactor(t.db, userId, ` ${codes[3].toUpperCase().replace(/-/g, " ")} `)).toBe("accepted");
    expect(await checkSecondFactor(t.db, userId, codes[3])).toBe("invalid");
    expect(await checkSecondFactor(t.db, userId, codes[4])).toBe("accepted");
    expect(await checkSecondFactor(t.db, userId, "0000-0000-0000-0000")).toBe("invalid");
  });

  it("a password alone gives no session to an enrolled user; the code step turns the challenge into exactly one session", async () => {
    const now = new Date();
    const { key } = await enrol(now);
    const result = await signIn(
      t.db,
      auth,
      { email: "coordinator@example.org", password: PASSWORD, client: "10.0.0.1" },
      throttle,
      { redirectTo: "/matching" },
    );
    expect(result).toMatchObject({ ok: false, reason: "second-factor", enrol: false });
    if (result.ok || result.reason !== "second-factor") return;
    expect(await t.db.selectFrom("auth_session").selectAll().execute()).toEqual([]);
    const challenge = (await findChallenge(t.db, result.challenge))!;
    expect(challenge).toMatchObject({ userId, kind: "verify", redirectTo: "/matching" });
    const step = { token: result.challenge, challenge, client: "10.0.0.1" };
    expect(await completeCodeStep(t.db, auth, { ...step, code: "12345x" }, throttle)).toEqual({
      ok: false,
      reason: "invalid",
    });
    const done = await completeCodeStep(t.db, auth, { ...step, code: codeAt(key, now) }, throttle);
    expect(done.ok).toBe(true);
    expect(await t.db.selectFrom("auth_session").selectAll().execute()).toHaveLength(1);
    expect(await findChallenge(t.db, result.challenge)).toBeUndefined();
  });

  it("a role that requires two-factor must set it up before any session; wrong codes are throttled like passwords", async () => {
    const result = await signIn(
      t.db,
      auth,
      { email: "coordinator@example.org", password: PASSWORD, client: "10.0.0.2" },
      throttle,
      { mfaRequiredRoles: ["admin"] },
    );
    expect(result).toMatchObject({ ok: false, reason: "second-factor", enrol: true });
    if (result.ok || result.reason !== "second-factor") return;
    const challenge = (await findChallenge(t.db, result.challenge))!;
    const step = { token: result.challenge, challenge, client: "10.0.0.2" };
    for (let i = 0; i < throttle.maxFailures; i++)
      expect((await completeCodeStep(t.db, auth, { ...step, code: "abcdef" }, throttle)).ok).toBe(false);
    const pending = (await pendingEnrolment(t.db, userId, "coordinator@example.org"))!;
    const blocked = await completeCodeStep(t.db, auth, { ...step, code: codeAt(pending.key, new Date()) }, throttle);
    expect(blocked).toMatchObject({ ok: false, reason: "throttled" });
    expect(await t.db.selectFrom("auth_session").selectAll().execute()).toEqual([]);
  });

  it("wrong codes on the account page are throttled too, counted with the sign-in's", async () => {
    const { key } = await enrol();
    const client = "10.0.0.3";
    const wrongCode = async () =>
      withCodeThrottle(t.db, { userId, client }, throttle, async () => {
        const check = await checkSecondFactor(t.db, userId, "abcdef");
        return { accepted: check === "accepted", result: check };
      });
    for (let i = 0; i < throttle.maxFailures; i++)
      expect(await wrongCode()).toEqual({ throttled: false, result: "invalid" });
    let checked = false;
    const right = await withCodeThrottle(t.db, { userId, client }, throttle, async () => {
      checked = true;
      return { accepted: true, result: await checkSecondFactor(t.db, userId, codeAt(key, new Date())) };
    });
    expect(right).toMatchObject({ throttled: true });
    expect(checked).toBe(false);
  });
});
