import { proposeRound, roundResolver, type RoundInput } from "./round";
import type {
  CostModel,
  DateRange,
  OfferFacts,
  RequestFacts,
  RoundResult,
  SharedCapacityGroup,
  TravelLimit,
} from "./types";

/**
 * What a requester could change about its own request, one step at a time: the hard rules it sets
 * itself. Its dates and formats only weigh on the fit, and are left to the requester.
 */
export type WhatIfChange = "accept_virtual" | "travel_region" | "travel_anywhere" | "pay_cost_recovery" | "pay_fee";

export interface WhatIf {
  requestId: string;
  /** False when the round's time for what-ifs ran out before this request was tried. */
  tried: boolean;
  /** The smallest set of changes that gets the request matched in an optimal re-solve; null when none does. */
  changes: WhatIfChange[] | null;
  /** The offer it would then be matched with. */
  offerId: string | null;
  /** Requests the round matched that would then be left without a match. */
  displacedRequestIds: string[];
}

interface Step<T> {
  value: T;
  change: WhatIfChange | null;
  /** How far the step goes from the request as it is. */
  size: number;
}

const TRAVEL_STEPS: Record<TravelLimit, Step<TravelLimit>[]> = {
  icb: [
    { value: "region", change: "travel_region", size: 1 },
    { value: "anywhere", change: "travel_anywhere", size: 2 },
  ],
  region: [{ value: "anywhere", change: "travel_anywhere", size: 1 }],
  anywhere: [],
};

const BUDGET_STEPS: Record<CostModel, Step<CostModel>[]> = {
  free: [
    { value: "cost_recovery", change: "pay_cost_recovery", size: 1 },
    { value: "fee", change: "pay_fee", size: 2 },
  ],
  cost_recovery: [{ value: "fee", change: "pay_fee", size: 1 }],
  fee: [],
};

const unchanged = <T>(value: T): Step<T> => ({ value, change: null, size: 0 });

/**
 * Every combination of the request's own conditions loosened, smallest first (fewest steps, then
 * virtual before travel before budget): the order in which a requester would be asked to change.
 */
export function relaxedVersions(request: RequestFacts): { changes: WhatIfChange[]; request: RequestFacts }[] {
  const virtual: Step<boolean>[] = request.virtualOk
    ? [unchanged(true)]
    : [unchanged(false), { value: true, change: "accept_virtual", size: 1 }];
  const travel = [unchanged(request.travelLimit), ...TRAVEL_STEPS[request.travelLimit]];
  const budget = [unchanged(request.budget), ...BUDGET_STEPS[request.budget]];
  const versions: { changes: WhatIfChange[]; size: number; order: number; request: RequestFacts }[] = [];
  for (const virtualStep of virtual)
    for (const travelStep of travel)
      for (const budgetStep of budget) {
        const size = virtualStep.size + travelStep.size + budgetStep.size;
        if (size === 0) continue;
        versions.push({
          changes: [virtualStep.change, travelStep.change, budgetStep.change].filter(
            (c): c is WhatIfChange => c !== null,
          ),
          size,
          // Among changes of one size: virtual sessions first, then travel, then budget.
          order: (virtualStep.change ? 0 : 100) + (travelStep.change ? 0 : 10) + (budgetStep.change ? 0 : 1),
          request: {
            ...request,
            virtualOk: virtualStep.value,
            travelLimit: travelStep.value,
            budget: budgetStep.value,
          },
        });
      }
  versions.sort((a, b) => a.size - b.size || a.order - b.order);
  return versions.map(({ changes, request: relaxed }) => ({ changes, request: relaxed }));
}

/**
 * For each request the round left unmatched, the smallest change to its own conditions that gets it
 * matched when the whole round is solved again exactly, and who would then lose a match. Versions
 * whose eligible offers and fits equal one already tried are skipped: they solve the same.
 */
export function whatIfsForUnmatched(
  input: RoundInput,
  result: RoundResult,
  { budgetMs = Infinity, clock = () => performance.now() }: { budgetMs?: number; clock?: () => number } = {},
): WhatIf[] {
  const resolver = roundResolver(input);
  const matchedBefore = new Set(result.proposals.map((p) => p.requestId));
  const requests = new Map(input.requests.map((r) => [r.id, r]));
  const stopAt = clock() + budgetMs;
  return result.unmatched.map(({ requestId }) => {
    // Each request's changes are solved in full, so a large round stops between requests, not within one.
    if (clock() > stopAt) return { requestId, tried: false, changes: null, offerId: null, displacedRequestIds: [] };
    const request = requests.get(requestId)!;
    const tried = new Set([resolver.candidateKey(request)]);
    for (const version of relaxedVersions(request)) {
      const key = resolver.candidateKey(version.request);
      if (tried.has(key)) continue;
      tried.add(key);
      const plan = resolver.solveWith(version.request);
      const offerId = plan.get(requestId);
      if (!offerId) continue;
      const displacedRequestIds = [...matchedBefore].filter((id) => !plan.has(id));
      return { requestId, tried: true, changes: version.changes, offerId, displacedRequestIds };
    }
    return { requestId, tried: true, changes: null, offerId: null, displacedRequestIds: [] };
  });
}

/** The next quarter as a round would see it: the same offers with that quarter's places. */
export interface NextQuarter {
  offers: OfferFacts[];
  groups: SharedCapacityGroup[];
  /** A request's window moved so that it falls in the next quarter. */
  moveWindow: (window: DateRange) => DateRange;
}

/**
 * Which of the requests a round left unmatched a round next quarter would match, and with which
 * offer, if all of them waited for it with their windows moved there: one exact solve for all of
 * them together, since they would compete for the same places. The round's own proposals are
 * taken to be settled this quarter; requests not yet made cannot be known.
 */
export function matchedIfTheyWaited(input: RoundInput, result: RoundResult, next: NextQuarter): Map<string, string> {
  const unmatched = new Set(result.unmatched.map((u) => u.requestId));
  const waiting = input.requests
    .filter((r) => unmatched.has(r.id))
    .map((r) => ({ ...r, window: next.moveWindow(r.window) }));
  if (waiting.length === 0) return new Map();
  const later = proposeRound({ ...input, requests: waiting, offers: next.offers, groups: next.groups });
  return new Map(later.proposals.map((p) => [p.requestId, p.offerId]));
}
