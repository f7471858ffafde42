/**
 * Seeded random instances for the benchmark and the tests (not used by the solver itself).
 * Popularity is Zipf-like, so with skew ≈ 1 a few offers are wanted by most requests, which is
 * the hard case for assignment: many requests compete for few places.
 */
import type { AssignmentInstance } from "./types";

/** mulberry32: a tiny 32-bit PRNG; the same seed gives the same sequence everywhere. */
export function mulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GenerateOptions {
  requests: number;
  offers: number;
  /** Candidate offers per request (distinct; fewer if there are fewer offers). */
  candidates: number;
  seed: number;
  /** Zipf exponent of offer popularity: 0 uniform, 1 strongly skewed. Default 1. */
  skew?: number;
  /** Offer capacity is uniform in [minCapacity, maxCapacity]. Default 1..10. */
  minCapacity?: number;
  maxCapacity?: number;
  /** Request demand is uniform in [minDemand, maxDemand]. Default 1..1. */
  minDemand?: number;
  maxDemand?: number;
  /**
   * Scores: "decimal" (3 decimals in [0, 1], from offer quality and noise: the default),
   * "float" (the same without rounding: full binary fractions), "integer" (1..maxInteger),
   * "mixed" (like decimal but some edges negative or zero).
   */
  scores?: "decimal" | "float" | "integer" | "mixed";
  maxInteger?: number;
}

export function generateInstance(options: GenerateOptions): AssignmentInstance {
  const {
    requests: n,
    offers: m,
    seed,
    skew = 1,
    minCapacity = 1,
    maxCapacity = 10,
    minDemand = 1,
    maxDemand = 1,
    scores = "decimal",
    maxInteger = 5,
  } = options;
  const k = Math.min(options.candidates, m);
  const rnd = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));

  // Popularity rank r has weight 1/(r+1)^skew; ranks are shuffled over offers.
  const cumulative = new Float64Array(m);
  let total = 0;
  for (let r = 0; r < m; r++) {
    total += 1 / Math.pow(r + 1, skew);
    cumulative[r] = total;
  }
  const rankToOffer = Array.from({ length: m }, (_, j) => j);
  for (let j = m - 1; j > 0; j--) {
    const s = Math.floor(rnd() * (j + 1));
    [rankToOffer[j], rankToOffer[s]] = [rankToOffer[s], rankToOffer[j]];
  }
  const pick = () => {
    const x = rnd() * total;
    let lo = 0;
    let hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return rankToOffer[lo];
  };
  const quality = Array.from({ length: m }, () => rnd());

  const offers = Array.from({ length: m }, (_, j) => ({ id: `o${j}`, capacity: int(minCapacity, maxCapacity) }));
  const requestList = Array.from({ length: n }, (_, i) => ({ id: `r${i}`, demand: int(minDemand, maxDemand) }));
  const edges: AssignmentInstance["edges"] = [];
  const chosen = new Set<number>();
  for (let i = 0; i < n; i++) {
    chosen.clear();
    // Rejection sampling of distinct offers; fall back to a scan when popularity is too skewed.
    let tries = 0;
    while (chosen.size < k && tries < 50 * k) {
      chosen.add(pick());
      tries++;
    }
    for (let j = 0; chosen.size < k; j++) chosen.add(j);
    for (const j of chosen) {
      const raw = 0.6 * quality[j] + 0.4 * rnd();
      let score: number;
      if (scores === "float") score = raw;
      else if (scores === "integer") score = int(1, maxInteger);
      else {
        score = Math.round(raw * 1000) / 1000;
        if (scores === "mixed" && rnd() < 0.15) score = rnd() < 0.3 ? 0 : -score;
      }
      edges.push({ request: `r${i}`, offer: `o${j}`, score });
    }
  }
  return { requests: requestList, offers, edges };
}
