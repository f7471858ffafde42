import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { SYSTEM_ACTOR } from "../../auth/policy";
import type { AuditKind } from "../../domain/audit-kinds";
import { nowIso } from "../../lib/dates";
import { newId } from "../../lib/ids";

export interface AuditEvent {
  kind: AuditKind;
  /** Who acted; null for the service itself or someone not signed in. */
  actorId: string | null;
  /** Whose account the event is about, when it is about one. */
  subjectUserId?: string | null;
  organisationId?: string | null;
  /** Where from, as the server saw it. */
  clientAddress?: string | null;
  /** What, in words that name no one: people are referred to by the ids above. */
  detail?: string | null;
}

/** Where a request came from, passed down from the route to the model that records the event. */
export interface RequestOrigin {
  clientAddress?: string | null;
}

/** The acting person's id; none for the service itself (command-line tools, the seed, the scheduler). */
export const actorIdOf = (actor: { id: string }): string | null => (actor.id === SYSTEM_ACTOR.id ? null : actor.id);

/**
 * Appends one event. Pass the transaction that makes the change, so the change and its record
 * are kept or lost together.
 */
export async function recordAuditEvent(db: Kysely<Database>, event: AuditEvent, now = nowIso()): Promise<void> {
  await db
    .insertInto("audit_event")
    .values({
      id: newId(),
      occurred_at: now,
      kind: event.kind,
      actor_id: event.actorId,
      subject_user_id: event.subjectUserId ?? null,
      organisation_id: event.organisationId ?? null,
      // The server writes "unknown" when it cannot tell; the log keeps nothing then.
      client_address: event.clientAddress && event.clientAddress !== "unknown" ? event.clientAddress : null,
      detail: event.detail ?? null,
    })
    .execute();
}
