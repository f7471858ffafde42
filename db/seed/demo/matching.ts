import type { Kysely } from "kysely";
import type { Actor } from "../../../app/auth/policy";
import type { Database } from "../../schema";
import { answerDueAt } from "../../../app/domain/answer-deadline";
import { addDays, nowIso, quarterOf, todayInEngland } from "../../../app/lib/dates";
import { newId } from "../../../app/lib/ids";
import { createRequest, type RequestFields } from "../../../app/models/request/requests.server";

/** How long ago the demo matches were approved: recent enough that the pioneer still has time. */
const WAITING_APPROVED_DAYS_AGO = 2;

interface DemoMatch {
  request: {
    ods: string;
    title: string;
    outcome: string;
    capabilities: string[];
    audiences: string[];
    formats: string[];
  };
  offer: string;
  /** Waiting for the pioneer's answer, or declined and back in matching. */
  answer: { declined: string } | null;
}

/**
 * Matches in flight, so the home pages show work on first sign-in: one approved and waiting for
 * the demo pioneer's answer, and one declined whose request is back in matching in London, which
 * both demo coordinators see. Their requests are their own, so the demo's matching round is unchanged.
 */
export const DEMO_MATCHES: DemoMatch[] = [
  {
    request: {
      ods: "RAL",
      title: "Setting up our trust-wide improvement programme",
      outcome: "A three-year improvement programme the board owns, with skills dosed across every division.",
      capabilities: ["IMPACT-4", "W8"],
      audiences: ["board", "senior_leaders"],
      formats: ["mentoring"],
    },
    offer: "Building an organisation-wide improvement programme",
    answer: null,
  },
  {
    request: {
      ods: "RP4",
      title: "Daily huddles for our outpatient clinics",
      outcome: "Every outpatient clinic starts the day with a huddle on yesterday's problems.",
      capabilities: ["OPS-LEAN"],
      audiences: ["managers"],
      formats: ["shadowing"],
    },
    offer: "Lean daily management: shadow our huddles",
    answer: { declined: "Our huddle leads are supporting our own winter plan this quarter" },
  },
];

export async function seedDemoMatches(
  db: Kysely<Database>,
  input: { leads: Map<string, string>; coordinatorId: string },
): Promise<number> {
  const today = todayInEngland();
  const approvedAt = new Date(Date.now() - WAITING_APPROVED_DAYS_AGO * 24 * 60 * 60 * 1000).toISOString();
  for (const demo of DEMO_MATCHES) {
    const organisation = await db
      .selectFrom("organisation")
      .select("id")
      .where("ods_code", "=", demo.request.ods)
      .executeTakeFirstOrThrow();
    const offer = await db
      .selectFrom("offer")
      .innerJoin("organisation", "organisation.id", "offer.organisation_id")
      .select(["offer.id", "organisation.ods_code"])
      .where("offer.title", "=", demo.offer)
      .executeTakeFirstOrThrow();
    const capabilities = await db
      .selectFrom("capability")
      .select("id")
      .where("code", "in", demo.request.capabilities)
      .execute();
    const fields: RequestFields = {
      title: demo.request.title,
      outcome: demo.request.outcome,
      capabilityIds: capabilities.map((c) => c.id),
      audienceCodes: demo.request.audiences,
      formatCodes: demo.request.formats,
      windowStart: addDays(today, 7),
      windowEnd: addDays(today, 187),
      virtualOk: true,
      travelLimit: "anywhere",
      budget: "cost_recovery",
      priority: "medium",
    };
    // The trust's lead files it, as they would when signed in.
    const lead: Actor = {
      id: input.leads.get(demo.request.ods)!,
      role: "org_admin",
      organisationId: organisation.id,
      scope: null,
      organisationIsPioneer: false,
    };
    const requestId = await createRequest(db, {
      organisationId: organisation.id,
      actor: lead,
      fields,
      submit: true,
      today,
    });
    const quarter = quarterOf(today);
    const declined = demo.answer !== null;
    await db
      .insertInto("outreach_match")
      .values({
        id: newId(),
        request_id: requestId,
        offer_id: offer.id,
        quarter,
        proposal_id: null,
        status: declined ? "declined" : "approved",
        approved_by: input.coordinatorId,
        approved_at: approvedAt,
        approval_reason: "Close fit on the capabilities asked for",
        responded_by: declined ? input.leads.get(offer.ods_code)! : null,
        responded_at: declined ? nowIso() : null,
        response_reason: demo.answer?.declined ?? null,
        answer_due_at: answerDueAt(approvedAt, 10),
      })
      .execute();
    // A waiting match holds its place on the offer; a declined one gave it back.
    if (!declined) {
      await db
        .insertInto("offer_quarter_load")
        .values({ offer_id: offer.id, quarter, approved: 1 })
        .onConflict((oc) =>
          oc
            .columns(["offer_id", "quarter"])
            .doUpdateSet((eb) => ({ approved: eb("offer_quarter_load.approved", "+", 1) })),
        )
        .execute();
    }
  }
  return DEMO_MATCHES.length;
}
