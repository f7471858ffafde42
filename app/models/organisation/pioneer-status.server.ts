import type { Kysely, Transaction } from "kysely";
import { Forbidden, NotFound, Refused } from "../../lib/errors";
import type { Database, PioneerStatusRequestStatus } from "../../../db/schema";
import { isUniqueViolation } from "../../../db/portable";
import { can, type Actor, type OrganisationRef } from "../../auth/policy";
import { newId } from "../../lib/ids";
import { monotonicIso, nowIso } from "../../lib/dates";
import { actorIdOf, recordAuditEvent } from "../audit/record.server";
import { notifyOrganisation, notifyUser } from "../notification/notifications.server";

// Pioneer status is granted, not declared: pioneers read other trusts' requests, so a trust asks
// with its reasons and an administrator or a coordinator responsible for it decides.

type Db = Kysely<Database> | Transaction<Database>;

export const REASON_MAX = 2000;

async function organisationOf(db: Db, id: string) {
  const row = await db
    .selectFrom("organisation")
    .select(["id", "name", "region_code", "icb_code", "active", "offers_outreach"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new NotFound("Organisation");
  return { ...row, ref: { id: row.id, regionCode: row.region_code, icbCode: row.icb_code } satisfies OrganisationRef };
}

/** Administrators, and the coordinators whose national, regional or board scope covers the organisation. */
async function decidersFor(db: Db, organisation: { region_code: string | null; icb_code: string | null }) {
  return db
    .selectFrom("app_user")
    .leftJoin("coordinating_body", "coordinating_body.id", "app_user.coordinating_body_id")
    .select("app_user.id")
    .where("app_user.disabled_at", "is", null)
    .where((eb) =>
      eb.or([
        eb("app_user.role", "=", "admin"),
        eb.and([
          eb("app_user.role", "=", "coordinator"),
          eb.or([
            eb("coordinating_body.scope", "=", "national"),
            eb.and([
              eb("coordinating_body.scope", "=", "region"),
              eb("coordinating_body.scope_code", "=", organisation.region_code ?? ""),
            ]),
            eb.and([
              eb("coordinating_body.scope", "=", "icb"),
              eb("coordinating_body.scope_code", "=", organisation.icb_code ?? ""),
            ]),
          ]),
        ]),
      ]),
    )
    .orderBy("app_user.id")
    .execute();
}

async function pendingOf(db: Db, organisationId: string) {
  return db
    .selectFrom("pioneer_status_request")
    .select("id")
    .where("organisation_id", "=", organisationId)
    .where("status", "=", "pending")
    .executeTakeFirst();
}

/** Records a trust's request for pioneer status and tells those who decide. Returns its id. */
export async function askForPioneerStatus(
  db: Kysely<Database>,
  input: { actor: Actor; organisationId: string; reason: string; clientAddress?: string | null },
): Promise<string> {
  const reason = input.reason.trim();
  if (!reason)
    throw new Refused("Say why your organisation should be a pioneer: the improvement work others could learn from", {
      code: "reason",
    });
  if (reason.length > REASON_MAX)
    throw new Refused(`Reason must be ${REASON_MAX} characters or fewer`, { code: "reason" });
  const id = newId();
  const alreadyAsked = () => new Refused("Your organisation has already asked: a coordinator will decide");
  await db.transaction().execute(async (trx) => {
    const organisation = await organisationOf(trx, input.organisationId);
    if (!can(input.actor, { action: "pioneer:ask", organisation: organisation.ref })) throw new Forbidden();
    if (organisation.offers_outreach === 1) throw new Refused("Your organisation is already a pioneer");
    if (organisation.active !== 1) throw new Refused("A closed organisation cannot become a pioneer");
    if (await pendingOf(trx, organisation.id)) throw alreadyAsked();
    await trx
      .insertInto("pioneer_status_request")
      .values({
        id,
        organisation_id: organisation.id,
        reason,
        status: "pending",
        requested_by: input.actor.id,
        requested_at: monotonicIso(),
        decided_by: null,
        decided_at: null,
        decision_note: "",
      })
      .execute()
      // Two administrators asking at the same moment: the index keeps one, the other is told.
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? alreadyAsked() : error;
      });
    // The reason is the trust's own words and may name people, so the log keeps the request's id.
    await recordAuditEvent(trx, {
      kind: "pioneer_status_changed",
      actorId: actorIdOf(input.actor),
      organisationId: organisation.id,
      clientAddress: input.clientAddress,
      detail: `asked for (request ${id})`,
    });
    for (const decider of await decidersFor(trx, organisation)) {
      await notifyUser(trx, decider.id, {
        kind: "pioneer_status_requested",
        title: `Pioneer status asked for: ${organisation.name}`,
        body: `${organisation.name} asked to become a pioneer trust. Their reason: ${reason}`,
        link: `/organisations/${organisation.id}`,
      });
    }
  });
  return id;
}

