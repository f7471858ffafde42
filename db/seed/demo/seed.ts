import { parse } from "csv-parse/sync";
import type { Kysely } from "kysely";
import fs from "node:fs";
import { SEED_DATA } from "../data-dir";
import type { CoordinatorScope, Database, OrganisationType, UserRole } from "../../schema";
import { seedFramework } from "../framework";
import { seedReferenceData } from "../reference";
import { hashPassword } from "../../../app/auth/password.server";
import { newId } from "../../../app/lib/ids";
import { nowIso } from "../../../app/lib/dates";
import { importEtr } from "../../../app/models/organisation/ods-import.server";
import { SYSTEM_ACTOR } from "../../../app/auth/policy";
import { seedDemoContent } from "./content";

export const DEMO_PASSWORD = "peerlink-demo-2026";

export interface DemoBody {
  name: string;
  scope: CoordinatorScope;
  scopeCode: string | null;
}

export const DEMO_BODIES = {
  national: { name: "NHS England National Improvement Team", scope: "national", scopeCode: null },
  london: { name: "London Region Improvement Team", scope: "region", scopeCode: "Y56" },
} as const satisfies Record<string, DemoBody>;

export interface DemoAccount {
  email: string;
  name: string;
  role: UserRole;
  /** ODS code of the organisation a member or organisation administrator belongs to. */
  organisation: string | null;
  /** Name of the coordinating body a coordinator belongs to. */
  body: string | null;
  description: string;
}

/** The one list of demo accounts: the seed, the README and the tests all read it. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    email: "admin@example.org",
    name: "Alex Morgan",
    role: "admin",
    organisation: null,
    body: null,
    description: "service administrator",
  },
  {
    email: "coordinator@example.org",
    name: "Priya Sharma",
    role: "coordinator",
    organisation: null,
    body: DEMO_BODIES.national.name,
    description: "coordinator, national scope",
  },
  {
    email: "london.coordinator@example.org",
    name: "Daniel Okafor",
    role: "coordinator",
    organisation: null,
    body: DEMO_BODIES.london.name,
    description: "coordinator, London region",
  },
  {
    email: "requester@example.org",
    name: "Sarah Collins",
    role: "org_admin",
    organisation: "RF4",
    body: null,
    description: "organisation administrator of a trust that seeks help",
  },
  {
    email: "pioneer@example.org",
    name: "James Whitfield",
    role: "org_admin",
    organisation: "RWK",
    body: null,
    description: "organisation administrator of a pioneer trust",
  },
  {
    email: "member.requester@example.org",
    name: "Aisha Khan",
    role: "member",
    organisation: "RF4",
    body: null,
    description: "member of the trust that seeks help",
  },
  {
    email: "other@example.org",
    name: "Tom Hughes",
    role: "member",
    organisation: "RTG",
    body: null,
    description: "member of a trust in another region (Midlands)",
  },
];

interface ProfileRow {
  ods_code: string;
  type: OrganisationType;
  offers_outreach: string;
  seeks_help: string;
}

/**
 * Fills an empty database with demo organisations, coordinating bodies and accounts. It runs
 * only while there are no users, so it never touches a database someone is using; returns
 * whether it did anything.
 */
export async function seedDemo(
  db: Kysely<Database>,
  { log = () => undefined }: { log?: (message: string) => void } = {},
): Promise<boolean> {
  const anyUser = await db.selectFrom("app_user").select("id").limit(1).executeTakeFirst();
  if (anyUser) return false;

  await seedReferenceData(db);
  await seedFramework(db);
  // One argon2 hash shared by every demo account: hashing is deliberately slow.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const imported = await importEtr(db, SYSTEM_ACTOR, fs.readFileSync(new URL("demo-trusts.csv", SEED_DATA)));
  if (imported.errors.length > 0 || imported.warnings.length > 0) {
    const first = [...imported.errors, ...imported.warnings][0];
    throw new Error(`demo-trusts.csv line ${first.line}: ${first.message}`);
  }
  log(
    `Demo organisations: ${imported.created} created, ${imported.updated + imported.deactivated + imported.unchanged} already present`,
  );

  const profiles = parse(fs.readFileSync(new URL("demo-profiles.csv", SEED_DATA)), {
    columns: true,
    skip_empty_lines: true,
    trim: true,
  }) as ProfileRow[];

  await db.transaction().execute(async (trx) => {
    const now = nowIso();
    for (const p of profiles) {
      await trx
        .updateTable("organisation")
        .set({
          type: p.type,
          offers_outreach: p.offers_outreach === "1" ? 1 : 0,
          seeks_help: p.seeks_help === "1" ? 1 : 0,
          updated_at: now,
        })
        .where("ods_code", "=", p.ods_code)
        .execute();
    }

    const organisationIds = new Map(
      (await trx.selectFrom("organisation").select(["id", "ods_code"]).execute()).map((o) => [o.ods_code, o.id]),
    );
    const bodyIds = new Map<string, string>();
    for (const body of Object.values(DEMO_BODIES)) {
      // A run interrupted after this point leaves the bodies behind; reuse them rather than add twins.
      const existing = await trx
        .selectFrom("coordinating_body")
        .select("id")
        .where("name", "=", body.name)
        .executeTakeFirst();
      const id = existing?.id ?? newId();
      if (!existing)
        await trx
          .insertInto("coordinating_body")
          .values({ id, name: body.name, scope: body.scope, scope_code: body.scopeCode })
          .execute();
      bodyIds.set(body.name, id);
    }

    await trx
      .insertInto("app_user")
      .values(
        DEMO_ACCOUNTS.map((account) => {
          const organisationId = account.organisation ? organisationIds.get(account.organisation) : null;
          if (organisationId === undefined)
            throw new Error(`Demo account ${account.email}: no organisation ${account.organisation}`);
          return {
            id: newId(),
            email: account.email,
            name: account.name,
            password_hash: passwordHash,
            role: account.role,
            organisation_id: organisationId,
            coordinating_body_id: account.body ? bodyIds.get(account.body)! : null,
            created_at: now,
            disabled_at: null,
          };
        }),
      )
      .execute();
  });
  log(`Demo accounts: ${DEMO_ACCOUNTS.length} created, password ${DEMO_PASSWORD}`);
  await seedDemoContent(db, passwordHash, log);
  return true;
}
