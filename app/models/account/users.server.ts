import type { Kysely } from "kysely";
import type { Database, UserRole } from "../../../db/schema";
import { hashPassword } from "../../auth/password.server";
import { newId } from "../../lib/ids";
import { nowIso } from "../../lib/dates";

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export interface NewUser {
  email: string;
  name: string;
  password: string;
  role: UserRole;
  organisationId?: string | null;
  coordinatingBodyId?: string | null;
}

/** Members and organisation admins belong to an organisation; coordinators to a coordinating body; admins to neither. */
export function membershipProblem(
  role: UserRole,
  organisationId: string | null,
  coordinatingBodyId: string | null,
): string | null {
  if ((role === "member" || role === "org_admin") && !organisationId)
    return "Choose the organisation this person belongs to";
  if (role === "coordinator" && !coordinatingBodyId) return "Choose the coordinating body this person belongs to";
  return null;
}

export async function createUser(db: Kysely<Database>, user: NewUser): Promise<string> {
  const problem = membershipProblem(user.role, user.organisationId ?? null, user.coordinatingBodyId ?? null);
  if (problem) throw new Error(problem);
  const id = newId();
  await db
    .insertInto("app_user")
    .values({
      id,
      email: normaliseEmail(user.email),
      name: user.name,
      password_hash: await hashPassword(user.password),
      role: user.role,
      organisation_id: user.role === "member" || user.role === "org_admin" ? (user.organisationId ?? null) : null,
      coordinating_body_id: user.role === "coordinator" ? (user.coordinatingBodyId ?? null) : null,
      created_at: nowIso(),
      disabled_at: null,
    })
    .execute();
  return id;
}

export function findUserByEmail(db: Kysely<Database>, email: string) {
  return db.selectFrom("app_user").selectAll().where("email", "=", normaliseEmail(email)).executeTakeFirst();
}
