import { maturityName, READINESS_LEVELS } from "../domain/maturity";
import { distanceIrrelevant, sameIcb, sameRegion } from "./eligibility";
import type { DateRange, Factor, OfferFacts, RequestFacts, Vocabulary } from "./types";
import { FACTOR_LABELS, type FactorKey, type Weights } from "./weights";

/**
 * One function per factor, each scoring a pair from 0 to 1 and saying why in plain words. They
 * assume the pair passed the hard rules (eligibility.ts), e.g. the cost is within budget.
 */
export interface FactorContext {
  weights: Weights;
  vocabulary: Vocabulary;
}
export type FactorFunction = (request: RequestFacts, offer: OfferFacts, context: FactorContext) => Factor;

/** Unassessed requester: they asked for help, so it is a gap, but not one that outranks a measured "not started". */
const UNKNOWN_REQUESTER_GAP = 0.75;
/** Unassessed pioneer: it offers to teach, so assume a modest strength (as if developing). */
const UNKNOWN_PIONEER_STRENGTH = 0.5;
/** A mean gain of this many maturity levels after past engagements counts as the best evidence. */
const FULL_IMPACT_GAIN = 2;

export const capabilityFit: FactorFunction = (request, offer, context) => {
  const { vocabulary } = context;
  const parts = request.capabilityIds.map((id) => {
    const name = vocabulary.capabilityName(id);
    if (!offer.capabilityIds.includes(id)) return { value: 0, text: `Does not cover ${name}` };
    const own = request.maturity[id];
    const pioneer = offer.maturity[id];
    const gap = own === undefined ? UNKNOWN_REQUESTER_GAP : clamp01((5 - own) / 4);
    const strength = pioneer === undefined ? UNKNOWN_PIONEER_STRENGTH : clamp01((pioneer - 1) / 4);
    const pioneerWords =
      pioneer === undefined
        ? `Pioneer teaches ${name} but has not assessed it`
        : `Pioneer is ${levelWord(pioneer)} in ${name}`;
    const ownWords = own === undefined ? "you have not assessed it yet" : `you assessed yourself as ${levelWord(own)}`;
    return { value: gap * strength, text: `${pioneerWords}; ${ownWords}` };
  });
  const value = parts.length ? parts.reduce((sum, p) => sum + p.value, 0) / parts.length : 0;
  return factor("capability", value, parts.map((p) => p.text).join(". "), context);
};

export const audienceMatch: FactorFunction = (request, offer, context) => {
  const { vocabulary } = context;
  if (request.audienceCodes.length === 0) return factor("audience", 1, "No particular audience asked for", context);
  const served = request.audienceCodes.filter((code) => offer.audienceCodes.includes(code));
  const missing = request.audienceCodes.filter((code) => !offer.audienceCodes.includes(code));
  const names = (codes: string[]) => codes.map((code) => vocabulary.audienceName(code)).join(", ");
  const text =
    missing.length === 0
      ? `Serves every audience you asked for (${names(served)})`
      : served.length === 0
        ? `Serves none of the audiences you asked for (${names(missing)})`
        : `Serves ${names(served)}; not ${names(missing)}`;
  return factor("audience", served.length / request.audienceCodes.length, text, context);
};

/**
 * A listed format, or a virtual-session format for a requester who accepts virtual help, is a full
 * match. An in-person format that can also run virtually is half a match for such a requester: the
 * delivery suits them, the kind of help was not what they asked for.
 */
export const formatMatch: FactorFunction = (request, offer, context) => {
  const format = context.vocabulary.formatName(offer.formatCode);
  if (request.formatCodes.length === 0)
    return factor("format", 1, `${format}; you did not ask for a particular format`, context);
  if (request.formatCodes.includes(offer.formatCode))
    return factor("format", 1, `${format}, a format you asked for`, context);
  if (request.virtualOk && offer.formatIsVirtual)
    return factor("format", 1, `${format}; you accept virtual help`, context);
  const asked = request.formatCodes.map((code) => context.vocabulary.formatName(code)).join(", ");
  if (request.virtualOk && offer.virtualOk) {
    return factor(
      "format",
      0.5,
      `${format} is not a format you asked for (${asked}), but it can run virtually, which you accept`,
      context,
    );
  }
  return factor("format", 0, `${format} is not a format you asked for (${asked})`, context);
};

export const locality: FactorFunction = (request, offer, context) => {
  if (distanceIrrelevant(request, offer))
    return factor("locality", 1, "Can run virtually, so distance does not matter", context);
  if (sameIcb(request, offer)) return factor("locality", 1, "Same integrated care board", context);
  if (sameRegion(request, offer))
    return factor("locality", 0.6, "Same region, different integrated care board", context);
  const unknown = request.regionCode === null || offer.regionCode === null;
  return factor(
    "locality",
    0.2,
    unknown ? "Location not recorded, so counted as another region" : "In another region",
    context,
  );
};

