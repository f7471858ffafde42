import { sql, type ExpressionBuilder, type Kysely } from "kysely";
import type { CoordinatorScope, Database, Priority, RequestStatus } from "../../../db/schema";
import { containsText, organisationInScope } from "../../../db/portable";
import type { CapabilityScore } from "../../domain/profile";
import { can, type Actor } from "../../auth/policy";

// Reading help requests: one request with its history, an organisation's list, browsing, and form choices.

/**
 * One request with what it asks for; with its history (the coordinator's questions, the trust's
 * answers and who did what) unless `history` is false, when that is neither read nor returned.
 */
export async function getRequest(db: Kysely<Database>, id: string, { history = true } = {}) {
  const request = await db
    .selectFrom("help_request")
    .innerJoin("organisation", "organisation.id", "help_request.organisation_id")
    .leftJoin("region", "region.code", "organisation.region_code")
    .leftJoin("icb", "icb.code", "organisation.icb_code")
    .leftJoin("offer as preferred_offer", "preferred_offer.id", "help_request.preferred_offer_id")
    .leftJoin("organisation as preferred_pioneer", "preferred_pioneer.id", "preferred_offer.organisation_id")
    .selectAll("help_request")
    .select([
      "organisation.name as organisation_name",
      "organisation.region_code",
      "organisation.icb_code",
      "region.name as region_name",
      "icb.name as icb_name",
      "preferred_offer.title as preferred_offer_title",
      "preferred_pioneer.name as preferred_offer_organisation_name",
    ])
    .where("help_request.id", "=", id)
    .executeTakeFirst();
  if (!request) return undefined;
  const [capabilities, audiences, formats, events] = await Promise.all([
    db
      .selectFrom("help_request_capability")
      .innerJoin("capability", "capability.id", "help_request_capability.capability_id")
      .innerJoin("capability_domain", "capability_domain.id", "capability.domain_id")
      .select(["capability.id", "capability.code", "capability.name"])
      .where("help_request_capability.request_id", "=", id)
      .orderBy("capability_domain.position")
      .orderBy("capability.position")
      .orderBy("capability.code")
      .execute(),
    db
      .selectFrom("help_request_audience")
      .innerJoin("audience_level", "audience_level.code", "help_request_audience.audience_code")
      .select(["audience_level.code", "audience_level.name"])
      .where("help_request_audience.request_id", "=", id)
      .orderBy("audience_level.position")
      .orderBy("audience_level.code")
      .execute(),
    db
      .selectFrom("help_request_format")
      .innerJoin("offer_format", "offer_format.code", "help_request_format.format_code")
      .select(["offer_format.code", "offer_format.name"])
      .where("help_request_format.request_id", "=", id)
      .orderBy("offer_format.position")
      .orderBy("offer_format.code")
      .execute(),
    history
      ? db
          .selectFrom("help_request_event")
          .innerJoin("app_user", "app_user.id", "help_request_event.actor_id")
          .select([
            "help_request_event.id",
            "help_request_event.from_status",
            "help_request_event.to_status",
            "help_request_event.note",
            "help_request_event.created_at",
            "app_user.name as actor_name",
          ])
          .where("help_request_event.request_id", "=", id)
          .orderBy("help_request_event.created_at")
          .orderBy("help_request_event.id")
          .execute()
      : Promise.resolve([]),
  ]);
  if (!history) {
    // Who filed it is one of the trust's staff: kept with the history.
    const { created_by: _createdBy, ...withoutAuthor } = request;
    return { ...withoutAuthor, created_by: null, capabilities, audiences, formats, events, historyShown: false };
  }
  return { ...request, capabilities, audiences, formats, events, historyShown: true };
}

/**
 * The request as this viewer may read it, or why not. A draft outside the viewer's own
 * organisation does not exist for them; a pioneer browsing another trust's request reads what
 * it asks for but not its history, which the model leaves out rather than the page hiding it.
 */
export async function getRequestFor(db: Kysely<Database>, actor: Actor, id: string) {
  const head = await db
    .selectFrom("help_request")
    .innerJoin("organisation", "organisation.id", "help_request.organisation_id")
    .select(["help_request.status", "organisation.id", "organisation.region_code", "organisation.icb_code"])
    .where("help_request.id", "=", id)
    .executeTakeFirst();
  if (!head) return { outcome: "not_found" as const };
  const organisation = { id: head.id, regionCode: head.region_code, icbCode: head.icb_code };
  const owner = can(actor, { action: "request:edit", organisation });
  if (head.status === "draft" && !owner) return { outcome: "not_found" as const };
  if (!can(actor, { action: "request:view", organisation, submitted: head.status !== "draft" }))
    return { outcome: "forbidden" as const };
  const request = await getRequest(db, id, { history: can(actor, { action: "request:viewHistory", organisation }) });
  if (!request) return { outcome: "not_found" as const };
  return {
    outcome: "visible" as const,
    request,
    owner,
    reviewer: can(actor, { action: "request:review", organisation }),
  };
}

