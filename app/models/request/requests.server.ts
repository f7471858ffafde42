import type { Kysely, Transaction } from "kysely";
import type { CostModel, Database, Priority, RequestStatus, TravelLimit } from "../../../db/schema";
import {
  canTransition,
  isEditable,
  notEditableMessage,
  refusalMessage,
  startsInPast,
  type TransitionActor,
} from "../../domain/request-lifecycle";
import { requestChanges } from "../../domain/request-changes";
import { can, type Actor } from "../../auth/policy";
import { Forbidden, NotFound, Refused } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { nowIso, stampAfter, todayInEngland } from "../../lib/dates";
import { notifyNeedsInformation, notifyPioneersOfNewRequest } from "../notification/notifications.server";
import { queueMail } from "../notification/outbox.server";
import { isMatchable } from "../../domain/offer-availability";

type Db = Kysely<Database> | Transaction<Database>;

export interface RequestFields {
  title: string;
  outcome: string;
  capabilityIds: string[];
  audienceCodes: string[];
  formatCodes: string[];
  windowStart: string;
  windowEnd: string;
  virtualOk: boolean;
  travelLimit: TravelLimit;
  budget: CostModel;
  priority: Priority;
}

const CONCURRENT_CHANGE = "Someone else changed this request at the same time. Reload the page to see it as it is now.";

/**
 * Events share a request's timeline, and two changes in the same millisecond would tie; each new
 * event is placed at least a millisecond after the last so the timeline order is certain.
 */
async function recordEvent(
  trx: Db,
  event: { requestId: string; from: RequestStatus | null; to: RequestStatus; actorId: string; note: string },
) {
  const last = await trx
    .selectFrom("help_request_event")
    .select("created_at")
    .where("request_id", "=", event.requestId)
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
  const at = stampAfter(last?.created_at);
  await trx
    .insertInto("help_request_event")
    .values({
      id: newId(),
      request_id: event.requestId,
      from_status: event.from,
      to_status: event.to,
      actor_id: event.actorId,
      note: event.note,
      created_at: at,
    })
    .execute();
}

function assertWindow(fields: RequestFields) {
  if (fields.windowEnd <= fields.windowStart)
    throw new Refused("The end date must be after the start date", { code: "window_order" });
}

const unique = (values: string[]) => [...new Set(values)];

/** Choices must name rows that exist, so a tampered form gets a message rather than a foreign-key failure. */
async function assertKnownChoices(trx: Db, fields: RequestFields) {
  const capabilities = unique(fields.capabilityIds);
  const audiences = unique(fields.audienceCodes);
  const formats = unique(fields.formatCodes);
  const [c, a, f] = await Promise.all([
    capabilities.length ? trx.selectFrom("capability").select("id").where("id", "in", capabilities).execute() : [],
    audiences.length ? trx.selectFrom("audience_level").select("code").where("code", "in", audiences).execute() : [],
    formats.length ? trx.selectFrom("offer_format").select("code").where("code", "in", formats).execute() : [],
  ]);
  if (capabilities.length === 0 || c.length !== capabilities.length)
    throw new Refused("Select at least one capability from the list", { code: "capabilities" });
  if (audiences.length === 0 || a.length !== audiences.length)
    throw new Refused("Select at least one audience from the list", { code: "audiences" });
  if (formats.length === 0 || f.length !== formats.length)
    throw new Refused("Select at least one format from the list", { code: "formats" });
}

async function insertChoices(trx: Db, requestId: string, fields: RequestFields) {
  await trx
    .insertInto("help_request_capability")
    .values(unique(fields.capabilityIds).map((capability_id) => ({ request_id: requestId, capability_id })))
    .execute();
  await trx
    .insertInto("help_request_audience")
    .values(unique(fields.audienceCodes).map((audience_code) => ({ request_id: requestId, audience_code })))
    .execute();
  await trx
    .insertInto("help_request_format")
    .values(unique(fields.formatCodes).map((format_code) => ({ request_id: requestId, format_code })))
    .execute();
}

const columns = (f: RequestFields) => ({
  title: f.title,
  outcome: f.outcome,
  window_start: f.windowStart,
  window_end: f.windowEnd,
  virtual_ok: f.virtualOk ? 1 : 0,
  travel_limit: f.travelLimit,
  budget: f.budget,
  priority: f.priority,
});

/**
 * An offer a request may name as its preference: one open to requests today (published, or its pause
 * over), from another organisation. Anything else is refused with a message for the form.
 */
