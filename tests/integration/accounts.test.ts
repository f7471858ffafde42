import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAuth, type Auth } from "~/auth/lucia.server";
import { sha256Hex } from "~/auth/hash.server";
import { countSessions, signIn, signOut, signOutEverywhere } from "~/models/account/sign-in.server";
import { createUser } from "~/models/account/users.server";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";

const throttle = { maxFailures: 5, windowMinutes: 15 };
const settings = { idleMinutes: 30, absoluteHours: 12, production: false };
const PASSWORD = "river-lantern-orchard";

const sessionIdFrom = (cookie: string) => /=([^;]*)/.exec(cookie)![1];

describe.each(testEngines())("accounts and sessions on %s", (engine) => {
  let t: TestDatabase;
  let auth: Auth;
  let userId: string;

  beforeEach(async () => {
    t = await freshDatabase(engine);
    auth = createAuth(t.db, settings);
    userId = await createUser(t.db, {
      email: "Admin@Example.org",
      name: "Ada Admin",
      password: PASSWORD,
      role: "admin",
    });
  });
  afterEach(async () => t.dispose());

  const attempt = (password: string, client = "10.0.0.1", email = "admin@example.org") =>
    signIn(t.db, auth, { email, password, client }, throttle);

  it("signs in with the right password, case-insensitively by email, and stores only a hash of the session id", async () => {
    const result = await attempt(PASSWORD, "10.0.0.1", "  ADMIN@example.ORG ");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const id = sessionIdFrom(result.cookie);
    expect(result.cookie).toMatch(/HttpOnly/i);
    expect(result.cookie).toMatch(/SameSite=Lax/i);
    expect(result.cookie).toMatch(/Path=\//);
    // The browser forgets the cookie when the session can no longer be used, whatever happens to the server.
    expect(result.cookie).toMatch(new RegExp(`Max-Age=${settings.absoluteHours * 3600}(;|$)`));
    const stored = await t.db.selectFrom("auth_session").select("id").execute();
    expect(stored).toEqual([{ id: sha256Hex(id) }]);
    expect((await auth.validate(id))?.user.email).toBe("admin@example.org");
    // A stolen database row is not a usable cookie.
    expect(await auth.validate(stored[0].id)).toBeNull();
  });

  it("refuses a wrong password and an unknown account alike", async () => {
    expect(await attempt("wrong-password-here")).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt(PASSWORD, "10.0.0.1", "nobody@example.org")).toEqual({ ok: false, reason: "invalid" });
  });

  it("a fresh session at every sign-in", async () => {
    const first = await attempt(PASSWORD);
    const second = await attempt(PASSWORD);
    if (!first.ok || !second.ok) throw new Error("sign-in failed");
    expect(sessionIdFrom(first.cookie)).not.toBe(sessionIdFrom(second.cookie));
    expect(await countSessions(t.db, userId)).toBe(2);
  });

  it("throttles an account after five failures, even with the right password, and lets it in once they age out", async () => {
    for (let i = 0; i < 5; i++) expect((await attempt("wrong-password-here", `10.0.0.${i}`)).ok).toBe(false);
    const blocked = await attempt(PASSWORD, "10.9.9.9");
    expect(blocked).toMatchObject({ ok: false, reason: "throttled" });
    if (!blocked.ok && blocked.reason === "throttled") expect(blocked.retryAfterSeconds).toBeGreaterThan(0);
    // Age the failures beyond the window: no permanent lock-out.
    const old = new Date(Date.now() - 16 * 60_000).toISOString();
    await t.db.updateTable("sign_in_attempt").set({ attempted_at: old }).execute();
    expect((await attempt(PASSWORD)).ok).toBe(true);
  });

  it("throttles a client that tries many accounts", async () => {
    for (let i = 0; i < 20; i++) await attempt("wrong-password-here", "10.6.6.6", `user${i}@example.org`);
    expect(await attempt(PASSWORD, "10.6.6.6")).toMatchObject({ ok: false, reason: "throttled" });
    expect((await attempt(PASSWORD, "10.7.7.7")).ok).toBe(true);
  });

  it("ends a session left idle past the idle timeout", async () => {
    const result = await attempt(PASSWORD);
    if (!result.ok) throw new Error("sign-in failed");
    const id = sessionIdFrom(result.cookie);
    await t.db
      .updateTable("auth_session")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .execute();
    expect(await auth.validate(id)).toBeNull();
    expect(await countSessions(t.db, userId)).toBe(0);
  });

  it("extends an active session by the idle timeout, but never past the absolute lifetime", async () => {
    const result = await attempt(PASSWORD);
    if (!result.ok) throw new Error("sign-in failed");
    const id = sessionIdFrom(result.cookie);
    // Last seen five minutes ago, expiring in 25: using it moves expiry to 30 minutes from now.
    await t.db
      .updateTable("auth_session")
      .set({
        last_seen_at: new Date(Date.now() - 5 * 60_000).toISOString(),
        expires_at: new Date(Date.now() + 25 * 60_000).toISOString(),
      })
      .execute();
    expect(await auth.validate(id)).not.toBeNull();
    const extended = await t.db.selectFrom("auth_session").select("expires_at").executeTakeFirstOrThrow();
    expect(new Date(extended.expires_at).getTime()).toBeGreaterThan(Date.now() + 29 * 60_000);

    // Created 12 hours ago: refused however recently it was used.
    await t.db
      .updateTable("auth_session")
      .set({ created_at: new Date(Date.now() - 12 * 3_600_000 - 1000).toISOString() })
      .execute();
    expect(await auth.validate(id)).toBeNull();
    expect(await countSessions(t.db, userId)).toBe(0);
  });

  it("signs out one session, or every session everywhere", async () => {
    const a = await attempt(PASSWORD);
    const b = await attempt(PASSWORD);
    const c = await attempt(PASSWORD);
    if (!a.ok || !b.ok || !c.ok) throw new Error("sign-in failed");
    const blank = await signOut(auth, sessionIdFrom(a.cookie));
    expect(blank).toMatch(/Max-Age=0/i);
    expect(await auth.validate(sessionIdFrom(a.cookie))).toBeNull();
    expect(await auth.validate(sessionIdFrom(b.cookie))).not.toBeNull();
    await signOutEverywhere(auth, userId);
    expect(await auth.validate(sessionIdFrom(b.cookie))).toBeNull();
    expect(await auth.validate(sessionIdFrom(c.cookie))).toBeNull();
  });

  it("refuses a disabled account", async () => {
    await t.db.updateTable("app_user").set({ disabled_at: new Date().toISOString() }).execute();
    expect(await attempt(PASSWORD)).toEqual({ ok: false, reason: "invalid" });
  });

  it("uses a __Host- Secure cookie in production", () => {
    const production = createAuth(t.db, { ...settings, production: true });
    const cookie = production.sessionCookie("abc");
    expect(cookie).toMatch(/^__Host-/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).not.toMatch(/Domain=/i);
  });
});
