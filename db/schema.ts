/**
 * The typed shape of every table. Timestamps are ISO-8601 UTC text and booleans are 0/1
 * integers, so rows look the same on SQLite and PostgreSQL.
 */
export interface Database {
  region: RegionTable;
  icb: IcbTable;
  organisation: OrganisationTable;
  coordinating_body: CoordinatingBodyTable;
  app_user: UserTable;
  auth_session: AuthSessionTable;
  sign_in_attempt: SignInAttemptTable;
  invitation: InvitationTable;
  outbox: OutboxTable;
}

export interface RegionTable {
  code: string; // ODS code, e.g. Y56
  ons_code: string;
  name: string;
}

export interface IcbTable {
  code: string; // ODS code, "Q" plus two characters
  name: string;
  region_code: string;
  /** The published list this row came from; boards merge, so the list is versioned data. */
  list_version: string;
}

export type OrganisationType = "acute" | "acute_specialist" | "mental_health" | "community" | "ambulance" | "other";

export interface OrganisationTable {
  id: string;
  ods_code: string;
  name: string;
  type: OrganisationType;
  is_foundation_trust: number;
  region_code: string | null;
  icb_code: string | null;
  address: string;
  postcode: string;
  opened_on: string | null; // YYYY-MM-DD
  closed_on: string | null;
  active: number;
  seeks_help: number;
  offers_outreach: number;
  created_at: string;
  updated_at: string;
}

export type CoordinatorScope = "national" | "region" | "icb";

export interface CoordinatingBodyTable {
  id: string;
  name: string;
  scope: CoordinatorScope;
  /** Region code for "region", ICB code for "icb", null for "national". */
  scope_code: string | null;
}

export type UserRole = "member" | "org_admin" | "coordinator" | "admin";

export interface UserTable {
  id: string;
  email: string; // stored lower-case
  name: string;
  password_hash: string;
  role: UserRole;
  organisation_id: string | null;
  coordinating_body_id: string | null;
  created_at: string;
  disabled_at: string | null;
}

export interface AuthSessionTable {
  /** SHA-256 of the session id in the cookie; the id itself is never stored. */
  id: string;
  user_id: string;
  expires_at: string;
  created_at: string;
  last_seen_at: string;
}

export interface SignInAttemptTable {
  id: string;
  email: string;
  client: string;
  succeeded: number;
  attempted_at: string;
}

export interface InvitationTable {
  id: string;
  token_hash: string;
  email: string;
  name: string;
  role: UserRole;
  organisation_id: string | null;
  coordinating_body_id: string | null;
  invited_by: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
}

export interface OutboxTable {
  id: string;
  to_address: string;
  subject: string;
  body: string;
  created_at: string;
  sent_at: string | null;
}
