import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
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
      client_address: event.clientAddress ?? null,
      detail: event.detail ?? null,
    })
    .execute();
}
