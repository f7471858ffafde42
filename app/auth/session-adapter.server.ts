import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { sha256Hex } from "./hash.server";

/**
 * Lucia adapter over Kysely. Only SHA-256(session id) is stored, so a copied database or
 * backup holds no session a thief could replay. Expiry never passes the absolute lifetime.
 */
export class HashedSessionAdapter implements Adapter {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly absoluteLifetimeMs: number,
  ) {}

  async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const row = await this.db
      .selectFrom("auth_session")
      .innerJoin("app_user", "app_user.id", "auth_session.user_id")
      .leftJoin("coordinating_body", "coordinating_body.id", "app_user.coordinating_body_id")
      .leftJoin("organisation", "organisation.id", "app_user.organisation_id")
      .select([
        "auth_session.expires_at",
        "auth_session.created_at",
        "auth_session.last_seen_at",
        "auth_session.device",
        "app_user.id as user_id",
        "app_user.email",
        "app_user.name",
        "app_user.role",
        "app_user.organisation_id",
        "app_user.coordinating_body_id",
        "coordinating_body.scope",
        "coordinating_body.scope_code",
        "organisation.offers_outreach",
        "organisation.name as organisation_name",
        "coordinating_body.name as body_name",
      ])
      .where("auth_session.id", "=", sha256Hex(sessionId))
      .where("app_user.disabled_at", "is", null)
      .executeTakeFirst();
    if (!row) return [null, null];
    return [
      {
        id: sessionId,
        userId: row.user_id,
        expiresAt: new Date(row.expires_at),
        attributes: { createdAt: row.created_at, lastSeenAt: row.last_seen_at, device: row.device },
      },
      {
        id: row.user_id,
        attributes: {
          email: row.email,
          name: row.name,
          role: row.role,
          organisationId: row.organisation_id,
          coordinatingBodyId: row.coordinating_body_id,
          scope: row.scope ? { kind: row.scope, code: row.scope_code } : null,
          organisationIsPioneer: row.offers_outreach === 1,
          belongsToName: row.organisation_name ?? row.body_name ?? null,
        },
      },
    ];
  }

  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    // Stored ids are hashes and cannot be turned back into cookie values; callers only count these.
    const rows = await this.db.selectFrom("auth_session").selectAll().where("user_id", "=", userId).execute();
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      expiresAt: new Date(r.expires_at),
      attributes: { createdAt: r.created_at, lastSeenAt: r.last_seen_at, device: r.device },
    }));
  }

  /**
   * A new session is a sign-in: it is stamped on the account as its last sign-in, and made only while
   * the account is enabled. Taking the account's row first means a session cannot slip in beside a
   * disabling that ends them all, so re-enabling an account never brings a session back.
   */
  async setSession(session: DatabaseSession): Promise<void> {
    const now = new Date();
    const expiresAt = Math.min(session.expiresAt.getTime(), now.getTime() + this.absoluteLifetimeMs);
    await this.db.transaction().execute(async (trx) => {
      const enabled = await trx
        .updateTable("app_user")
        .set({ last_sign_in_at: now.toISOString() })
        .where("id", "=", session.userId)
        .where("disabled_at", "is", null)
        .executeTakeFirst();
      if (Number(enabled.numUpdatedRows) === 0) return;
      await trx
        .insertInto("auth_session")
        .values({
          id: sha256Hex(session.id),
          user_id: session.userId,
          expires_at: new Date(expiresAt).toISOString(),
          created_at: now.toISOString(),
          last_seen_at: now.toISOString(),
          device: session.attributes.device ?? null,
        })
        .execute();
    });
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    const id = sha256Hex(sessionId);
    const row = await this.db.selectFrom("auth_session").select("created_at").where("id", "=", id).executeTakeFirst();
    if (!row) return;
    const cap = new Date(row.created_at).getTime() + this.absoluteLifetimeMs;
    await this.db
      .updateTable("auth_session")
      .set({
        expires_at: new Date(Math.min(expiresAt.getTime(), cap)).toISOString(),
        last_seen_at: new Date().toISOString(),
      })
      .where("id", "=", id)
      .execute();
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.db.deleteFrom("auth_session").where("id", "=", sha256Hex(sessionId)).execute();
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await this.db.deleteFrom("auth_session").where("user_id", "=", userId).execute();
  }

  async deleteExpiredSessions(): Promise<void> {
    await this.db.deleteFrom("auth_session").where("expires_at", "<=", new Date().toISOString()).execute();
  }
}
