import type { RequestStatus } from "../../../db/schema";
import { createRequest } from "../../../app/models/request/requests.server";
import { only, PERSONAS, type AccessContext, type AccessRow, type Outcome, type Persona } from "./types";

export const covers = [
  "requests._index.tsx",
  "requests.new.tsx",
  "requests.open.tsx",
  "requests.$id.tsx",
  "requests.$id_.edit.tsx",
];

/**
 * The newest request of the requesting trust (RF4) in the given status. The demo seed provides
 * submitted ones; when a status is missing, one is filed as the trust's administrator so the rows
 * never depend on what the seed happens to hold.
 */
async function requestOfRF4(
  ctx: AccessContext,
  status: Extract<RequestStatus, "draft" | "submitted">,
): Promise<string> {
  const organisationId = await ctx.orgId("RF4");
  const existing = await ctx.db
    .selectFrom("help_request")
    .select("id")
    .where("organisation_id", "=", organisationId)
    .where("status", "=", status)
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
  if (existing) return existing.id;
  const requester = await ctx.db
    .selectFrom("app_user")
    .select(["id", "role", "organisation_id"])
    .where("email", "=", "requester@example.org")
    .executeTakeFirstOrThrow();
  const first = async <T>(rows: Promise<T[]>) => (await rows)[0];
  const capability = await first(
    ctx.db.selectFrom("capability").select("id").where("retired_at", "is", null).orderBy("position").limit(1).execute(),
  );
  const audience = await first(
    ctx.db.selectFrom("audience_level").select("code").orderBy("position").limit(1).execute(),
  );
  const format = await first(ctx.db.selectFrom("offer_format").select("code").orderBy("position").limit(1).execute());
  const year = new Date().getUTCFullYear() + 1;
  return createRequest(ctx.db, {
    organisationId,
    actor: { id: requester.id, role: requester.role, organisationId: requester.organisation_id, scope: null },
    submit: status === "submitted",
    fields: {
      title: `Access check (${status})`,
      outcome: "A request the access matrix can visit",
      capabilityIds: [capability.id],
      audienceCodes: [audience.code],
      formatCodes: [format.code],
      windowStart: `${year}-03-01`,
      windowEnd: `${year}-06-30`,
      virtualOk: true,
      travelLimit: "anywhere",
      budget: "free",
      priority: "medium",
    },
  });
}

const submitted =
  (suffix = "") =>
  async (ctx: AccessContext) =>
    `/requests/${await requestOfRF4(ctx, "submitted")}${suffix}`;
const draft =
  (suffix = "") =>
  async (ctx: AccessContext) =>
    `/requests/${await requestOfRF4(ctx, "draft")}${suffix}`;

const OWN_ORGANISATION = only("member", "requester", "pioneer", "other");
const RF4_PEOPLE = only("member", "requester");
const SIGNED_IN_DENIED = Object.fromEntries(PERSONAS.map((p) => [p, p === "anonymous" ? "login" : "deny"])) as Record<
  Persona,
  Outcome
>;

export const rows: AccessRow[] = [
  { name: "our requests", method: "GET", path: "/requests", expect: OWN_ORGANISATION },
  { name: "new request form", method: "GET", path: "/requests/new", expect: OWN_ORGANISATION },
  { name: "file a request", method: "POST", path: "/requests/new", expect: OWN_ORGANISATION },
  {
    name: "browse open requests",
    method: "GET",
    path: "/requests/open?capability=&sort=priority",
    expect: only("pioneer", "coordinator", "regional", "admin"),
  },
  {
    name: "a submitted request of the requesting trust",
    method: "GET",
    path: submitted(),
    expect: only("member", "requester", "pioneer", "coordinator", "regional", "admin"),
  },
  {
    name: "act on a submitted request",
    method: "POST",
    path: submitted(),
    expect: only("member", "requester", "coordinator", "regional"),
  },
  { name: "edit a submitted request (form)", method: "GET", path: submitted("/edit"), expect: RF4_PEOPLE },
  { name: "edit a submitted request", method: "POST", path: submitted("/edit"), expect: RF4_PEOPLE },
  // Drafts exist only for their own organisation: everyone else gets 404.
  { name: "a draft request", method: "GET", path: draft(), expect: RF4_PEOPLE },
  { name: "act on a draft request", method: "POST", path: draft(), expect: RF4_PEOPLE },
  { name: "edit a draft request (form)", method: "GET", path: draft("/edit"), expect: RF4_PEOPLE },
  { name: "edit a draft request", method: "POST", path: draft("/edit"), expect: RF4_PEOPLE },
  // Only a pioneer trust with an open offer says it is interested; the requester's own people and coordinators cannot.
  {
    name: "mark interest in a submitted request",
    method: "POST",
    path: submitted(),
    form: { intent: "mark-interest" },
    expect: only("pioneer"),
  },
  {
    name: "remove interest in a submitted request",
    method: "POST",
    path: submitted(),
    form: { intent: "unmark-interest" },
    expect: only("pioneer"),
  },
  { name: "a request that does not exist", method: "GET", path: "/requests/no-such-request", expect: SIGNED_IN_DENIED },
];
