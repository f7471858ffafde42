import { sql, type Expression, type Kysely, type SqlBool } from "kysely";
import { organisationInScope } from "../../../db/portable";
import type { Database } from "../../../db/schema";
import {
  byLoad,
  timingByQuarter,
  type DashboardQuery,
  type DashboardScope,
  type FunnelCounts,
  type OfferLoad,
  type TimingRow,
} from "../../domain/dashboard";
import { dayAfter, quarterOf, quartersBetween } from "../../lib/dates";

// Dashboard sections about requests moving through outreach: the funnel, time to a match, and pioneers' load.

type Db = Kysely<Database>;

const not = (condition: Expression<SqlBool>) => sql<SqlBool>`not (${condition})`;

/**
 * Requests submitted in the period by organisations in scope, and how many of them got as far as
 * each later step. Each step's requests are gathered once as a set (matched requests, requests
 * with a session held, …) and each request is placed at the last step it reached in turn; one
 * pass over the requests, grouped by that step, rather than a chain of lookups per request.
 */
export async function funnelCounts(db: Db, query: DashboardQuery): Promise<FunnelCounts> {
  // Materialised, so each request's step is worked out once: grouping by an inlined expression
  // would have SQLite work it out twice, once for the group and once for the result.
  const rows = await db
    .with(
      (cte) => cte("reached").materialized(),
      (qb) =>
        qb
          .selectFrom("help_request as r")
          .innerJoin("organisation", "organisation.id", "r.organisation_id")
          .where(organisationInScope(query.scope))
          .where("r.submitted_at", ">=", query.from)
          .where("r.submitted_at", "<", dayAfter(query.to))
          .select((eb) => {
            const engagementRequests = () => eb.selectFrom("engagement as e").select("e.request_id");
            return eb
              .case()
              .when(
                not(
                  eb(
                    "r.id",
                    "in",
                    eb
                      .selectFrom("outreach_match as m")
                      .select("m.request_id")
                      .where("m.status", "in", ["approved", "accepted"]),
                  ),
                ),
              )
              .then(0)
              .when(
                not(
                  eb(
                    "r.id",
                    "in",
                    engagementRequests()
                      .innerJoin("outreach_session as s", "s.engagement_id", "e.id")
                      .where("s.status", "=", "held"),
                  ),
                ),
              )
              .then(1)
              .when(
                not(
                  eb(
                    "r.id",
                    "in",
                    engagementRequests().where((w) =>
                      w.exists(
                        w.selectFrom("learning_entry as l").select("l.id").whereRef("l.engagement_id", "=", "e.id"),
                      ),
                    ),
                  ),
                ),
              )
              .then(2)
              .when(
                not(
                  eb("r.id", "in", engagementRequests().innerJoin("engagement_impact as i", "i.engagement_id", "e.id")),
                ),
              )
              .then(3)
              .else(4)
              .end()
              .as("stage");
          }),
    )
    .selectFrom("reached")
    .groupBy("reached.stage")
    .select((eb) => ["reached.stage", eb.fn.countAll<number>().as("requests")])
    .execute();
  // Requests that reached at least step k.
  const reached = (k: number) =>
    rows.reduce((sum, row) => sum + (Number(row.stage) >= k ? Number(row.requests) : 0), 0);
  return {
    submitted: reached(0),
    matched: reached(1),
    sessionHeld: reached(2),
    learningRecorded: reached(3),
    reassessed: reached(4),
  };
}

export interface RequestToMatch {
  byQuarter: TimingRow[];
  overall: Omit<TimingRow, "quarter">;
}

/**
 * Days from submission to the first approved match, for requests from organisations in scope
 * whose first match was approved in the period. The database finds each request's first
 * approval; the percentiles are worked out in TypeScript, the same on both engines.
 */
export async function requestToMatch(db: Db, query: DashboardQuery): Promise<RequestToMatch> {
  const firstApprovals = db
    .selectFrom("outreach_match as m")
    .groupBy("m.request_id")
    .having((eb) =>
      eb.and([
        eb(eb.fn.min("m.approved_at"), ">=", query.from),
        eb(eb.fn.min("m.approved_at"), "<", dayAfter(query.to)),
      ]),
    )
    .select((eb) => ["m.request_id", eb.fn.min<string>("m.approved_at").as("approved_at")]);
  const rows = await db
    .selectFrom(firstApprovals.as("first"))
    .innerJoin("help_request as r", "r.id", "first.request_id")
    .innerJoin("organisation", "organisation.id", "r.organisation_id")
    .where(organisationInScope(query.scope))
    .where("r.submitted_at", "is not", null)
    .select(["r.submitted_at", "first.approved_at"])
    .execute();
  const pairs = rows.map((r) => ({ submittedAt: r.submitted_at as string, approvedAt: r.approved_at }));
  return timingByQuarter(pairs, quartersBetween(query.from, query.to));
}

export interface PioneerLoad {
  quarter: string;
  /** Every offer in scope still taking requests or with places taken this quarter, busiest first. */
  offers: OfferLoad[];
}

/** Places approved this quarter against each offer's capacity, for offers of pioneers in scope. */
export async function pioneerLoad(
  db: Db,
  { scope, today }: { scope: DashboardScope; today: string },
): Promise<PioneerLoad> {
  const quarter = quarterOf(today);
  const rows = await db
    .selectFrom("offer as o")
    .innerJoin("organisation", "organisation.id", "o.organisation_id")
    .leftJoin("offer_quarter_load as l", (join) => join.onRef("l.offer_id", "=", "o.id").on("l.quarter", "=", quarter))
    .where(organisationInScope(scope))
    .where((eb) => eb.or([eb("o.status", "<>", "closed"), eb("l.approved", ">", 0)]))
    .select([
      "o.id",
      "o.title",
      "o.status",
      "o.capacity_per_quarter",
      "organisation.name as organisation_name",
      "l.approved",
    ])
    .execute();
  const offers = rows.map((r): OfferLoad => ({
    offerId: r.id,
    title: r.title,
    organisationName: r.organisation_name,
    status: r.status,
    capacity: Number(r.capacity_per_quarter),
    approved: Number(r.approved ?? 0),
  }));
  return { quarter, offers: offers.sort(byLoad) };
}
