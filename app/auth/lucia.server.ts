import { Cookie, Lucia, TimeSpan, type Session, type User } from "lucia";
import type { Kysely } from "kysely";
import type { CoordinatorScope, Database, UserRole } from "../../db/schema";
import { HashedSessionAdapter } from "./session-adapter.server";
import { sessionCookieName } from "./session-cookie";

export interface SessionSettings {
  idleMinutes: number;
  absoluteHours: number;
  production: boolean;
}

export type Auth = ReturnType<typeof createAuth>;

export function createAuth(db: Kysely<Database>, settings: SessionSettings) {
  const absoluteMs = settings.absoluteHours * 3_600_000;
  const adapter = new HashedSessionAdapter(db, absoluteMs);
  const lucia = new Lucia(adapter, {
    sessionExpiresIn: new TimeSpan(settings.idleMinutes, "m"),
    sessionCookie: {
      name: sessionCookieName(settings.production),
      // The server decides when a session ends; sessionCookie() below caps the cookie at the absolute lifetime.
      expires: false,
      attributes: { sameSite: "lax", secure: settings.production, path: "/" },
    },
    getSessionAttributes: (attributes) => attributes,
    getUserAttributes: (attributes) => attributes,
  });

  /**
   * Lucia only extends a session when half its lifetime is gone, which would make the idle
   * timeout anywhere between 15 and 30 minutes. Touching at most once a minute keeps it exact.
   */
  async function validate(sessionId: string): Promise<{ session: Session; user: User } | null> {
    const result = await lucia.validateSession(sessionId);
    if (!result.session || !result.user) return null;
    if (Date.now() >= new Date(result.session.createdAt).getTime() + absoluteMs) {
      await lucia.invalidateSession(sessionId);
      return null;
    }
    const lastSeen = new Date(result.session.lastSeenAt).getTime();
    if (!result.session.fresh && Date.now() - lastSeen > 60_000) {
      await adapter.updateSessionExpiration(sessionId, new Date(Date.now() + settings.idleMinutes * 60_000));
    }
    return { session: result.session, user: result.user };
  }

  /**
   * The cookie for a new session. Lucia would keep a non-expiring cookie for 400 days; it lives no
   * longer than the session's absolute lifetime, so a browser never holds a cookie past its use.
   */
  function sessionCookie(sessionId: string): string {
    const cookie = lucia.createSessionCookie(sessionId);
    return new Cookie(cookie.name, cookie.value, {
      ...cookie.attributes,
      maxAge: Math.floor(absoluteMs / 1000),
    }).serialize();
  }

  return { lucia, validate, adapter, sessionCookie };
}

declare module "lucia" {
  interface Register {
    Lucia: Lucia<DatabaseSessionAttributes, DatabaseUserAttributes>;
    DatabaseSessionAttributes: DatabaseSessionAttributes;
    DatabaseUserAttributes: DatabaseUserAttributes;
  }
}

interface DatabaseSessionAttributes {
  createdAt: string;
  lastSeenAt: string;
  /** Browser and system, named at sign-in (see app/domain/device.ts). */
  device: string | null;
}

interface DatabaseUserAttributes {
  email: string;
  name: string;
  role: UserRole;
  organisationId: string | null;
  coordinatingBodyId: string | null;
  scope: { kind: CoordinatorScope; code: string | null } | null;
  organisationIsPioneer: boolean;
  /** The organisation's or coordinating body's name, for the header. */
  belongsToName: string | null;
}
