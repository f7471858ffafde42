import { Lucia, TimeSpan, type Session, type User } from "lucia";
import type { Kysely } from "kysely";
import type { CoordinatorScope, Database, UserRole } from "../../db/schema";
import { HashedSessionAdapter } from "./session-adapter.server";

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
      // The __Host- prefix makes browsers insist on Secure, Path=/ and no Domain.
      name: settings.production ? "__Host-peerlink_session" : "peerlink_session",
      // A browser-session cookie: the server alone decides when a session ends.
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

  return { lucia, validate, adapter };
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
