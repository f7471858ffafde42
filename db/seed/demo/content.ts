import type { Kysely } from "kysely";
import type { Database } from "../../schema";
import { newId } from "../../../app/lib/ids";
import { addDays, nowIso, todayInEngland } from "../../../app/lib/dates";
import { recordAssessment } from "../../../app/models/assessment/assessments.server";
import { pauseOffer, publishOffer, type OfferFields } from "../../../app/models/offer/offers.server";
import { createRequest, type RequestFields } from "../../../app/models/request/requests.server";
import { askForPioneerStatus } from "../../../app/models/organisation/pioneer-status.server";
import { seedDemoEngagements } from "./engagements";
import { seedDemoMatches } from "./matching";
import { DEMO_OFFERS, DEMO_REQUESTS, DEMO_STRENGTHS, DEMO_GAPS } from "./content-data";
import type { Actor } from "../../../app/auth/policy";

/** Demonstration prices for offers that charge, in pence. */
const DEMO_FEE_PENCE = { fee: 45_000, cost_recovery: 12_000 } as const;

/** A small deterministic generator, so every demo database is the same. */
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Assessments for every demo trust, published offers and open requests, shaped so that a
 * matching round is worth looking at: measurement for improvement is wanted by many and
 * offered by few, one trust can only be helped by one offer, and some requests cannot be met.
 */
export async function seedDemoContent(
  db: Kysely<Database>,
  passwordHash: string,
  log: (message: string) => void = () => undefined,
): Promise<void> {
  const today = todayInEngland();
  const random = mulberry32(2026);
  const organisations = await db
    .selectFrom("organisation")
    .select(["id", "ods_code", "name", "offers_outreach"])
    .where("active", "=", 1)
    .orderBy("ods_code")
    .execute();
  const capabilities = await db
    .selectFrom("capability")
    .select(["id", "code", "name"])
    .where("retired_at", "is", null)
    .orderBy("position")
    .execute();
  const factors = await db.selectFrom("readiness_factor").select("code").where("retired_at", "is", null).execute();
  const capabilityId = new Map(capabilities.map((c) => [c.code, c.id]));
  const idOf = (code: string) => {
    const id = capabilityId.get(code);
    if (!id) throw new Error(`Demo content names an unknown capability ${code}`);
    return id;
  };

  // An improvement lead at each trust records its assessment and files or publishes on its behalf.
  const leads = new Map<string, string>();
  const existing = await db
    .selectFrom("app_user")
    .select(["id", "organisation_id", "role"])
    .where("organisation_id", "is not", null)
    .execute();
  for (const o of organisations) {
    const admin = existing.find((u) => u.organisation_id === o.id && u.role === "org_admin");
    if (admin) {
      leads.set(o.ods_code, admin.id);
      continue;
    }
    const id = newId();
    await db
      .insertInto("app_user")
      .values({
        id,
        email: `lead.${o.ods_code.toLowerCase()}@example.org`,
        name: `Improvement lead, ${o.ods_code}`,
        password_hash: passwordHash,
        role: "org_admin",
        organisation_id: o.id,
        coordinating_body_id: null,
        created_at: nowIso(),
        disabled_at: null,
      })
      .execute();
    leads.set(o.ods_code, id);
  }

  for (const o of organisations) {
    const strengths = DEMO_STRENGTHS[o.ods_code] ?? {};
    const gaps = DEMO_GAPS[o.ods_code] ?? {};
    // Pioneers sit higher overall; everyone else starts from developing or below.
    const base = o.offers_outreach ? [3, 3, 4] : [2, 2, 3];
    const scores = capabilities.map((c) => ({
      capabilityId: c.id,
      maturity: strengths[c.code] ?? gaps[c.code] ?? base[Math.floor(random() * base.length)],
      evidence: strengths[c.code] ? "Sustained, measured results shared with peers." : "",
    }));
    const readiness = factors.map((f) => ({ factorCode: f.code, score: 2 + Math.floor(random() * 3) }));
    const lead: Actor = { id: leads.get(o.ods_code)!, role: "org_admin", organisationId: o.id, scope: null };
    await recordAssessment(db, lead, {
      organisationId: o.id,
      assessedOn: addDays(today, -40),
      scores,
      readiness,
      note: "Board-approved self-assessment",
    });
  }
  log(`Demo assessments: ${organisations.length}`);

  const orgId = new Map(organisations.map((o) => [o.ods_code, o.id]));
  const window = { start: addDays(today, -7), end: addDays(today, 270) };
  // Each trust's lead publishes its offers and files its requests, acting as they would when signed in.
  const leadOf = (ods: string): Actor => ({
    id: leads.get(ods)!,
    role: "org_admin",
    organisationId: orgId.get(ods)!,
    scope: null,
    organisationIsPioneer: organisations.some((o) => o.ods_code === ods && o.offers_outreach === 1),
  });
  for (const offer of DEMO_OFFERS) {
    const fields: OfferFields = {
      title: offer.title,
      description: offer.description,
      capabilityIds: offer.capabilities.map(idOf),
      evidence: {},
      formatCode: offer.format,
      audienceCodes: offer.audiences,
      capacityPerQuarter: offer.capacity,
      costModel: offer.cost,
      feePence: offer.cost === "free" ? null : DEMO_FEE_PENCE[offer.cost],
      virtualOk: offer.virtual,
      windows: [window],
      contactName: offer.contact,
      contactEmail: `outreach.${offer.ods.toLowerCase()}@example.org`,
    };
    const offerId = await publishOffer(db, {
      organisationId: orgId.get(offer.ods)!,
      actor: leadOf(offer.ods),
      fields,
      today,
    });
    if (offer.pausedForDays) {
      await pauseOffer(db, {
        offerId,
        actor: leadOf(offer.ods),
        until: addDays(today, offer.pausedForDays),
        reason: "Team on winter pressures duty",
        today,
      });
    }
  }
  log(`Demo offers: ${DEMO_OFFERS.length}`);

  for (const request of DEMO_REQUESTS) {
    const fields: RequestFields = {
      title: request.title,
      outcome: request.outcome,
      capabilityIds: request.capabilities.map(idOf),
      audienceCodes: request.audiences,
      formatCodes: request.formats,
      windowStart: addDays(today, request.startsInDays ?? 14),
      windowEnd: addDays(today, (request.startsInDays ?? 14) + 180),
      virtualOk: request.virtual,
      travelLimit: request.travel,
      budget: request.budget,
      priority: request.priority,
    };
    await createRequest(db, {
      organisationId: orgId.get(request.ods)!,
      actor: leadOf(request.ods),
      fields,
      submit: !request.draft,
      today,
    });
  }
  log(`Demo requests: ${DEMO_REQUESTS.length}`);

  // Pioneer status is granted, not declared: one London trust has asked, so coordinators can see how it is decided.
  const asking = orgId.get("RP4")!;
  await askForPioneerStatus(db, {
    actor: { id: leads.get("RP4")!, role: "org_admin", organisationId: asking, scope: null },
    organisationId: asking,
    reason:
      "Our theatre teams cut same-day cancellations by a third in a year with QSIR and a weekly huddle; other specialist trusts have asked how.",
  });

  const coordinator = await db
    .selectFrom("app_user")
    .select("id")
    .where("email", "=", "coordinator@example.org")
    .executeTakeFirstOrThrow();
  log(`Demo engagements: ${await seedDemoEngagements(db, { leads, coordinatorId: coordinator.id })}`);
  log(`Demo matches in flight: ${await seedDemoMatches(db, { leads, coordinatorId: coordinator.id })}`);
}
