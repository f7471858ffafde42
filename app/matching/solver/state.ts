/**
 * The flow and potentials the exact phase works on (see ssp.ts for the model), and how they are
 * set up from any prices p ≥ 0 and any partial assignment.
 */
import type { Graph } from "./graph";

export interface FlowState {
  /** Per graph position: 1 if the edge is chosen. */
  held: Uint8Array;
  /** Chosen edges per request and per offer. */
  served: Int32Array;
  hCnt: Int32Array;
  /** Offer j's chosen positions are slot[slotStart[j] .. slotStart[j] + hCnt[j]). */
  slot: Int32Array;
  /** Where a chosen position sits among its offer's slots. */
  slotOf: Int32Array;
  /** Flow on z→request and offer→z; excess(i) = fz[i] − served[i], deficit(j) = fk[j] − hCnt[j]. */
  fz: Int32Array;
  fk: Int32Array;
  /** Potentials (LP duals) in cost units: u_i ≥ 0 per request, p_j ≥ 0 per offer. */
  u: Float64Array;
  p: Float64Array;
  /** Reduced costs up to this are treated as 0 (0 in integer arithmetic). */
  tol: number;
}

export function initialState(g: Graph, initialPrice: Float64Array | null, initialHeld: Uint8Array | null): FlowState {
  const { n, m, start, offer, request, cost, demand, capacity, slotStart } = g;
  const positions = cost.length;
  // Integer costs are exact; float costs get a rounding-level tolerance (a few units in the last
  // place of the largest cost) so that pairs the auction made tight are not dropped over the last
  // bit. Elsewhere a reduced cost that rounding made slightly negative is read as 0.
  const tol = g.integral ? 0 : g.maxCost * 2 ** -50;

  const p = new Float64Array(m);
  if (initialPrice) for (let j = 0; j < m; j++) p[j] = capacity[j] > 0 && initialPrice[j] > 0 ? initialPrice[j] : 0;
  const u = new Float64Array(n);
  const held = new Uint8Array(positions);
  const served = new Int32Array(n);
  const hCnt = new Int32Array(m);
  const slot = new Int32Array(slotStart[m]);
  const slotOf = new Int32Array(positions);

  if (initialHeld) {
    for (let e = 0; e < positions; e++) {
      if (initialHeld[e] === 1 && served[request[e]] < demand[request[e]] && hCnt[offer[e]] < capacity[offer[e]]) {
        held[e] = 1;
        served[request[e]]++;
        hCnt[offer[e]]++;
      }
    }
  }
  // u_i: the best net value among edges not chosen (so that every such edge has reduced cost ≥ 0).
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let e = start[i], end = start[i + 1]; e < end; e++) {
      if (held[e] === 1) continue;
      const v = cost[e] - p[offer[e]];
      if (v > best) best = v;
    }
    u[i] = best;
  }
  // A chosen edge stays only if it is at least as good as that (its reverse arc is then ≥ 0 too).
  hCnt.fill(0);
  for (let e = 0; e < positions; e++) {
    if (held[e] === 0) continue;
    const j = offer[e];
    if (cost[e] - p[j] >= u[request[e]] - tol) {
      slotOf[e] = hCnt[j];
      slot[slotStart[j] + hCnt[j]++] = e;
    } else {
      held[e] = 0;
      served[request[e]]--;
    }
  }
  // Arcs with a negative reduced cost start saturated: a request with u > 0 is sent its whole
  // demand, an offer with p > 0 sends its whole capacity; anything else starts balanced.
  const fz = new Int32Array(n);
  const fk = new Int32Array(m);
  for (let i = 0; i < n; i++) fz[i] = u[i] > 0 ? demand[i] : served[i];
  for (let j = 0; j < m; j++) fk[j] = p[j] > 0 ? capacity[j] : hCnt[j];
  return { held, served, hCnt, slot, slotOf, fz, fk, u, p, tol };
}

export function addHolder(g: Graph, s: FlowState, j: number, e: number): void {
  s.held[e] = 1;
  s.slotOf[e] = s.hCnt[j];
  s.slot[g.slotStart[j] + s.hCnt[j]++] = e;
}

export function removeHolder(g: Graph, s: FlowState, j: number, e: number): void {
  s.held[e] = 0;
  const base = g.slotStart[j];
  const last = s.slot[base + --s.hCnt[j]];
  s.slot[base + s.slotOf[e]] = last;
  s.slotOf[last] = s.slotOf[e];
}

/**
 * Flips every edge of an alternating path (chosen ↔ not chosen) and keeps served counts. Releases
 * go first so an offer never holds more than its capacity half-way. `path` is clobbered.
 */
export function flipPath(g: Graph, s: FlowState, path: Int32Array, length: number): void {
  const { offer, request } = g;
  for (let k = 0; k < length; k++) {
    const e = path[k];
    if (s.held[e] === 1) {
      removeHolder(g, s, offer[e], e);
      s.served[request[e]]--;
      path[k] = -1;
    }
  }
  for (let k = 0; k < length; k++) {
    const e = path[k];
    if (e < 0) continue;
    addHolder(g, s, offer[e], e);
    s.served[request[e]]++;
  }
}