export type RequestDetail = NonNullable<Awaited<ReturnType<typeof getRequest>>>;

const requestSummary = [
  "help_request.id",
  "help_request.title",
  "help_request.status",
  "help_request.priority",
  "help_request.window_start",
  "help_request.window_end",
  "help_request.submitted_at",
  "help_request.updated_at",
] as const;

/**
 * "The request mentions these words": its title, what good looks like, its organisation's name or a
 * capability it names, case-insensitively, with `%` and `_` taken literally. Needs `organisation` joined.
 */
function mentions(text: string) {
  const q = text.trim();
  return (
    eb: ExpressionBuilder<Database & { organisation: Database["organisation"] }, "help_request" | "organisation">,
  ) =>
    eb.or([
      containsText(sql.ref("help_request.title"), q),
      containsText(sql.ref("help_request.outcome"), q),
      containsText(sql.ref("organisation.name"), q),
      eb.exists(
        eb
          .selectFrom("help_request_capability as hrc_q")
          .innerJoin("capability as capability_q", "capability_q.id", "hrc_q.capability_id")
          .select("hrc_q.request_id")
          .whereRef("hrc_q.request_id", "=", "help_request.id")
          .where(containsText(sql.ref("capability_q.name"), q)),
      ),
    ]);
}

export async function listOrganisationRequests(
  db: Kysely<Database>,
  organisationId: string,
  { page, pageSize, q }: { page: number; pageSize: number; q?: string },
) {
  let base = db
    .selectFrom("help_request")
    .innerJoin("organisation", "organisation.id", "help_request.organisation_id")
    .where("help_request.organisation_id", "=", organisationId);
  if (q?.trim()) base = base.where(mentions(q));
  const [rows, total] = await Promise.all([
    base
      .select([...requestSummary])
      .orderBy("help_request.updated_at", "desc")
      .orderBy("help_request.id")
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export interface BrowseFilters {
  /** Words in the title, what good looks like, the organisation's name or a capability's name. */
  q?: string;
  /** A capability code. */
  capability?: string;
  region?: string;
  icb?: string;
  format?: string;
  priority?: Priority;
  /** Defaults to submitted; drafts are never listed whatever is asked. */
  status?: RequestStatus;
  sort?: "newest" | "priority" | "window";
  page: number;
  pageSize: number;
  /** Only requests sharing at least one capability with this organisation's published offers. */
  touchingOffersOf?: string | null;
  /** The viewer's coordinating scope: region or ICB narrows the list, national or none does not. */
  scope?: { kind: CoordinatorScope; code: string | null } | null;
}

export async function browseOpenRequests(db: Kysely<Database>, filters: BrowseFilters) {
  let query = db
    .selectFrom("help_request")
    .innerJoin("organisation", "organisation.id", "help_request.organisation_id")
    .where("help_request.status", "!=", "draft")
    .where("help_request.status", "=", filters.status ?? "submitted");
  const { scope } = filters;
  if (scope) query = query.where(organisationInScope(scope));
  if (filters.region) query = query.where("organisation.region_code", "=", filters.region);
  if (filters.icb) query = query.where("organisation.icb_code", "=", filters.icb);
  if (filters.priority) query = query.where("help_request.priority", "=", filters.priority);
  if (filters.q?.trim()) query = query.where(mentions(filters.q));
  if (filters.capability) {
    const code = filters.capability;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom("help_request_capability as hrc")
          .innerJoin("capability", "capability.id", "hrc.capability_id")
          .select("hrc.request_id")
          .whereRef("hrc.request_id", "=", "help_request.id")
          .where("capability.code", "=", code),
      ),
    );
  }
  if (filters.format) {
    const format = filters.format;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom("help_request_format as hrf")
          .select("hrf.request_id")
          .whereRef("hrf.request_id", "=", "help_request.id")
          .where("hrf.format_code", "=", format),
      ),
    );
  }
  if (filters.touchingOffersOf) {
    const organisationId = filters.touchingOffersOf;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom("help_request_capability as hrc")
          .innerJoin("offer_capability", "offer_capability.capability_id", "hrc.capability_id")
          .innerJoin("offer", "offer.id", "offer_capability.offer_id")
          .select("hrc.request_id")
          .whereRef("hrc.request_id", "=", "help_request.id")
          .where("offer.organisation_id", "=", organisationId)
          .where("offer.status", "=", "published"),
      ),
    );
  }

  let ordered = query
    .leftJoin("region", "region.code", "organisation.region_code")
    .leftJoin("icb", "icb.code", "organisation.icb_code")
    .select([
      ...requestSummary,
      "organisation.name as organisation_name",
      "region.name as region_name",
      "icb.name as icb_name",
    ]);
  switch (filters.sort ?? "newest") {
    case "priority":
      ordered = ordered
        .orderBy((eb) =>
          eb
            .case()
            .when("help_request.priority", "=", "high")
            .then(0)
            .when("help_request.priority", "=", "medium")
            .then(1)
            .else(2)
            .end(),
        )
        .orderBy("help_request.submitted_at", "desc");
      break;
    case "window":
      ordered = ordered.orderBy("help_request.window_start").orderBy("help_request.window_end");
      break;
    case "newest":
      ordered = ordered.orderBy("help_request.submitted_at", "desc");
      break;
  }
  const [rows, total] = await Promise.all([
    ordered
      .orderBy("help_request.id")
      .limit(filters.pageSize)
      .offset((filters.page - 1) * filters.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  const names = rows.length
    ? await db
        .selectFrom("help_request_capability")
        .innerJoin("capability", "capability.id", "help_request_capability.capability_id")
        .select(["help_request_capability.request_id", "capability.name"])
        .where(
          "help_request_capability.request_id",
          "in",
          rows.map((r) => r.id),
        )
        .orderBy("capability.position")
        .orderBy("capability.code")
        .execute()
    : [];
  return {
    rows: rows.map((r) => ({ ...r, capabilities: names.filter((n) => n.request_id === r.id).map((n) => n.name) })),
    total: Number(total.n),
  };
}

/** The scores of an organisation's most recent assessment, in framework order. */
export async function latestAssessmentScores(
  db: Kysely<Database>,
  organisationId: string,
): Promise<(CapabilityScore & { assessedOn: string })[]> {
  const latest = await db
    .selectFrom("assessment")
    .select(["id", "assessed_on"])
    .where("organisation_id", "=", organisationId)
    .orderBy("assessed_on", "desc")
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!latest) return [];
  const scores = await db
    .selectFrom("assessment_score")
    .innerJoin("capability", "capability.id", "assessment_score.capability_id")
    .innerJoin("capability_domain", "capability_domain.id", "capability.domain_id")
    .select(["assessment_score.capability_id", "assessment_score.maturity"])
    .where("assessment_score.assessment_id", "=", latest.id)
    .where("capability.retired_at", "is", null)
    .orderBy("capability_domain.position")
    .orderBy("capability.position")
    .orderBy("capability.code")
    .execute();
  return scores.map((s) => ({ capabilityId: s.capability_id, maturity: s.maturity, assessedOn: latest.assessed_on }));
}

/** `in ()` is not valid SQL; a value no row has keeps the query well-formed. */
const orNone = (values: string[] | undefined) => (values?.length ? values : [""]);

/**
 * What the request form offers: current capabilities, audiences and formats, plus any retired one
 * the request already names, so that editing does not silently drop it.
 */
export async function requestChoices(
  db: Kysely<Database>,
  keep: { capabilityIds?: string[]; audienceCodes?: string[]; formatCodes?: string[] } = {},
) {
  const [capabilities, audiences, formats] = await Promise.all([
    db
      .selectFrom("capability")
      .innerJoin("capability_domain", "capability_domain.id", "capability.domain_id")
      .select(["capability.id", "capability.code", "capability.name", "capability_domain.name as domain_name"])
      .where((eb) =>
        eb.or([eb("capability.retired_at", "is", null), eb("capability.id", "in", orNone(keep.capabilityIds))]),
      )
      .orderBy("capability_domain.position")
      .orderBy("capability.position")
      .orderBy("capability.code")
      .execute(),
    db
      .selectFrom("audience_level")
      .select(["code", "name", "description"])
      .where((eb) => eb.or([eb("retired_at", "is", null), eb("code", "in", orNone(keep.audienceCodes))]))
      .orderBy("position")
      .orderBy("code")
      .execute(),
    db
      .selectFrom("offer_format")
      .select(["code", "name", "description"])
      .where((eb) => eb.or([eb("retired_at", "is", null), eb("code", "in", orNone(keep.formatCodes))]))
      .orderBy("position")
      .orderBy("code")
      .execute(),
  ]);
  return { capabilities, audiences, formats };
}