async function assertPreferableOffer(trx: Db, offerId: string, organisationId: string, today: string) {
  const offer = await trx
    .selectFrom("offer")
    .select(["organisation_id", "status", "paused_until"])
    .where("id", "=", offerId)
    .executeTakeFirst();
  if (!offer || offer.organisation_id === organisationId)
    throw new Refused("The offer you asked for is not one you can ask for. Start again from the offers list.", {
      code: "preferred_offer",
    });
  if (!isMatchable(offer, today))
    throw new Refused(
      "The offer you asked for is no longer taking requests. Remove it to file the request without it, or choose another offer.",
      { code: "preferred_offer" },
    );
}

export async function createRequest(
  db: Kysely<Database>,
  input: {
    organisationId: string;
    actor: Actor;
    fields: RequestFields;
    submit: boolean;
    today?: string;
    /** "Ask for this offer": the offer the request was started from. */
    preferredOfferId?: string | null;
  },
): Promise<string> {
  const { fields } = input;
  assertWindow(fields);
  if (input.submit && startsInPast(fields.windowStart, input.today ?? todayInEngland())) {
    throw new Refused("The start date must be today or in the future", { code: "window_start_past" });
  }
  return db.transaction().execute(async (trx) => {
    // Only the organisation's own people speak for it: the policy decides, on the organisation's row.
    const organisation = await trx
      .selectFrom("organisation")
      .select(["id", "region_code", "icb_code"])
      .where("id", "=", input.organisationId)
      .executeTakeFirst();
    if (
      !organisation ||
      !can(input.actor, {
        action: "request:create",
        organisation: { id: organisation.id, regionCode: organisation.region_code, icbCode: organisation.icb_code },
      })
    ) {
      throw new Forbidden("Help requests belong to an organisation, and only its own people can file them.");
    }
    await assertKnownChoices(trx, fields);
    if (input.preferredOfferId)
      await assertPreferableOffer(trx, input.preferredOfferId, organisation.id, input.today ?? todayInEngland());
    const id = newId();
    const now = nowIso();
    const status: RequestStatus = input.submit ? "submitted" : "draft";
    await trx
      .insertInto("help_request")
      .values({
        id,
        organisation_id: input.organisationId,
        ...columns(fields),
        status,
        created_by: input.actor.id,
        created_at: now,
        updated_at: now,
        submitted_at: input.submit ? now : null,
        preferred_offer_id: input.preferredOfferId || null,
      })
      .execute();
    await insertChoices(trx, id, fields);
    await recordEvent(trx, { requestId: id, from: null, to: status, actorId: input.actor.id, note: "" });
    if (input.submit) await notifyPioneersOfNewRequest(trx, id);
    return id;
  });
}

/** The request with where its organisation sits, which is what the policy needs to decide. */
async function loadRequest(trx: Db, requestId: string) {
  const row = await trx
    .selectFrom("help_request")
    .innerJoin("organisation", "organisation.id", "help_request.organisation_id")
    .select([
      "help_request.id",
      "help_request.status",
      "help_request.organisation_id",
      "help_request.title",
      "help_request.window_start",
      "organisation.region_code",
      "organisation.icb_code",
    ])
    .where("help_request.id", "=", requestId)
    .executeTakeFirst();
  if (!row) throw new NotFound("Request");
  return { ...row, organisation: { id: row.organisation_id, regionCode: row.region_code, icbCode: row.icb_code } };
}

/** The request if the actor speaks for its organisation; anyone else is told it does not exist. */
async function loadOwned(trx: Db, requestId: string, actor: Actor) {
  const row = await loadRequest(trx, requestId);
  if (!can(actor, { action: "request:edit", organisation: row.organisation })) throw new NotFound("Request");
  return row;
}

/** The request's editable fields as they are stored now, to say what an edit changed. */
async function storedFields(trx: Db, requestId: string): Promise<RequestFields> {
  const row = await trx
    .selectFrom("help_request")
    .select(["title", "outcome", "window_start", "window_end", "virtual_ok", "travel_limit", "budget", "priority"])
    .where("id", "=", requestId)
    .executeTakeFirstOrThrow();
  // One after another: a transaction has one connection.
  const capabilities = await trx
    .selectFrom("help_request_capability")
    .select("capability_id")
    .where("request_id", "=", requestId)
    .execute();
  const audiences = await trx
    .selectFrom("help_request_audience")
    .select("audience_code")
    .where("request_id", "=", requestId)
    .execute();
  const formats = await trx
    .selectFrom("help_request_format")
    .select("format_code")
    .where("request_id", "=", requestId)
    .execute();
  return {
    title: row.title,
    outcome: row.outcome,
    capabilityIds: capabilities.map((c) => c.capability_id),
    audienceCodes: audiences.map((a) => a.audience_code),
    formatCodes: formats.map((f) => f.format_code),
    windowStart: row.window_start,
    windowEnd: row.window_end,
    virtualOk: Boolean(row.virtual_ok),
    travelLimit: row.travel_limit,
    budget: row.budget,
    priority: row.priority,
  };
}

