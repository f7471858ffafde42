import type { Kysely } from "kysely";
import type { Database, OrganisationType } from "../../../db/schema";
import { plusDays, stampOn } from "./calendar";
import { organisationName, personName, placeName, postcode, streetAddress } from "./names";
import type { OrganisationPlan, ScaleContext, UserPlan } from "./plan";
import type { PhaseRun } from "./progress";
import { weightedPicker } from "./random";
import { writeInChunks } from "./rows";

/** Synthetic ODS codes: "Z" and four digits. Real trust codes are three characters starting R or T. */
export const SCALED_ODS_PREFIX = "Z";
export const scaledOdsCode = (number: number) => `${SCALED_ODS_PREFIX}${String(number).padStart(4, "0")}`;
export const isScaledOdsCode = (code: string) => /^Z\d{4}$/.test(code);

const pickType = weightedPicker<OrganisationType>(
  ["acute", "acute_specialist", "mental_health", "community", "ambulance", "other"],
  [55, 6, 20, 10, 4, 5],
);

/** About one trust in eight is a pioneer; most trusts seek help, and some pioneers do too. */
export const PIONEER_SHARE = 0.12;

/**
 * Plans `count` organisations numbered from `firstNumber`, spread over the boards (and so the
 * regions) in the reference tables, each with an improvement lead and one or two members.
 */
export function planOrganisations(ctx: ScaleContext, count: number, firstNumber: number): OrganisationPlan[] {
  const { random, reference } = ctx;
  const pioneers = count >= 2 ? Math.max(1, Math.round(count * PIONEER_SHARE)) : 0;
  const pioneerSlots = new Set(
    random.sample(
      Array.from({ length: count }, (_, i) => i),
      pioneers,
    ),
  );
  const taken = new Set<string>();
  const organisations: OrganisationPlan[] = [];
  for (let i = 0; i < count; i++) {
    const ods = scaledOdsCode(firstNumber + i);
    const type = pickType(random);
    const foundation = random.chance(0.65);
    const name = organisationName(type, foundation, random, taken);
    const icb = random.pick(reference.icbs);
    const pioneer = pioneerSlots.has(i);
    const base = reference.capabilities.map(() => clampScore((pioneer ? 3.1 : 2.2) + random.normal() * 0.7));
    // A pioneer is strong in a handful of capabilities, which is what it teaches.
    const strong = pioneer
      ? random.sample(
          reference.capabilities.map((_, index) => index),
          random.int(3, 6),
        )
      : [];
    for (const index of strong) base[index] = 4.2 + random.next() * 0.8;
    const place = name.split(" ")[0];
    organisations.push({
      id: random.uuid(),
      ods,
      name,
      place,
      type,
      foundation,
      regionCode: icb.regionCode,
      icbCode: icb.code,
      openedOn: plusDays("1994-04-01", random.int(0, 9000)),
      pioneer,
      // Every other trust seeks help; about a third of pioneers do too, in what they are weaker at.
      seeksHelp: !pioneer || random.chance(0.35),
      users: planUsers(ctx, ods),
      base,
      strong,
      readiness: pioneer ? 3.6 : 2.6,
    });
  }
  return organisations;
}

const clampScore = (value: number) => Math.min(5, Math.max(1, value));

function planUsers(ctx: ScaleContext, ods: string): UserPlan[] {
  const { random } = ctx;
  const code = ods.toLowerCase();
  const users: UserPlan[] = [
    { id: random.uuid(), email: `lead.${code}@example.org`, name: personName(random), role: "org_admin" },
  ];
  const members = random.int(1, 2);
  for (let k = 1; k <= members; k++) {
    const name = personName(random);
    users.push({
      id: random.uuid(),
      email: `${name.toLowerCase().replace(/[^a-z]+/g, ".")}.${k}.${code}@example.org`,
      name,
      role: "member",
    });
  }
  return users;
}

export async function writeOrganisations(
  db: Kysely<Database>,
  ctx: ScaleContext,
  organisations: OrganisationPlan[],
  phase: PhaseRun,
): Promise<number> {
  const { random, calendar } = ctx;
  return writeInChunks(
    db,
    organisations,
    1_000,
    async (sink, o) => {
      const createdAt = stampOn(plusDays(calendar.start, -random.int(1, 60)), random);
      await sink.add("organisation", {
        id: o.id,
        ods_code: o.ods,
        name: o.name,
        type: o.type,
        is_foundation_trust: o.foundation ? 1 : 0,
        region_code: o.regionCode,
        icb_code: o.icbCode,
        address: streetAddress(placeName(random), random),
        postcode: postcode(o.place, random),
        opened_on: o.openedOn,
        closed_on: null,
        active: 1,
        seeks_help: o.seeksHelp ? 1 : 0,
        offers_outreach: o.pioneer ? 1 : 0,
        created_at: createdAt,
        updated_at: createdAt,
      });
      for (const user of o.users) {
        await sink.add("app_user", {
          id: user.id,
          email: user.email,
          name: user.name,
          password_hash: ctx.passwordHash,
          role: user.role,
          organisation_id: o.id,
          coordinating_body_id: null,
          created_at: createdAt,
          disabled_at: null,
        });
      }
    },
    phase.advance,
  );
}