export const timeWindowOverlap: FactorFunction = (request, offer, context) => {
  if (offer.windows.length === 0)
    return factor("timeWindow", 1, "No availability windows listed, so available any time", context);
  const wanted = dayCount(request.window);
  const covered = coveredDays(request.window, offer.windows);
  const value = wanted > 0 ? covered / wanted : 0;
  const text =
    covered === 0
      ? "Not available at any time in your window"
      : covered >= wanted
        ? "Available throughout your window"
        : `Available for ${covered} of the ${wanted} days in your window`;
  return factor("timeWindow", value, text, context);
};

const COST_VALUES = { free: 1, cost_recovery: 0.7, fee: 0.4 } as const;
const COST_TEXTS = {
  free: "Free",
  cost_recovery: "Cost recovery only, within your budget",
  fee: "Charges a fee, within your budget",
} as const;

export const costWithinBudget: FactorFunction = (_request, offer, context) =>
  factor("cost", COST_VALUES[offer.costModel], COST_TEXTS[offer.costModel], context);

export const readinessForChange: FactorFunction = (request, _offer, context) => {
  if (request.readiness === null) return factor("readiness", 0.5, "No readiness assessment yet", context);
  const name = READINESS_LEVELS.find((level) => level.value === Math.round(request.readiness!))?.name ?? "Unknown";
  const text = `Your readiness for change: ${name.toLowerCase()} (${oneDecimal(request.readiness)} out of 5)`;
  return factor("readiness", clamp01((request.readiness - 1) / 4), text, context);
};

export const evidenceOfImpact: FactorFunction = (_request, offer, context) => {
  const impact = offer.impact;
  if (impact === null || impact.measured === 0) return factor("impact", 0, "No measured impact yet", context);
  const engagements = impact.measured === 1 ? "1 engagement" : `${impact.measured} engagements`;
  const change = impact.meanChange;
  const text =
    change > 0
      ? `Maturity rose by ${oneDecimal(change)} ${oneDecimal(change) === "1" ? "level" : "levels"} on average after ${engagements}`
      : `No maturity gain on average after ${engagements}`;
  return factor("impact", clamp01(change / FULL_IMPACT_GAIN), text, context);
};

/**
 * The trusts' own wishes: half for the requester asking for this very offer, half for the pioneer
 * saying it is interested in helping with the request.
 */
export const preference: FactorFunction = (request, offer, context) => {
  const asked = request.preferredOfferId === offer.id;
  const interested = (request.interestedOrganisationIds ?? []).includes(offer.organisationId);
  const text =
    asked && interested
      ? `${ASKED_WORDS} and ${INTERESTED_WORDS}`
      : asked
        ? ASKED_WORDS
        : interested
          ? INTERESTED_WORDS.replace(/^t/, "T")
          : "No preference expressed either way";
  return factor("preference", (asked ? 0.5 : 0) + (interested ? 0.5 : 0), text, context);
};
const ASKED_WORDS = "You asked for this offer";
const INTERESTED_WORDS = "the pioneer said they are interested in helping you";

/** In the order shown on a proposal. */
export const FACTOR_FUNCTIONS: FactorFunction[] = [
  capabilityFit,
  locality,
  formatMatch,
  audienceMatch,
  timeWindowOverlap,
  evidenceOfImpact,
  readinessForChange,
  costWithinBudget,
  preference,
];

function factor(key: FactorKey, value: number, text: string, { weights }: FactorContext): Factor {
  const weight = weights[key];
  return { key, label: FACTOR_LABELS[key].label, weight, value, points: weight * value, text };
}

const levelWord = (maturity: number) => maturityName(maturity).toLowerCase();
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const oneDecimal = (x: number) => (Math.round(x * 10) / 10).toString();

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dayCount = (range: DateRange) => Math.max(0, dayNumber(range.end) - dayNumber(range.start) + 1);

/** Days of the wanted range inside at least one window; overlapping windows count once. */
function coveredDays(wanted: DateRange, windows: DateRange[]): number {
  const start = dayNumber(wanted.start);
  const end = dayNumber(wanted.end);
  const clipped = windows
    .map((w) => [Math.max(start, dayNumber(w.start)), Math.min(end, dayNumber(w.end))] as const)
    .filter(([from, to]) => from <= to)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let coveredUpTo = -Infinity;
  for (const [from, to] of clipped) {
    const first = Math.max(from, coveredUpTo + 1);
    if (to >= first) total += to - first + 1;
    coveredUpTo = Math.max(coveredUpTo, to);
  }
  return total;
}