export const MATCH_APPROVED_MESSAGE =
  "A coordinator has approved a match for this request, so it can no longer be changed. Withdraw it if you no longer need the help, or contact your coordinator.";

/**
 * Why the trust cannot change its request now, or null if it can: only before anyone has acted on
 * it, that is until a coordinator approves a match (the pioneer agreed to what the request said).
 */
export async function editRefusal(db: Db, request: { id: string; status: RequestStatus }): Promise<string | null> {
  if (!isEditable(request.status)) return notEditableMessage(request.status);
  if (request.status !== "submitted") return null;
  const match = await db
    .selectFrom("outreach_match")
    .select("id")
    .where("request_id", "=", request.id)
    .where("status", "in", ["approved", "accepted"])
    .executeTakeFirst();
  return match ? MATCH_APPROVED_MESSAGE : null;
}

/**
 * Changes a request until a match for it is approved; `submit` also submits a draft, in the same
 * transaction. The timeline records what changed.
 */
export async function updateRequest(
  db: Kysely<Database>,
  input: { requestId: string; actor: Actor; fields: RequestFields; submit?: boolean; today?: string },
): Promise<void> {
  assertWindow(input.fields);
  await db.transaction().execute(async (trx) => {
    const current = await loadOwned(trx, input.requestId, input.actor);
    const refusal = await editRefusal(trx, current);
    if (refusal) throw new Refused(refusal);
    await assertKnownChoices(trx, input.fields);
    const changes = requestChanges(await storedFields(trx, input.requestId), input.fields);
    const updated = await trx
      .updateTable("help_request")
      .set({ ...columns(input.fields), updated_at: nowIso() })
      .where("id", "=", input.requestId)
      .where("status", "=", current.status)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw new Refused(CONCURRENT_CHANGE);
    for (const table of ["help_request_capability", "help_request_audience", "help_request_format"] as const) {
      await trx.deleteFrom(table).where("request_id", "=", input.requestId).execute();
    }
    await insertChoices(trx, input.requestId, input.fields);
    // An edit keeps the status; from = to marks it in the timeline, and the note says what changed.
    if (changes.length > 0) {
      await recordEvent(trx, {
        requestId: input.requestId,
        from: current.status,
        to: current.status,
        actorId: input.actor.id,
        note: changes.join(", "),
      });
    }
    if (input.submit) await submitDraft(trx, input.requestId, input.actor, input.today ?? todayInEngland());
  });
}

interface Move {
  requestId: string;
  to: RequestStatus;
  by: TransitionActor;
  actorId: string;
  note?: string;
  /** Set for the requester's own moves: the actor must speak for the request's organisation. */
  owner?: Actor;
  submittedAt?: string;
}

/**
 * One status change: checked against the lifecycle, then applied with `where status = <what we
 * read>` so that of two racing changes only one applies and the other is refused.
 */
async function move(trx: Db, m: Move) {
  const current = m.owner ? await loadOwned(trx, m.requestId, m.owner) : await loadRequest(trx, m.requestId);
  if (!canTransition(current.status, m.to, m.by)) throw new Refused(refusalMessage(current.status, m.to));
  const now = nowIso();
  const updated = await trx
    .updateTable("help_request")
    .set({ status: m.to, updated_at: now, ...(m.submittedAt ? { submitted_at: m.submittedAt } : {}) })
    .where("id", "=", m.requestId)
    .where("status", "=", current.status)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) throw new Refused(CONCURRENT_CHANGE);
  await recordEvent(trx, {
    requestId: m.requestId,
    from: current.status,
    to: m.to,
    actorId: m.actorId,
    note: m.note ?? "",
  });
  return current;
}

