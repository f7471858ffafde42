import type { Kysely, Selectable, Transaction } from "kysely";
import type { CostModel, Database, OfferStatus } from "../../../db/schema";
import {
  effectiveStatus,
  hasCurrentWindow,
  mergeWindows,
  windowProblem,
  type DateWindow,
} from "../../domain/offer-availability";
import { monotonicIso, nowIso, quarterOf, todayInEngland } from "../../lib/dates";
import {
  changeProblem,
  offerCapabilityRule,
  pauseProblem,
  type EvidenceProblem,
  type OfferChange,
} from "../../domain/offer-rules";
import { can, type Actor } from "../../auth/policy";
import { Forbidden, NotFound, Refused, type RefusalDetail } from "../../lib/errors";
import { newId } from "../../lib/ids";

type Db = Kysely<Database> | Transaction<Database>;
type Trx = Transaction<Database>;

export interface OfferFields {
  title: string;
  description: string;
  capabilityIds: string[];
  /** Evidence per capability id; blank where none was given. */
  evidence: Record<string, string>;
  formatCode: string;
  audienceCodes: string[];
  capacityPerQuarter: number;
  costModel: CostModel;
  /** What a fee or cost-recovery offer charges, in pence; null for a free offer. */
  feePence: number | null;
  virtualOk: boolean;
  windows: DateWindow[];
  contactName: string;
  contactEmail: string;
}

/** Each capability offered without the evidence its organisation's latest assessment asks for, as one refusal. */
const evidenceRefusal = (problems: EvidenceProblem[]) =>
  new Refused(problems.map((p) => p.message).join("; "), {
    code: "evidence_required",
    details: evidenceDetails(problems),
  });

const evidenceDetails = (problems: EvidenceProblem[]): RefusalDetail[] =>
  problems.map((p) => ({ code: `evidence:${p.capabilityId}`, message: p.message }));

/** Maturity per capability id in the organisation's latest assessment, or null if it has none. */
export async function latestMaturityOf(db: Db, organisationId: string): Promise<Record<string, number> | null> {
  // The same "latest" as matching uses: the most recent assessment date, then the most recent entry.
  const latest = await db
    .selectFrom("assessment")
    .select("id")
    .where("organisation_id", "=", organisationId)
    .orderBy("assessed_on", "desc")
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!latest) return null;
  const scores = await db
    .selectFrom("assessment_score")
    .select(["capability_id", "maturity"])
    .where("assessment_id", "=", latest.id)
    .execute();
  return Object.fromEntries(scores.map((s) => [s.capability_id, s.maturity]));
}

interface Current {
  capabilityIds: string[];
  audienceCodes: string[];
  formatCode: string | null;
}

const NOTHING_CURRENT: Current = { capabilityIds: [], audienceCodes: [], formatCode: null };

/**
 * Everything the form cannot check alone. Retired framework entries cannot be newly chosen but stay
 * on an offer that already had them. Returns the windows to store, overlaps joined.
 */
async function checkFields(
  trx: Trx,
  organisationId: string,
  fields: OfferFields,
  today: string,
  current: Current,
): Promise<DateWindow[]> {
  if (!fields.title.trim()) throw new Refused("Enter a title for the offer", { code: "title_missing" });
  if (!Number.isInteger(fields.capacityPerQuarter) || fields.capacityPerQuarter < 1)
    throw new Refused("Capacity must be a whole number of at least 1", { code: "capacity" });
  if (fields.costModel !== "free" && !(Number.isInteger(fields.feePence) && (fields.feePence ?? 0) > 0))
    throw new Refused("Enter what the offer costs, in pounds", { code: "fee" });
  if (!fields.contactName.trim() || !fields.contactEmail.includes("@"))
    throw new Refused("Enter the contact person's name and email address", { code: "contact" });

  const capabilityIds = [...new Set(fields.capabilityIds)];
  if (capabilityIds.length === 0)
    throw new Refused("Select at least one capability you can teach", { code: "capabilities" });
  const capabilities = await trx
    .selectFrom("capability")
    .select(["id", "name", "retired_at"])
    .where("id", "in", capabilityIds)
    .execute();
  const usable = (c: { id: string; retired_at: string | null }) =>
    c.retired_at === null || current.capabilityIds.includes(c.id);
  if (capabilities.length !== capabilityIds.length || !capabilities.every(usable))
    throw new Refused("Select capabilities from the list", { code: "capabilities" });

  const format = await trx
    .selectFrom("offer_format")
    .select(["code", "retired_at"])
    .where("code", "=", fields.formatCode)
    .executeTakeFirst();
  if (!format || (format.retired_at !== null && format.code !== current.formatCode))
    throw new Refused("Select the format of the offer", { code: "format" });

  const audienceCodes = [...new Set(fields.audienceCodes)];
  if (audienceCodes.length === 0) throw new Refused("Select at least one audience", { code: "audiences" });
  const audiences = await trx
    .selectFrom("audience_level")
    .select(["code", "retired_at"])
    .where("code", "in", audienceCodes)
    .execute();
  if (
    audiences.length !== audienceCodes.length ||
    !audiences.every((a) => a.retired_at === null || current.audienceCodes.includes(a.code))
  ) {
    throw new Refused("Select audiences from the list", { code: "audiences" });
  }

  if (fields.windows.length === 0)
    throw new Refused("Enter at least one date range when you can run this offer", { code: "windows" });
  const problem = fields.windows.map(windowProblem).find((p) => p !== null);
  if (problem) throw new Refused(problem.message, { code: "windows" });
  const windows = mergeWindows(fields.windows);
  if (!hasCurrentWindow(windows, today))
    throw new Refused("At least one date range must end today or later", { code: "windows" });

  const problems = await evidenceProblems(
    trx,
    organisationId,
    capabilityIds.map((id) => ({ capabilityId: id, evidence: fields.evidence[id] ?? "" })),
  );
  if (problems.length > 0) throw evidenceRefusal(problems);
  return windows;
}

