import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAuth, type Auth } from "~/auth/lucia.server";
import { sha256Hex } from "~/auth/hash.server";
import { verifyPassword } from "~/auth/password.server";
import { changePassword } from "~/models/account/password-change.server";
import { requestPasswordReset, resetLinkState, resetPassword } from "~/models/account/password-reset.server";
import { countSessions, signIn } from "~/models/account/sign-in.server";
import { createUser } from "~/models/account/users.server";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";

const throttle = { maxFailures: 5, windowMinutes: 15 };
const settings = { idleMinutes: 30, absoluteHours: 12, production: false };
const PASSWORD = "river-lantern-orchard";
const NEW_PASSWORD = "copper-meadow-violin";
const BASE = "https://peerlink.example.nhs.uk";

const sessionIdFrom = (cookie: string) => /=([^;]*)/.exec(cookie)![1];

describe.each(testEngines())("password recovery on %s", (engine) => {
  let t: TestDatabase;
  let auth: Auth;
  let userId: string;

  beforeEach(async () => {
    t = await freshDatabase(engine);
    auth = createAuth(t.db, settings);
    userId = await createUser(t.db, {
      email: "ruth@example.nhs.uk",
      name: "Ruth Reset",
      password: PASSWORD,
      role: "admin",
    });
  });
  afterEach(async () => t.dispose());

  /** Asks for a link and waits for it to be stored and mailed, which the page does not wait for. */
  const ask = async (email = "ruth@example.nhs.uk", client = "10.0.0.1", now?: Date) => {
    const result = await requestPasswordReset(t.db, { email, client, baseUrl: BASE, now });
    if (!result.ok) return result;
    await result.delivery;
    return { ok: true as const };
  };
  const outbox = () => t.db.selectFrom("outbox").selectAll().orderBy("created_at").execute();
  const tokenFromMail = async () => {
    const mail = (await outbox()).find((m) => m.subject === "Reset your Peerlink password");
    const match = /\/reset-password\/([A-Za-z0-9_-]+)/.exec(mail?.body ?? "");
    if (!match) throw new Error("no reset link in the outbox");
    return match[1];
  };
  const signInWith = (password: string) =>
    signIn(t.db, auth, { email: "ruth@example.nhs.uk", password, client: "10.0.0.9" }, throttle);

  it("mails an absolute link to a known address and stores only the token's SHA-256", async () => {
    expect(await ask("  RUTH@example.nhs.uk ")).toEqual({ ok: true });
    const [mail] = await outbox();
    expect(mail.to_address).toBe("ruth@example.nhs.uk");
    expect(mail.body).toContain(`${BASE}/reset-password/`);
    const token = await tokenFromMail();
    const stored = await t.db.selectFrom("password_reset").selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).toBe(sha256Hex(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(await resetLinkState(t.db, token)).toEqual({ state: "usable", email: "ruth@example.nhs.uk" });
  });

  it("answers an unknown address exactly as a known one, and queues no mail for it", async () => {
    const unknown = await ask("nobody@example.nhs.uk");
    const known = await ask("ruth@example.nhs.uk", "10.0.0.2");
    expect(unknown).toEqual(known);
    const mails = await outbox();
    expect(mails.map((m) => m.to_address)).toEqual(["ruth@example.nhs.uk"]);
    // Both requests were recorded alike, so throttling treats them the same.
    const requests = await t.db.selectFrom("password_reset_request").select("email").orderBy("email").execute();
    expect(requests.map((r) => r.email)).toEqual(["nobody@example.nhs.uk", "ruth@example.nhs.uk"]);
  });

  it("a disabled account gets no link", async () => {
    await t.db.updateTable("app_user").set({ disabled_at: new Date().toISOString() }).execute();
    expect(await ask()).toEqual({ ok: true });
    expect(await outbox()).toEqual([]);
  });

  it("resets once: new password works, old one fails, every session ends, the owner is told", async () => {
    const a = await signInWith(PASSWORD);
    const b = await signInWith(PASSWORD);
    if (!a.ok || !b.ok) throw new Error("sign-in failed");
    expect(await countSessions(t.db, userId)).toBe(2);
    await ask();
    const token = await tokenFromMail();

    expect(await resetPassword(t.db, { token, password: NEW_PASSWORD })).toEqual({
      ok: true,
      email: "ruth@example.nhs.uk",
    });
    expect(await countSessions(t.db, userId)).toBe(0);
    expect(await auth.validate(sessionIdFrom(a.cookie))).toBeNull();
    expect((await outbox()).map((m) => m.subject)).toEqual([
      "Reset your Peerlink password",
      "Your Peerlink password was changed",
    ]);
    expect((await signInWith(PASSWORD)).ok).toBe(false);
    expect((await signInWith(NEW_PASSWORD)).ok).toBe(true);

    // Single use: the same link now says it was used, and changes nothing.
    expect(await resetLinkState(t.db, token)).toEqual({ state: "used" });
    expect(await resetPassword(t.db, { token, password: "another-long-passphrase" })).toEqual({
      ok: false,
      link: { state: "used" },
    });
    const user = await t.db.selectFrom("app_user").select("password_hash").executeTakeFirstOrThrow();
    expect(await verifyPassword(user.password_hash, NEW_PASSWORD)).toBe(true);
  });

  it("a link expires after an hour and then says so", async () => {
    const asked = new Date(Date.now() - 61 * 60_000);
    await ask("ruth@example.nhs.uk", "10.0.0.1", asked);
    const token = await tokenFromMail();
    const state = await resetLinkState(t.db, token);
    expect(state.state).toBe("expired");
    expect(await resetPassword(t.db, { token, password: NEW_PASSWORD })).toMatchObject({
      ok: false,
      link: { state: "expired" },
    });
    const user = await t.db.selectFrom("app_user").select("password_hash").executeTakeFirstOrThrow();
    expect(await verifyPassword(user.password_hash, PASSWORD)).toBe(true);
    // Still usable a minute before the hour is up.
    await t.db.deleteFrom("password_reset").execute();
    await t.db.deleteFrom("outbox").execute();
    await ask("ruth@example.nhs.uk", "10.0.0.1", new Date(Date.now() - 59 * 60_000));
    expect((await resetLinkState(t.db, await tokenFromMail())).state).toBe("usable");
  });

  it("an unknown token is unknown", async () => {
    expect(await resetLinkState(t.db, "not-a-real-token")).toEqual({ state: "unknown" });
    expect(await resetPassword(t.db, { token: "not-a-real-token", password: NEW_PASSWORD })).toEqual({
      ok: false,
      link: { state: "unknown" },
    });
  });

  it("throttles by address, known or not, and by client, and lets requests through once they age out", async () => {
    for (let i = 0; i < 3; i++) expect(await ask("ruth@example.nhs.uk", `10.1.0.${i}`)).toEqual({ ok: true });
    const blocked = await ask("ruth@example.nhs.uk", "10.1.9.9");
    expect(blocked.ok).toBe(false);
    if (!blocked.ok) expect(blocked.retryAfterSeconds).toBeGreaterThan(0);
    expect((await outbox()).length).toBe(3);
    // The same allowance for an address with no account, so throttling does not tell them apart.
    for (let i = 0; i < 3; i++) expect((await ask("ghost@example.nhs.uk", `10.2.0.${i}`)).ok).toBe(true);
    expect((await ask("ghost@example.nhs.uk", "10.2.9.9")).ok).toBe(false);

    // One client asking for many addresses.
    for (let i = 0; i < 20; i++) await ask(`person${i}@example.nhs.uk`, "10.6.6.6");
    expect((await ask("someone.else@example.nhs.uk", "10.6.6.6")).ok).toBe(false);
    expect((await ask("someone.else@example.nhs.uk", "10.7.7.7")).ok).toBe(true);

    // An hour later the address may ask again.
    await t.db
      .updateTable("password_reset_request")
      .set({ requested_at: new Date(Date.now() - 61 * 60_000).toISOString() })
      .execute();
    expect((await ask("ruth@example.nhs.uk", "10.1.9.9")).ok).toBe(true);
  });

  it("counts a burst of simultaneous requests for one address one after another", async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => ask("ruth@example.nhs.uk", `10.8.0.${i}`)));
    expect(answers.filter((a) => a.ok)).toHaveLength(3);
    expect(await t.db.selectFrom("password_reset_request").select("id").execute()).toHaveLength(3);
  });

  describe("changing the password when signed in", () => {
    const change = (sessionId: string, currentPassword: string, newPassword = NEW_PASSWORD) =>
      changePassword(t.db, { userId, sessionId, currentPassword, newPassword, client: "10.0.0.1" }, throttle);

    it("needs the current password and ends every other session, keeping this one", async () => {
      const here = await signInWith(PASSWORD);
      const elsewhere = await signInWith(PASSWORD);
      if (!here.ok || !elsewhere.ok) throw new Error("sign-in failed");
      const hereId = sessionIdFrom(here.cookie);

      expect(await change(hereId, "not-my-password")).toEqual({
        ok: false,
        field: "currentPassword",
        message: "Your current password is not correct",
      });
      expect(await change(hereId, PASSWORD, "password")).toMatchObject({ ok: false, field: "newPassword" });
      expect(await countSessions(t.db, userId)).toBe(2);
      expect(await outbox()).toEqual([]);

      expect(await change(hereId, PASSWORD)).toEqual({ ok: true });
      expect(await auth.validate(hereId)).not.toBeNull();
      expect(await auth.validate(sessionIdFrom(elsewhere.cookie))).toBeNull();
      expect(await countSessions(t.db, userId)).toBe(1);
      expect((await outbox()).map((m) => m.subject)).toEqual(["Your Peerlink password was changed"]);
      expect((await signInWith(NEW_PASSWORD)).ok).toBe(true);
    });

    it("counts wrong current passwords like failed sign-ins", async () => {
      const here = await signInWith(PASSWORD);
      if (!here.ok) throw new Error("sign-in failed");
      for (let i = 0; i < 5; i++) await change(sessionIdFrom(here.cookie), `wrong-guess-number-${i}`);
      expect(await change(sessionIdFrom(here.cookie), PASSWORD)).toMatchObject({ ok: false, field: "form" });
    });
  });
});
