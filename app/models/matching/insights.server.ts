import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { can, type Actor } from "../../auth/policy";
import { whyNotPair, type OneMorePlace, type WhyNot } from "../../matching/insights";
import type { RoundInput } from "../../matching/round";
import { DEFAULT_WEIGHTS } from "../../matching/weights";
import { Forbidden } from "../../lib/errors";
import { loadMatchingFacts } from "./facts.server";
import { roundsInScope } from "./rounds.server";

// A round keeps its proposals, not its inputs, so "why not" questions are answered from today's open
// requests and offers in the round's area and quarter: what a coordinator could act on now.

interface RoundRef {
  id: string;
  scope: Database["match_round"]["scope"];
  scope_code: string | null;
  quarter: string;
}

async function roundInput(db: Kysely<Database>, actor: Actor, round: RoundRef, today: string): Promise<RoundInput> {
  if (!can(actor, { action: "round:view", round: { scope: round.scope, scopeCode: round.scope_code } }))
    throw new Forbidden("Only coordinators of the round's area can ask about it");
  const facts = await loadMatchingFacts(db, {
    scope: { kind: round.scope, code: round.scope_code },
    quarter: round.quarter,
    today,
  });
  return { ...facts, weights: DEFAULT_WEIGHTS };
}

/**
 * Where one more place would help, for the newest round of the coordinator's own area, as that
 * round worked it out when it ran (null when there is no round, or it ran before this was kept).
 */
export async function latestRoundPlaceInsights(
  db: Kysely<Database>,
  { actor }: { actor: Actor },
): Promise<{ roundId: string; places: OneMorePlace[] } | null> {
  if (!actor.scope) throw new Forbidden("Only coordinators have matching rounds");
  const latest = await roundsInScope(db, actor.scope)
    .select(["match_round.id", "match_round.places_json"])
    .limit(1)
    .executeTakeFirst();
  if (!latest?.places_json) return null;
  return { roundId: latest.id, places: JSON.parse(latest.places_json) as OneMorePlace[] };
}

/**
 * How a pair a coordinator is about to approve by override compares with the best plan for the
 * round: the exact cost of forcing it in and which proposals the best plan would then change.
 */
export async function pairAgainstBestPlan(
  db: Kysely<Database>,
  {
    actor,
    round,
    requestId,
    offerId,
    today,
  }: { actor: Actor; round: RoundRef; requestId: string; offerId: string; today: string },
): Promise<WhyNot> {
  return whyNotPair(await roundInput(db, actor, round, today), requestId, offerId);
}

export interface WhyNotChoices {
  requests: { value: string; label: string }[];
  offers: { value: string; label: string }[];
}

/**
 * The requests of the round and the offers open to matching now, to choose from; and, for a
 * chosen pair, why the round did not match it.
 */
export async function whyNotInRound(
  db: Kysely<Database>,
  {
    actor,
    round,
    requests,
    today,
    pair,
  }: {
    actor: Actor;
    round: RoundRef;
    /** The round's requests, as the round page lists them. */
    requests: { id: string; title: string; organisationName: string }[];
    today: string;
    pair: { requestId: string; offerId: string } | null;
  },
): Promise<{ choices: WhyNotChoices; answer: WhyNot | null }> {
  const input = await roundInput(db, actor, round, today);
  const choices: WhyNotChoices = {
    requests: requests
      .map((r) => ({ value: r.id, label: `${r.title} (${r.organisationName})` }))
      .sort((a, b) => a.label.localeCompare(b.label)),
    offers: input.offers
      .map((o) => ({ value: o.id, label: `${o.title} (${o.organisationName})` }))
      .sort((a, b) => a.label.localeCompare(b.label)),
  };
  return { choices, answer: pair ? whyNotPair(input, pair.requestId, pair.offerId) : null };
}
