/**
 * Chooses the arithmetic. Scores arrive as decimal text (JSON) or as numbers that usually came
 * from such text, so most instances are decimals with a few digits: then score × 10^k is an
 * integer for every score and the whole solve runs on integers held in doubles, where addition
 * and comparison are exact (all values stay below 2^50, far inside 2^53). No tolerance is
 * involved and the optimum is exact for those decimal values.
 *
 * Scores with more digits than that (e.g. 0.1 + 0.2 = 0.30000000000000004) are solved in float
 * arithmetic instead; the final dual bound then certifies optimality up to rounding.
 */

const MAX_DECIMALS = 15;
/** Costs, prices and path lengths stay within a small multiple of the largest cost. */
const MAX_INTEGER_COST = 2 ** 50;

export interface CostScale {
  integral: boolean;
  /** Costs are score × scale (exactly, when integral); 1 in float arithmetic. */
  scale: number;
}

/** Looks only at the usable edges' scores (all > 0). O(edges), a few operations each. */
export function chooseScale(scores: Float64Array, usable: Uint8Array): CostScale {
  let k = 0;
  let pow = 1;
  let max = 0;
  for (let e = 0; e < scores.length; e++) {
    if (usable[e] === 0) continue;
    const s = scores[e];
    if (s > max) max = s;
    for (;;) {
      const r = Math.round(s * pow);
      // r / 10^k is correctly rounded, so equality means s is the double nearest to the
      // decimal r·10^-k: the decimal that was written. Once true for k it stays true for k+1.
      if (r / pow === s) break;
      if (++k > MAX_DECIMALS) return { integral: false, scale: 1 };
      pow = 10 ** k;
    }
    if (max * pow > MAX_INTEGER_COST) return { integral: false, scale: 1 };
  }
  return { integral: true, scale: pow };
}
