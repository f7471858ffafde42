import type { Kysely } from "kysely";
import type { CostModel, Database } from "../../../db/schema";
import { FIRST_ASSESSMENT_DAYS } from "./assessments";
import { dayBetween, earliest, plusDays, stampOn } from "./calendar";
import { personName } from "./names";
import type { DateWindow, OfferPlan, OrganisationPlan, ScaleContext } from "./plan";
import type { PhaseRun } from "./progress";
import { weightedPicker } from "./random";
import { writeInChunks } from "./rows";
import { evidenceText, offerDescription, offerTitle } from "./text";

const pickCost = weightedPicker<CostModel>(["free", "cost_recovery", "fee"], [60, 30, 10]);

/** One to three offers per pioneer, teaching only capabilities it is strong in (established or better). */
export function planOffers(ctx: ScaleContext, organisations: readonly OrganisationPlan[]): OfferPlan[] {
  const { random, reference, calendar } = ctx;
  const offers: OfferPlan[] = [];
  for (const organisation of organisations) {
    if (!organisation.pioneer) continue;
    const count = random.int(1, 3);
    for (let k = 0; k < count; k++) {
      const capabilities = random.sample(organisation.strong, random.int(1, Math.min(3, organisation.strong.length)));
      const format = random.pick(reference.formats);
      // Most offers date from the first months, when pioneers signed up, after their first assessment; some come later.
      const firstDay = plusDays(calendar.start, FIRST_ASSESSMENT_DAYS + 1);
      const createdOn = random.chance(0.7)
        ? dayBetween(firstDay, plusDays(calendar.start, 180), random)
        : dayBetween(firstDay, plusDays(calendar.today, -30), random);
      const roll = random.next();
      // A closed offer ran for at least four months first; one too new for that stays published.
      const closable = plusDays(createdOn, 120) < calendar.yesterday;
      const status = roll < 0.85 ? "published" : roll < 0.93 ? "paused" : closable ? "closed" : "published";
      const closedOn = status === "closed" ? dayBetween(plusDays(createdOn, 120), calendar.yesterday, random) : null;
      const words = capabilities.map((index) => reference.capabilities[index]);
      offers.push({
        id: random.uuid(),
        organisation,
        title: offerTitle(format.code, words, random),
        description: offerDescription(words, random),
        formatCode: format.code,
        capabilities,
        audiences: random.sample(reference.audiences, random.int(1, 3)),
        capacity: random.int(2, 10),
        costModel: pickCost(random),
        virtualOk: format.isVirtual || random.chance(0.4),
        contactName: personName(random),
        contactEmail: `outreach${k + 1}.${organisation.ods.toLowerCase()}@example.org`,
        status,
        pausedOn: status === "paused" ? dayBetween(plusDays(calendar.today, -30), calendar.yesterday, random) : null,
        pausedUntil: status === "paused" ? plusDays(calendar.today, random.int(7, 90)) : null,
        createdAt: stampOn(createdOn, random),
        closedOn,
        windows: planWindows(ctx, createdOn, closedOn),
      });
    }
  }
  return offers;
}

/** Availability from the day it was published: one long window, or two with a gap between them. */
function planWindows(ctx: ScaleContext, createdOn: string, closedOn: string | null): DateWindow[] {
  const { random, calendar } = ctx;
  const horizon = closedOn ?? plusDays(calendar.today, random.int(90, 365));
  if (random.chance(0.6)) return [{ start: createdOn, end: horizon }];
  const firstEnd = earliest(plusDays(createdOn, random.int(180, 400)), horizon);
  const secondStart = plusDays(firstEnd, random.int(14, 45));
  if (secondStart >= horizon) return [{ start: createdOn, end: horizon }];
  return [
    { start: createdOn, end: firstEnd },
    { start: secondStart, end: horizon },
  ];
}

export async function writeOffers(
  db: Kysely<Database>,
  ctx: ScaleContext,
  offers: OfferPlan[],
  phase: PhaseRun,
): Promise<number> {
  const { random, reference } = ctx;
  return writeInChunks(
    db,
    offers,
    1_000,
    async (sink, offer) => {
      const lead = offer.organisation.users[0].id;
      const updatedAt = offer.closedOn
        ? stampOn(offer.closedOn, random)
        : offer.pausedOn
          ? stampOn(offer.pausedOn, random)
          : offer.createdAt;
      await sink.add("offer", {
        id: offer.id,
        organisation_id: offer.organisation.id,
        title: offer.title,
        description: offer.description,
        format_code: offer.formatCode,
        capacity_per_quarter: offer.capacity,
        cost_model: offer.costModel,
        fee_pence: offer.costModel === "free" ? null : offer.costModel === "fee" ? 45_000 : 12_000,
        virtual_ok: offer.virtualOk ? 1 : 0,
        contact_name: offer.contactName,
        contact_email: offer.contactEmail,
        status: offer.status,
        paused_until: offer.pausedUntil,
        created_by: lead,
        created_at: offer.createdAt,
        updated_at: updatedAt,
      });
      for (const index of offer.capabilities) {
        await sink.add("offer_capability", {
          offer_id: offer.id,
          capability_id: reference.capabilities[index].id,
          evidence: random.chance(0.5) ? evidenceText(random) : "",
        });
      }
      for (const code of offer.audiences) await sink.add("offer_audience", { offer_id: offer.id, audience_code: code });
      for (const w of offer.windows)
        await sink.add("offer_window", { id: random.uuid(), offer_id: offer.id, starts_on: w.start, ends_on: w.end });
      await sink.add("offer_event", {
        id: random.uuid(),
        offer_id: offer.id,
        from_status: null,
        to_status: "published",
        actor_id: lead,
        note: "Published",
        created_at: offer.createdAt,
      });
      if (offer.pausedOn) {
        await sink.add("offer_event", {
          id: random.uuid(),
          offer_id: offer.id,
          from_status: "published",
          to_status: "paused",
          actor_id: lead,
          note: "Team on winter pressures duty",
          created_at: updatedAt,
        });
      }
      if (offer.closedOn) {
        await sink.add("offer_event", {
          id: random.uuid(),
          offer_id: offer.id,
          from_status: "published",
          to_status: "closed",
          actor_id: lead,
          note: "Programme finished",
          created_at: updatedAt,
        });
      }
    },
    phase.advance,
  );
}