/** The established-or-evidence rule against the organisation's latest assessment; unknown capability ids are skipped. */
export async function evidenceProblems(
  db: Db,
  organisationId: string,
  claims: { capabilityId: string; evidence: string }[],
): Promise<EvidenceProblem[]> {
  if (claims.length === 0) return [];
  const ids = claims.map((c) => c.capabilityId);
  const capabilities = await db.selectFrom("capability").select(["id", "name"]).where("id", "in", ids).execute();
  const names = new Map(capabilities.map((c) => [c.id, c.name]));
  const known = claims
    .filter((c) => names.has(c.capabilityId))
    .map((c) => ({ ...c, name: names.get(c.capabilityId)! }));
  return offerCapabilityRule(known, await latestMaturityOf(db, organisationId));
}

/**
 * Evidence problems for a form that failed other checks too, so the pioneer sees every problem at
 * once rather than the evidence ones only after fixing the rest; coded as a refusal's details are.
 */
export async function evidenceRefusals(
  db: Db,
  organisationId: string,
  claims: { capabilityId: string; evidence: string }[],
): Promise<RefusalDetail[]> {
  return evidenceDetails(await evidenceProblems(db, organisationId, claims));
}

/** Replaces the offer's capabilities, audiences and windows with the ones given. */
async function writeLinks(trx: Trx, offerId: string, fields: OfferFields, windows: DateWindow[]) {
  await trx.deleteFrom("offer_capability").where("offer_id", "=", offerId).execute();
  await trx.deleteFrom("offer_audience").where("offer_id", "=", offerId).execute();
  await trx.deleteFrom("offer_window").where("offer_id", "=", offerId).execute();
  await trx
    .insertInto("offer_capability")
    .values(
      [...new Set(fields.capabilityIds)].map((id) => ({
        offer_id: offerId,
        capability_id: id,
        evidence: (fields.evidence[id] ?? "").trim(),
      })),
    )
    .execute();
  await trx
    .insertInto("offer_audience")
    .values([...new Set(fields.audienceCodes)].map((code) => ({ offer_id: offerId, audience_code: code })))
    .execute();
  await trx
    .insertInto("offer_window")
    .values(windows.map((w) => ({ id: newId(), offer_id: offerId, starts_on: w.start, ends_on: w.end })))
    .execute();
}

const offerColumns = (f: OfferFields) => ({
  title: f.title.trim(),
  description: f.description.trim(),
  format_code: f.formatCode,
  capacity_per_quarter: f.capacityPerQuarter,
  cost_model: f.costModel,
  fee_pence: f.costModel === "free" ? null : f.feePence,
  virtual_ok: f.virtualOk ? 1 : 0,
  contact_name: f.contactName.trim(),
  contact_email: f.contactEmail.trim().toLowerCase(),
});

async function recordEvent(
  trx: Trx,
  event: {
    offerId: string;
    from: OfferStatus | null;
    to: OfferStatus;
    actorId: string | null;
    note: string;
    at?: string;
  },
) {
  await trx
    .insertInto("offer_event")
    .values({
      id: newId(),
      offer_id: event.offerId,
      from_status: event.from,
      to_status: event.to,
      actor_id: event.actorId,
      note: event.note,
      created_at: event.at ?? monotonicIso(),
    })
    .execute();
}