/** Grants or refuses a waiting request; granting makes the organisation a pioneer in the same transaction. */
export async function decidePioneerStatus(
  db: Kysely<Database>,
  input: {
    actor: Actor;
    requestId: string;
    decision: "grant" | "refuse";
    note: string;
    /** When given, the request must be this organisation's. */ organisationId?: string;
    clientAddress?: string | null;
  },
): Promise<void> {
  const note = input.note.trim();
  if (input.decision === "refuse" && !note)
    throw new Refused("Say why, so the trust knows what would change the decision", { code: "note" });
  if (note.length > REASON_MAX) throw new Refused(`Note must be ${REASON_MAX} characters or fewer`, { code: "note" });
  await db.transaction().execute(async (trx) => {
    const request = await trx
      .selectFrom("pioneer_status_request")
      .select(["id", "organisation_id"])
      .where("id", "=", input.requestId)
      .executeTakeFirst();
    if (!request || (input.organisationId !== undefined && request.organisation_id !== input.organisationId))
      throw new NotFound("Pioneer status request");
    const organisation = await organisationOf(trx, request.organisation_id);
    if (!can(input.actor, { action: "pioneer:decide", organisation: organisation.ref })) throw new Forbidden();
    const status: PioneerStatusRequestStatus = input.decision === "grant" ? "granted" : "refused";
    // Only a waiting request is decided: of two people deciding at once, the second is told.
    const decided = await trx
      .updateTable("pioneer_status_request")
      .set({ status, decided_by: input.actor.id, decided_at: nowIso(), decision_note: note })
      .where("id", "=", request.id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (Number(decided.numUpdatedRows) !== 1) throw new Refused("This request has already been decided");
    if (status === "granted")
      await trx
        .updateTable("organisation")
        .set({ offers_outreach: 1, updated_at: nowIso() })
        .where("id", "=", organisation.id)
        .execute();
    await recordAuditEvent(trx, {
      kind: "pioneer_status_changed",
      actorId: actorIdOf(input.actor),
      organisationId: organisation.id,
      clientAddress: input.clientAddress,
      detail: `${status === "granted" ? "granted" : "refused"} (request ${request.id})`,
    });
    await notifyOrganisation(trx, organisation.id, {
      kind: "pioneer_status_decided",
      title: status === "granted" ? "Your organisation is now a pioneer" : "Pioneer status not granted",
      body:
        status === "granted"
          ? `${organisation.name} can now publish outreach offers and read other trusts' help requests.${note ? ` ${note}` : ""}`
          : `The request for ${organisation.name} to become a pioneer was not granted. ${note}`,
      link: `/organisations/${organisation.id}`,
    });
  });
}

export interface PioneerStatusView {
  /** The latest request, waiting or decided; null when the organisation never asked. */
  latest: {
    id: string;
    reason: string;
    status: PioneerStatusRequestStatus;
    requestedAt: string;
    requestedBy: string;
    decidedAt: string | null;
    decisionNote: string;
  } | null;
  canAsk: boolean;
  canDecide: boolean;
}

/**
 * What the organisation's page shows about pioneer status to this viewer: the trust's own
 * administrator and those who decide see the latest request; everyone else sees nothing (null).
 */
export async function pioneerStatusFor(
  db: Db,
  actor: Actor,
  organisationId: string,
): Promise<PioneerStatusView | null> {
  const organisation = await organisationOf(db, organisationId);
  const canDecide = can(actor, { action: "pioneer:decide", organisation: organisation.ref });
  const mayAsk = can(actor, { action: "pioneer:ask", organisation: organisation.ref });
  if (!canDecide && !mayAsk) return null;
  const row = await db
    .selectFrom("pioneer_status_request")
    .innerJoin("app_user", "app_user.id", "pioneer_status_request.requested_by")
    .select([
      "pioneer_status_request.id",
      "pioneer_status_request.reason",
      "pioneer_status_request.status",
      "pioneer_status_request.requested_at",
      "pioneer_status_request.decided_at",
      "pioneer_status_request.decision_note",
      "app_user.name as requested_by",
    ])
    .where("pioneer_status_request.organisation_id", "=", organisation.id)
    .orderBy("pioneer_status_request.requested_at", "desc")
    .orderBy("pioneer_status_request.id", "desc")
    .limit(1)
    .executeTakeFirst();
  const latest = row
    ? {
        id: row.id,
        reason: row.reason,
        status: row.status,
        requestedAt: row.requested_at,
        requestedBy: row.requested_by,
        decidedAt: row.decided_at,
        decisionNote: row.decision_note,
      }
    : null;
  const waiting = latest?.status === "pending";
  return {
    latest,
    canAsk: mayAsk && organisation.offers_outreach !== 1 && organisation.active === 1 && !waiting,
    canDecide: canDecide && waiting,
  };
}
