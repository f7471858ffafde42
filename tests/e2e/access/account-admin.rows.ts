import { only, SIGNED_IN, type AccessContext, type AccessRow } from "./types";

export const covers = ["admin.users_.$id.tsx", "account_.sessions.tsx"];

const userPath = (email: string) => async (ctx: AccessContext) => {
  const { id } = await ctx.db.selectFrom("app_user").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  return `/admin/users/${id}`;
};

// A member of the requesting trust: its own organisation administrator and the service's administrators manage them.
const member = userPath("member.requester@example.org");

export const rows: AccessRow[] = [
  { name: "a member's account page", method: "GET", path: member, expect: only("requester", "admin") },
  // An empty form changes nothing: the allowed get the message, everyone else no further than before.
  { name: "a member's account, empty form", method: "POST", path: member, expect: only("requester", "admin") },
  {
    name: "an administrator's account page",
    method: "GET",
    path: userPath("admin@example.org"),
    expect: only("admin"),
  },
  {
    name: "users search",
    method: "GET",
    path: "/admin/users?q=example&page=2",
    expect: only("requester", "pioneer", "admin"),
  },
  {
    name: "withdraw an invitation that does not exist",
    method: "POST",
    path: "/admin/users",
    form: { intent: "withdraw", invitationId: "no-such-invitation" },
    // Not found for those who may withdraw invitations, forbidden for the rest.
    expect: only(),
  },
  {
    name: "users page, empty form",
    method: "POST",
    path: "/admin/users",
    expect: only("requester", "pioneer", "admin"),
  },
  { name: "your sessions", method: "GET", path: "/account/sessions", expect: SIGNED_IN },
  { name: "your sessions, empty form", method: "POST", path: "/account/sessions", expect: SIGNED_IN },
  {
    name: "end a session that is not yours",
    method: "POST",
    path: "/account/sessions",
    form: { intent: "end", session: "0123456789abcdef0123456789abcdef" },
    expect: SIGNED_IN,
  },
];
