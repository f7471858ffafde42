import { only, PERSONAS, SIGNED_IN, type AccessContext, type AccessRow, type Outcome, type Persona } from "./types";

export const covers = [
  "offers._index.tsx",
  "offers.new.tsx",
  "offers.mine.tsx",
  "offers.$id.tsx",
  "offers.$id_.edit.tsx",
];

/** A published offer of the demo pioneer trust (RWK). */
async function pioneerOffer(ctx: AccessContext): Promise<string> {
  const row = await ctx.db
    .selectFrom("offer")
    .select("offer.id")
    .where("offer.organisation_id", "=", await ctx.orgId("RWK"))
    .where("offer.status", "=", "published")
    .orderBy("offer.created_at")
    .orderBy("offer.id")
    .executeTakeFirstOrThrow();
  return row.id;
}

const signedInDenied = Object.fromEntries(PERSONAS.map((p) => [p, p === "anonymous" ? "login" : "deny"])) as Record<
  Persona,
  Outcome
>;

export const rows: AccessRow[] = [
  { name: "browse offers", method: "GET", path: "/offers", expect: SIGNED_IN },
  {
    name: "browse offers with filters",
    method: "GET",
    path: "/offers?format=site_visit&virtual=1&cost=free&sort=title&page=2",
    expect: SIGNED_IN,
  },
  { name: "publish an offer (form)", method: "GET", path: "/offers/new", expect: only("pioneer") },
  { name: "publish an offer", method: "POST", path: "/offers/new", expect: only("pioneer") },
  { name: "our offers", method: "GET", path: "/offers/mine", expect: only("pioneer") },
  {
    name: "an offer of the pioneer trust",
    method: "GET",
    path: async (ctx) => `/offers/${await pioneerOffer(ctx)}`,
    expect: SIGNED_IN,
  },
  { name: "an offer that does not exist", method: "GET", path: "/offers/not-a-real-offer", expect: signedInDenied },
  {
    name: "change the pioneer's offer",
    method: "POST",
    path: async (ctx) => `/offers/${await pioneerOffer(ctx)}`,
    expect: only("pioneer"),
  },
  {
    name: "pause an offer without a date",
    method: "POST",
    path: async (ctx) => `/offers/${await pioneerOffer(ctx)}`,
    form: { intent: "pause" },
    expect: only("pioneer"),
  },
  {
    name: "edit the pioneer's offer (form)",
    method: "GET",
    path: async (ctx) => `/offers/${await pioneerOffer(ctx)}/edit`,
    expect: only("pioneer"),
  },
  {
    name: "edit the pioneer's offer",
    method: "POST",
    path: async (ctx) => `/offers/${await pioneerOffer(ctx)}/edit`,
    expect: only("pioneer"),
  },
];
