import { checkEligibility } from "./eligibility";
import type { OfferFacts, PairRules, RequestFacts, Vocabulary } from "./types";

/**
 * What a requester could change about its own request to let more offers in: the hard rules it
 * sets itself. Dates and formats only weigh on the fit score, so they never rule an offer out.
 */
export type Relaxation = "virtual" | "travel" | "budget";

export interface RelaxationCount {
  relaxation: Relaxation;
  /** Offers ruled out now that this one change alone would make eligible. */
  offers: number;
}

const RELAXED: Record<Relaxation, (request: RequestFacts) => RequestFacts | null> = {
  virtual: (r) => (r.virtualOk ? null : { ...r, virtualOk: true }),
  travel: (r) => (r.travelLimit === "anywhere" ? null : { ...r, travelLimit: "anywhere" }),
  budget: (r) => (r.budget === "fee" ? null : { ...r, budget: "fee" }),
};

// Eligibility's own words are not used here, only whether a pair passes.
const NAMELESS: Vocabulary = { capabilityName: (id) => id, formatName: (c) => c, audienceName: (c) => c };

/** For each change the requester could make, how many offers it would let in; changes that let none in are left out. */
export function relaxationCounts(request: RequestFacts, offers: OfferFacts[], rules: PairRules): RelaxationCount[] {
  const ruledOut = offers.filter((offer) => !checkEligibility(request, offer, rules, NAMELESS).eligible);
  return (Object.keys(RELAXED) as Relaxation[]).flatMap((relaxation) => {
    const relaxed = RELAXED[relaxation](request);
    if (!relaxed) return [];
    const count = ruledOut.filter((offer) => checkEligibility(relaxed, offer, rules, NAMELESS).eligible).length;
    return count > 0 ? [{ relaxation, offers: count }] : [];
  });
}

const IF: Record<Relaxation, string> = {
  virtual: "if virtual sessions were acceptable",
  travel: "if you would travel anywhere in England",
  budget: "if you could pay a fee",
};

/**
 * A reason for finding no offer, with what the requester could change, e.g. "No offer teaches
 * Flow within your travel limit; 2 offers could help if virtual sessions were acceptable".
 */
export function withRelaxationHint(reason: string, counts: RelaxationCount[]): string {
  if (counts.length === 0) return reason;
  const [first, ...rest] = counts.map(({ relaxation, offers }) => ({ n: offers, words: IF[relaxation] }));
  const hint = [
    `${first.n} ${first.n === 1 ? "offer" : "offers"} could help ${first.words}`,
    ...rest.map(({ n, words }) => `${n} ${words}`),
  ].join(", or ");
  return `${reason}; ${hint}`;
}