/** Only the pioneer organisation's own people change its offers: the policy decides, on the organisation's row. */
async function assertMayChange(trx: Trx, actor: Actor, organisationId: string) {
  const organisation = await trx
    .selectFrom("organisation")
    .select(["id", "region_code", "icb_code"])
    .where("id", "=", organisationId)
    .executeTakeFirst();
  const ref = organisation && {
    id: organisation.id,
    regionCode: organisation.region_code,
    icbCode: organisation.icb_code,
  };
  if (!ref || !can(actor, { action: "offer:edit", organisation: ref }))
    throw new Forbidden("Only the organisation's own people can change its offers");
}

/** Publishes a new offer with its capabilities, audiences and windows, all or nothing. Returns its id. */
export async function publishOffer(
  db: Kysely<Database>,
  input: { organisationId: string; actor: Actor; fields: OfferFields; today?: string },
): Promise<string> {
  const { organisationId, actor, fields } = input;
  const userId = actor.id;
  const today = input.today ?? todayInEngland();
  const id = newId();
  await db.transaction().execute(async (trx) => {
    const organisation = await trx
      .selectFrom("organisation")
      .select(["active", "offers_outreach"])
      .where("id", "=", organisationId)
      .executeTakeFirst();
    if (!organisation || organisation.active !== 1 || organisation.offers_outreach !== 1)
      throw new Refused("Only an open pioneer organisation can publish offers");
    await assertMayChange(trx, actor, organisationId);
    const windows = await checkFields(trx, organisationId, fields, today, NOTHING_CURRENT);
    const now = nowIso();
    await trx
      .insertInto("offer")
      .values({
        id,
        organisation_id: organisationId,
        ...offerColumns(fields),
        status: "published",
        paused_until: null,
        created_by: userId,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await writeLinks(trx, id, fields, windows);
    await recordEvent(trx, { offerId: id, from: null, to: "published", actorId: userId, note: "Published" });
  });
  return id;
}

type OfferRow = Selectable<Database["offer"]>;

/**
 * Loads an offer for a change by one of its organisation's people. A pause whose return date has
 * come is ended first, with its own event, so the history reads in the order things happened.
 */
async function loadForChange(trx: Trx, input: { offerId: string; actor: Actor; today: string }): Promise<OfferRow> {
  const offer = await trx.selectFrom("offer").selectAll().where("id", "=", input.offerId).executeTakeFirst();
  if (!offer) throw new NotFound("Offer");
  await assertMayChange(trx, input.actor, offer.organisation_id);
  if (offer.status === "paused" && effectiveStatus(offer, input.today) === "published") {
    await resumeIfDue(trx, offer.id, input.today);
    return { ...offer, status: "published", paused_until: null };
  }
  return offer;
}

/** Moves an offer on from the status it was read in; a concurrent change makes this refuse rather than overwrite. */
async function setStatus(trx: Trx, offer: OfferRow, change: OfferChange, to: OfferStatus, pausedUntil: string | null) {
  const problem = changeProblem(offer.status, change);
  if (problem) throw new Refused(problem);
  const result = await trx
    .updateTable("offer")
    .set({ status: to, paused_until: pausedUntil, updated_at: nowIso() })
    .where("id", "=", offer.id)
    .where("status", "=", offer.status)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1)
    throw new Refused("The offer was changed by someone else: reload the page and try again");
}

export async function updateOffer(
  db: Kysely<Database>,
  input: { offerId: string; actor: Actor; fields: OfferFields; today?: string },
): Promise<void> {
  const today = input.today ?? todayInEngland();
  await db.transaction().execute(async (trx) => {
    const offer = await loadForChange(trx, { ...input, today });
    const problem = changeProblem(offer.status, "edit");
    if (problem) throw new Refused(problem);
    const capabilities = await trx
      .selectFrom("offer_capability")
      .select("capability_id")
      .where("offer_id", "=", offer.id)
      .execute();
    const audiences = await trx
      .selectFrom("offer_audience")
      .select("audience_code")
      .where("offer_id", "=", offer.id)
      .execute();
    const current = {
      capabilityIds: capabilities.map((c) => c.capability_id),
      audienceCodes: audiences.map((a) => a.audience_code),
      formatCode: offer.format_code,
    };
    const windows = await checkFields(trx, offer.organisation_id, input.fields, today, current);
    // Writing the offer first takes its row, which an approval also takes before it reserves a
    // place (reservePlace): the count read next includes every approval that got there first, and
    // any later one waits and then sees the new capacity.
    await trx
      .updateTable("offer")
      .set({ ...offerColumns(input.fields), updated_at: nowIso() })
      .where("id", "=", offer.id)
      .execute();
    await assertCapacityCoversApproved(trx, offer.id, input.fields.capacityPerQuarter, today);
    await writeLinks(trx, offer.id, input.fields, windows);
    await recordEvent(trx, {
      offerId: offer.id,
      from: offer.status,
      to: offer.status,
      actorId: input.actor.id,
      note: "Details updated",
    });
  });
}

/** The most places approved in any quarter from this one on: capacity may not go below it. */
export async function placesApprovedFromThisQuarter(db: Db, offerId: string, today: string): Promise<number> {
  const row = await db
    .selectFrom("offer_quarter_load")
    .select((eb) => eb.fn.max("approved").as("approved"))
    .where("offer_id", "=", offerId)
    .where("quarter", ">=", quarterOf(today))
    .executeTakeFirst();
  return Number(row?.approved ?? 0);
}

async function assertCapacityCoversApproved(trx: Trx, offerId: string, capacity: number, today: string) {
  const approved = await placesApprovedFromThisQuarter(trx, offerId, today);
  if (capacity < approved) {
    const places = approved === 1 ? "1 place is" : `${approved} places are`;
    throw new Refused(
      `${places} already taken by approved matches this quarter: capacity must be at least ${approved}`,
      { code: "capacity_below_approved" },
    );
  }
}

/** Pauses an offer until a future date (or moves the return date of a paused one). */
export async function pauseOffer(
  db: Kysely<Database>,
  input: { offerId: string; actor: Actor; until: string; reason: string; today?: string },
): Promise<void> {
  const today = input.today ?? todayInEngland();
  const problem = pauseProblem(input.until, today);
  if (problem) throw new Refused(problem, { code: "return_date" });
  await db.transaction().execute(async (trx) => {
    const offer = await loadForChange(trx, { ...input, today });
    await setStatus(trx, offer, "pause", "paused", input.until);
    await recordEvent(trx, {
      offerId: offer.id,
      from: offer.status,
      to: "paused",
      actorId: input.actor.id,
      note: `Paused until ${input.until}. ${input.reason.trim()}`.trim(),
    });
  });
}

export async function resumeOffer(
  db: Kysely<Database>,
  input: { offerId: string; actor: Actor; today?: string },
): Promise<void> {
  const today = input.today ?? todayInEngland();
  await db.transaction().execute(async (trx) => {
    const offer = await loadForChange(trx, { ...input, today });
    await setStatus(trx, offer, "resume", "published", null);
    await recordEvent(trx, {
      offerId: offer.id,
      from: offer.status,
      to: "published",
      actorId: input.actor.id,
      note: "Resumed",
    });
  });
}

/** Closes an offer for good; it stays on record but is never matched or changed again. */
export async function closeOffer(
  db: Kysely<Database>,
  input: { offerId: string; actor: Actor; reason?: string; today?: string },
): Promise<void> {
  const today = input.today ?? todayInEngland();
  await db.transaction().execute(async (trx) => {
    const offer = await loadForChange(trx, { ...input, today });
    await setStatus(trx, offer, "close", "closed", null);
    await recordEvent(trx, {
      offerId: offer.id,
      from: offer.status,
      to: "closed",
      actorId: input.actor.id,
      note: input.reason?.trim() || "Closed",
    });
  });
}

/** Ends one due pause; false when it was not due or another process got there first. */
async function resumeIfDue(trx: Trx, offerId: string, today: string): Promise<boolean> {
  const offer = await trx
    .selectFrom("offer")
    .select("paused_until")
    .where("id", "=", offerId)
    .where("status", "=", "paused")
    .executeTakeFirst();
  if (!offer?.paused_until || offer.paused_until > today) return false;
  const result = await trx
    .updateTable("offer")
    .set({ status: "published", paused_until: null, updated_at: nowIso() })
    .where("id", "=", offerId)
    .where("status", "=", "paused")
    .where("paused_until", "=", offer.paused_until)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  // Dated at the return date (or now, if earlier in UTC): that is when readers began to see it as published.
  const now = monotonicIso();
  const returned = `${offer.paused_until}T00:00:00.000Z`;
  await recordEvent(trx, {
    offerId,
    from: "paused",
    to: "published",
    actorId: null,
    note: "Resumed automatically on its return date",
    at: returned < now ? returned : now,
  });
  return true;
}

/**
 * Stores "published" on paused offers whose return date has come. Reads never depend on this
 * (they use effectiveStatus); it keeps the stored status and the history tidy. Returns how many resumed.
 */
export async function resumeDueOffers(db: Kysely<Database>, today: string = todayInEngland()): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom("offer")
      .select("id")
      .where("status", "=", "paused")
      .where("paused_until", "<=", today)
      .orderBy("id")
      .execute();
    let resumed = 0;
    for (const offer of due) if (await resumeIfDue(trx, offer.id, today)) resumed++;
    return resumed;
  });
}
