import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { containsText } from "../../../db/portable";
import { can, type Actor } from "../../auth/policy";
import { AUDIT_KINDS, type AuditKind } from "../../domain/audit-kinds";
import { dayAfter, startOfDayInEngland } from "../../lib/dates";
import { Forbidden } from "../../lib/errors";
import type { AuditFilters } from "../../schemas/audit";

export const AUDIT_PAGE_SIZE = 50;

/** One event as the page and the CSV show it: people and the organisation by name, looked up now. */
export interface AuditEventView {
  id: string;
  occurredAt: string;
  kind: AuditKind;
  kindLabel: string;
  who: string;
  about: string | null;
  organisation: string | null;
  clientAddress: string | null;
  detail: string | null;
}

type Row = {
  id: string;
  occurred_at: string;
  kind: string;
  actor_id: string | null;
  actor_name: string | null;
  actor_email: string | null;
  subject_user_id: string | null;
  subject_name: string | null;
  subject_email: string | null;
  organisation_id: string | null;
  organisation_name: string | null;
  client_address: string | null;
  detail: string | null;
};

function assertMayRead(actor: Actor): void {
  if (!can(actor, { action: "audit:read" })) throw new Forbidden("Only administrators read the audit log");
}

/** The events that match, with the names joined at read time (rows hold ids only). */
function matching(db: Kysely<Database>, filters: AuditFilters) {
  let query = db
    .selectFrom("audit_event")
    .leftJoin("app_user as actor", "actor.id", "audit_event.actor_id")
    .leftJoin("app_user as subject", "subject.id", "audit_event.subject_user_id")
    .leftJoin("organisation", "organisation.id", "audit_event.organisation_id");
  if (filters.person) {
    const text = filters.person;
    query = query.where((eb) =>
      eb.or([
        containsText(eb.ref("actor.email").$castTo<string>(), text),
        containsText(eb.ref("actor.name").$castTo<string>(), text),
        containsText(eb.ref("subject.email").$castTo<string>(), text),
        containsText(eb.ref("subject.name").$castTo<string>(), text),
      ]),
    );
  }
  if (filters.organisation) query = query.where("audit_event.organisation_id", "=", filters.organisation);
  if (filters.kind) query = query.where("audit_event.kind", "=", filters.kind);
  // The dates are England's: from the first day's midnight to the midnight after the last day.
  if (filters.from) query = query.where("audit_event.occurred_at", ">=", startOfDayInEngland(filters.from));
  if (filters.to) query = query.where("audit_event.occurred_at", "<", startOfDayInEngland(dayAfter(filters.to)));
  return query;
}

type Matching = ReturnType<typeof matching>;

const withColumns = (query: Matching) =>
  query.select([
    "audit_event.id",
    "audit_event.occurred_at",
    "audit_event.kind",
    "audit_event.actor_id",
    "actor.name as actor_name",
    "actor.email as actor_email",
    "audit_event.subject_user_id",
    "subject.name as subject_name",
    "subject.email as subject_email",
    "audit_event.organisation_id",
    "organisation.name as organisation_name",
    "audit_event.client_address",
    "audit_event.detail",
  ]);

/** A person as the log names them: name and email, or what stands in when there is no one or no longer an account. */
const personOf = (id: string | null, name: string | null, email: string | null): string | null => {
  if (!id) return null;
  if (name === null) return "an account no longer on Peerlink";
  return `${name} (${email})`;
};

function view(row: Row): AuditEventView {
  const kind = row.kind as AuditKind;
  const who =
    personOf(row.actor_id, row.actor_name, row.actor_email) ??
    (kind === "sign_in_failed" ? "someone not signed in" : "Peerlink");
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    kind,
    kindLabel: AUDIT_KINDS[kind] ?? row.kind,
    who,
    about: personOf(row.subject_user_id, row.subject_name, row.subject_email),
    organisation: row.organisation_id ? (row.organisation_name ?? "an organisation no longer on Peerlink") : null,
    clientAddress: row.client_address,
    detail: row.detail,
  };
}

/** One page of matching events, newest first, and how many match in all. */
export async function listAuditEvents(
  db: Kysely<Database>,
  actor: Actor,
  filters: AuditFilters,
  page: number,
  pageSize = AUDIT_PAGE_SIZE,
): Promise<{ events: AuditEventView[]; total: number }> {
  assertMayRead(actor);
  const counted = await matching(db, filters)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const rows = await withColumns(matching(db, filters))
    .orderBy("audit_event.occurred_at", "desc")
    .orderBy("audit_event.id", "desc")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { events: rows.map(view), total: Number(counted.n) };
}

/**
 * Every matching event, newest first, a batch at a time: each batch starts after the last row of
 * the one before (by time, then id), so however long the log only one batch is held in memory.
 */
export async function* auditEventBatches(
  db: Kysely<Database>,
  actor: Actor,
  filters: AuditFilters,
  batchSize = 500,
): AsyncGenerator<AuditEventView[]> {
  assertMayRead(actor);
  let after: { occurredAt: string; id: string } | null = null;
  for (;;) {
    let query = withColumns(matching(db, filters));
    if (after) {
      const { occurredAt, id } = after;
      query = query.where((eb) =>
        eb.or([
          eb("audit_event.occurred_at", "<", occurredAt),
          eb.and([eb("audit_event.occurred_at", "=", occurredAt), eb("audit_event.id", "<", id)]),
        ]),
      );
    }
    const rows = await query
      .orderBy("audit_event.occurred_at", "desc")
      .orderBy("audit_event.id", "desc")
      .limit(batchSize)
      .execute();
    if (rows.length === 0) return;
    yield rows.map(view);
    if (rows.length < batchSize) return;
    const last = rows[rows.length - 1];
    after = { occurredAt: last.occurred_at, id: last.id };
  }
}

/** The organisations the filter offers: those that appear in the log, by name. */
export function auditedOrganisations(db: Kysely<Database>, actor: Actor) {
  assertMayRead(actor);
  return db
    .selectFrom("organisation")
    .select(["organisation.id", "organisation.name"])
    .where("organisation.id", "in", (eb) =>
      eb
        .selectFrom("audit_event")
        .select("audit_event.organisation_id")
        .where("audit_event.organisation_id", "is not", null)
        .$narrowType<{ organisation_id: string }>(),
    )
    .orderBy("organisation.name")
    .execute();
}
