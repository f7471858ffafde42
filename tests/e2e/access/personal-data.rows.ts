import { only, PERSONAS, SIGNED_IN, type AccessContext, type AccessRow, type Outcome, type Persona } from "./types";

export const covers = ["account_.data.ts", "admin.users_.$id_.erase.tsx"];

const userId = async (ctx: AccessContext, email: string) =>
  (await ctx.db.selectFrom("app_user").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;

const eraseOther = async (ctx: AccessContext) => `/admin/users/${await userId(ctx, "other@example.org")}/erase`;

/** No one may: signed out is sent to sign in, everyone else refused. */
const noOne = Object.fromEntries(PERSONAS.map((p) => [p, p === "anonymous" ? "login" : "deny"])) as Record<
  Persona,
  Outcome
>;

export const rows: AccessRow[] = [
  // Always the signed-in person's own data: there is no id in the address to change.
  { name: "download your data", method: "GET", path: "/account/data", expect: SIGNED_IN, download: true },
  { name: "erase a person: confirm page", method: "GET", path: eraseOther, expect: only("admin") },
  // An empty form is refused with a message by the field: nobody is erased.
  { name: "erase a person", method: "POST", path: eraseOther, expect: only("admin") },
  {
    name: "erase yourself (the administrator's own account)",
    method: "GET",
    path: async (ctx) => `/admin/users/${await userId(ctx, "admin@example.org")}/erase`,
    expect: noOne,
  },
  { name: "erase someone who does not exist", method: "GET", path: "/admin/users/nobody/erase", expect: noOne },
];