async function submitDraft(trx: Db, requestId: string, actor: Actor, today: string) {
  const current = await loadOwned(trx, requestId, actor);
  if (current.status === "needs_info")
    throw new Refused("Answer the coordinator's question to send the request back for matching.");
  if (current.status === "draft" && startsInPast(current.window_start, today)) {
    throw new Refused("The start date has passed. Change the dates, then submit the request.", {
      code: "window_start_past",
    });
  }
  await move(trx, {
    requestId,
    to: "submitted",
    by: "requester",
    actorId: actor.id,
    owner: actor,
    submittedAt: nowIso(),
  });
  await notifyPioneersOfNewRequest(trx, requestId);
}

export async function submitRequest(
  db: Kysely<Database>,
  input: { requestId: string; actor: Actor; today?: string },
): Promise<void> {
  await db
    .transaction()
    .execute((trx) => submitDraft(trx, input.requestId, input.actor, input.today ?? todayInEngland()));
}

/** A coordinator sends a submitted request back with a question; everyone at the trust is told, in Peerlink and by mail. */
export async function askForInformation(
  db: Kysely<Database>,
  input: { requestId: string; coordinator: Actor; question: string },
): Promise<void> {
  const question = input.question.trim();
  if (!question) throw new Refused("Enter your question", { code: "question_missing" });
  await db.transaction().execute(async (trx) => {
    const request = await loadRequest(trx, input.requestId);
    if (!can(input.coordinator, { action: "request:review", organisation: request.organisation }))
      throw new Forbidden();
    await move(trx, {
      requestId: input.requestId,
      to: "needs_info",
      by: "coordinator",
      actorId: input.coordinator.id,
      note: question,
    });
    // In-app notification and mail to everyone at the trust.
    await notifyNeedsInformation(trx, input.requestId, question);
  });
}

/** The trust answers the latest question and the request goes back for matching; the coordinator who asked is told. */
export async function answerAndResubmit(
  db: Kysely<Database>,
  input: { requestId: string; actor: Actor; answer: string },
): Promise<void> {
  const answer = input.answer.trim();
  if (!answer) throw new Refused("Enter your answer", { code: "answer_missing" });
  await db.transaction().execute(async (trx) => {
    const asked = await trx
      .selectFrom("help_request_event")
      .innerJoin("app_user", "app_user.id", "help_request_event.actor_id")
      .select(["app_user.email", "app_user.disabled_at"])
      .where("help_request_event.request_id", "=", input.requestId)
      .where("help_request_event.to_status", "=", "needs_info")
      .where("help_request_event.from_status", "=", "submitted")
      .orderBy("help_request_event.created_at", "desc")
      .limit(1)
      .executeTakeFirst();
    const request = await move(trx, {
      requestId: input.requestId,
      to: "submitted",
      by: "requester",
      actorId: input.actor.id,
      owner: input.actor,
      note: answer,
    });
    if (asked && !asked.disabled_at) {
      await queueMail(trx, {
        to: asked.email,
        subject: `Read the answer and match again: ${request.title}`,
        body: `The trust answered your question about "${request.title}":\n\n${answer}\n\nThe request is open for matching again.`,
        link: `/requests/${request.id}`,
        why: "You received this because you asked the trust for more information.",
        choosable: false,
      });
    }
  });
}

export async function withdrawRequest(
  db: Kysely<Database>,
  input: { requestId: string; actor: Actor; reason?: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await move(trx, {
      requestId: input.requestId,
      to: "withdrawn",
      by: "requester",
      actorId: input.actor.id,
      owner: input.actor,
      note: input.reason?.trim() ?? "",
    });
  });
}

/** Called by matching inside its own transaction, so the match and the status change commit together. */
export async function markMatched(trx: Db, requestId: string, actorId: string): Promise<void> {
  await move(trx, { requestId, to: "matched", by: "system", actorId });
}

/** Called when the first session of a matched request takes place. */
export async function markInProgress(trx: Db, requestId: string, actorId: string): Promise<void> {
  await move(trx, { requestId, to: "in_progress", by: "system", actorId });
}

/** Called when the engagement that answered the request is closed. */
export async function markCompleted(trx: Db, requestId: string, actorId: string, note = ""): Promise<void> {
  await move(trx, { requestId, to: "completed", by: "system", actorId, note });
}

/** Called when the engagement that answered the request stops early: the request goes back for matching. */
export async function markReturnedToMatching(trx: Db, requestId: string, actorId: string, note = ""): Promise<void> {
  await move(trx, { requestId, to: "submitted", by: "system", actorId, note });
}

/** The request with what it asks for and its timeline, for anyone the route has let see it. */
