import type { AccessContext, AccessRow, Outcome, Persona } from "./types";
import { only } from "./types";

export const covers = [
  "assessment._index.tsx",
  "assessment.new.tsx",
  "admin.framework._index.tsx",
  "admin.framework.$capabilityId.tsx",
  "admin.framework.domains.$domainId.tsx",
];

// Assessments belong to the signed-in user's own organisation; coordinators and admins have none, so the page does not exist for them.
const ownOrganisation: Record<Persona, Outcome> = only("member", "requester", "pioneer", "other");

const capabilityPath = async (ctx: AccessContext) =>
  `/admin/framework/${(await ctx.db.selectFrom("capability").select("id").where("code", "=", "W1").executeTakeFirstOrThrow()).id}`;

const domainPath = async (ctx: AccessContext) =>
  `/admin/framework/domains/${(await ctx.db.selectFrom("capability").select("domain_id").where("code", "=", "W1").executeTakeFirstOrThrow()).domain_id}`;

export const rows: AccessRow[] = [
  { name: "own organisation's assessment", method: "GET", path: "/assessment", expect: ownOrganisation },
  { name: "new assessment form", method: "GET", path: "/assessment/new", expect: ownOrganisation },
  // An empty form is refused with field errors, so nothing is recorded.
  { name: "record an assessment", method: "POST", path: "/assessment/new", expect: ownOrganisation },
  { name: "capability framework", method: "GET", path: "/admin/framework", expect: only("admin") },
  { name: "change the capability framework", method: "POST", path: "/admin/framework", expect: only("admin") },
  { name: "a capability in the framework", method: "GET", path: capabilityPath, expect: only("admin") },
  { name: "change a capability", method: "POST", path: capabilityPath, expect: only("admin") },
  { name: "a domain in the framework", method: "GET", path: domainPath, expect: only("admin") },
  { name: "rename a domain", method: "POST", path: domainPath, expect: only("admin") },
];
