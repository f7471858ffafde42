import { only, PERSONAS, PUBLIC, SIGNED_IN, type AccessRow, type Outcome, type Persona } from "./types";

const all = (outcome: Outcome) => Object.fromEntries(PERSONAS.map((p) => [p, outcome])) as Record<Persona, Outcome>;

export const covers = [
  "_index.tsx",
  "healthz.ts",
  "accessibility.tsx",
  "privacy.tsx",
  "login.tsx",
  "logout.tsx",
  "account.tsx",
  "organisations._index.tsx",
  "organisations.$id.tsx",
  "organisations.new.tsx",
  "organisations.$id_.edit.tsx",
  "my-organisation.tsx",
  "invitations.new.tsx",
  "invitations.$token.tsx",
  "admin.users.tsx",
  "admin.outbox.tsx",
  "admin.import.tsx",
];

export const rows: AccessRow[] = [
  { name: "home", method: "GET", path: "/", expect: PUBLIC },
  { name: "health check", method: "GET", path: "/healthz", expect: PUBLIC },
  { name: "accessibility statement", method: "GET", path: "/accessibility", expect: PUBLIC },
  { name: "privacy", method: "GET", path: "/privacy", expect: PUBLIC },
  { name: "sign-in page", method: "GET", path: "/login", expect: PUBLIC },
  { name: "sign out", method: "POST", path: "/logout", expect: all("login"), freshSession: true },
  {
    name: "invitation link that does not exist",
    method: "GET",
    path: "/invitations/not-a-real-token",
    expect: all("deny"),
  },
  { name: "account", method: "GET", path: "/account", expect: SIGNED_IN },
  { name: "organisation directory", method: "GET", path: "/organisations", expect: SIGNED_IN },
  {
    name: "organisation page",
    method: "GET",
    path: async (ctx) => `/organisations/${await ctx.orgId("RWK")}`,
    expect: SIGNED_IN,
  },
  {
    name: "my organisation",
    method: "GET",
    path: "/my-organisation",
    expect: {
      ...only("member", "requester", "pioneer", "other"),
      coordinator: "deny",
      regional: "deny",
      admin: "deny",
    },
  },
  { name: "add organisation form", method: "GET", path: "/organisations/new", expect: only("admin") },
  { name: "add organisation", method: "POST", path: "/organisations/new", expect: only("admin") },
  {
    name: "edit the requester's organisation (form)",
    method: "GET",
    path: async (ctx) => `/organisations/${await ctx.orgId("RF4")}/edit`,
    expect: only("requester", "admin"),
  },
  // The form keeps each trust's own flags, so an allowed post leaves the demo as it was.
  {
    name: "edit the requester's organisation",
    method: "POST",
    path: async (ctx) => `/organisations/${await ctx.orgId("RF4")}/edit`,
    form: { flags: "seeksHelp" },
    expect: only("requester", "admin"),
  },
  // RWK does not seek help, and pioneer status is not the trust's to tick, so an empty form leaves it as it was.
  {
    name: "edit the pioneer's organisation",
    method: "POST",
    path: async (ctx) => `/organisations/${await ctx.orgId("RWK")}/edit`,
    expect: only("pioneer", "admin"),
  },
  // Empty reasons and no request chosen: allowed personas get a validation answer and nothing changes.
  {
    name: "ask for pioneer status for the requester's trust",
    method: "POST",
    path: async (ctx) => `/organisations/${await ctx.orgId("RF4")}`,
    form: { intent: "ask" },
    expect: only("requester"),
  },
  {
    name: "grant pioneer status to the requester's trust",
    method: "POST",
    path: async (ctx) => `/organisations/${await ctx.orgId("RF4")}`,
    form: { intent: "grant" },
    expect: only("coordinator", "regional", "admin"),
  },
  {
    name: "refuse pioneer status to the requester's trust",
    method: "POST",
    path: async (ctx) => `/organisations/${await ctx.orgId("RF4")}`,
    form: { intent: "refuse" },
    expect: only("coordinator", "regional", "admin"),
  },
  // An empty reason: coordinators in scope and administrators get the message by the field, and nothing changes.
  {
    name: "flag the requester's trust as a priority for support",
    method: "POST",
    path: async (ctx) => `/organisations/${await ctx.orgId("RF4")}`,
    form: { intent: "flag-priority" },
    expect: only("coordinator", "regional", "admin"),
  },
  {
    name: "clear the requester's trust's priority for support",
    method: "POST",
    path: async (ctx) => `/organisations/${await ctx.orgId("RF4")}`,
    form: { intent: "clear-priority" },
    expect: only("coordinator", "regional", "admin"),
  },
  {
    name: "pioneer status form with no choice",
    method: "POST",
    path: async (ctx) => `/organisations/${await ctx.orgId("RF4")}`,
    expect: only("requester", "coordinator", "regional", "admin"),
  },
  {
    name: "invite form",
    method: "GET",
    path: "/invitations/new",
    expect: only("requester", "pioneer", "coordinator", "regional", "admin"),
  },
  {
    name: "invite",
    method: "POST",
    path: "/invitations/new",
    expect: only("requester", "pioneer", "coordinator", "regional", "admin"),
  },
  // Organisation administrators see their own organisation's people.
  { name: "users", method: "GET", path: "/admin/users", expect: only("requester", "pioneer", "admin") },
  { name: "mail outbox", method: "GET", path: "/admin/outbox", expect: only("admin") },
  { name: "ODS import page", method: "GET", path: "/admin/import", expect: only("admin") },
  { name: "ODS import upload", method: "POST", path: "/admin/import", expect: only("admin") },
];
