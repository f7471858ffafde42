import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";

/** Who knocks: one signed-in demo account per role, plus the signed-out visitor. */
export type Persona = "anonymous" | "member" | "requester" | "pioneer" | "other" | "coordinator" | "regional" | "admin";

export const PERSONA_EMAILS: Record<Exclude<Persona, "anonymous">, string> = {
  member: "member.requester@example.org", // member of the requesting trust (RF4)
  requester: "requester@example.org", // org_admin of the requesting trust (RF4)
  pioneer: "pioneer@example.org", // org_admin of the pioneer trust (RWK)
  other: "other@example.org", // member of a trust in another region
  coordinator: "coordinator@example.org", // national coordinator
  regional: "london.coordinator@example.org", // London region coordinator
  admin: "admin@example.org",
};

export const PERSONAS: Persona[] = [
  "anonymous",
  "member",
  "requester",
  "pioneer",
  "other",
  "coordinator",
  "regional",
  "admin",
];

/**
 * allow: answered below 500, with neither 403/404 nor a redirect to sign-in (a POST with an empty
 * form then gets its validation message);
 * deny: 403 (or 404 where existence itself is private); login: redirected to /login.
 */
export type Outcome = "allow" | "deny" | "login";

export interface AccessContext {
  db: Kysely<Database>;
  /** The id of a demo organisation by ODS code. */
  orgId(odsCode: string): Promise<string>;
}

/** The context rows resolve their paths in, on the database a test's server uses. */
export const accessContext = (db: Kysely<Database>): AccessContext => ({
  db,
  orgId: async (ods) =>
    (await db.selectFrom("organisation").select("id").where("ods_code", "=", ods).executeTakeFirstOrThrow()).id,
});

export interface AccessRow {
  name: string;
  method: "GET" | "POST";
  path: string | ((ctx: AccessContext) => Promise<string>);
  /** Form fields for a POST; an empty form is fine: allowed personas then get a validation answer. */
  form?: Record<string, string>;
  expect: Record<Persona, Outcome>;
  /** Use a session of its own (for rows that end the session they use). */
  freshSession?: boolean;
  /** The answer is a file download, not a page: the page tour leaves it out. */
  download?: boolean;
}

/** Shorthand: everyone signed in may, the signed-out visitor is sent to sign in. */
export const SIGNED_IN: Record<Persona, Outcome> = {
  anonymous: "login",
  member: "allow",
  requester: "allow",
  pioneer: "allow",
  other: "allow",
  coordinator: "allow",
  regional: "allow",
  admin: "allow",
};

export const only = (...allowed: Persona[]): Record<Persona, Outcome> =>
  Object.fromEntries(
    PERSONAS.map((p) => [p, p === "anonymous" ? "login" : allowed.includes(p) ? "allow" : "deny"]),
  ) as Record<Persona, Outcome>;

export const PUBLIC: Record<Persona, Outcome> = Object.fromEntries(PERSONAS.map((p) => [p, "allow"])) as Record<
  Persona,
  Outcome
>;
