/**
 * An optimal solution seen as a flow with its potentials, for questions asked after the solve
 * ("what would one more place be worth?", "what would forcing this pair cost?"). Same model as
 * ssp.ts: hub z, arcs z→request (demand), request→offer (1, cost −score), offer→z (capacity);
 * potentials φ(z) = 0, φ(request) = u ≥ 0, φ(offer) = −p ≤ 0, and every residual arc has a
 * non-negative reduced cost. Shortest paths over reduced costs are therefore plain Dijkstra.
 */
import type { Graph } from "./graph";
import type { Arithmetic } from "./certificate";
import type { CompiledInstance } from "./types";

export interface OptimalFlow {
  g: Graph;
  /** Per graph position: 1 if chosen. */
  held: Uint8Array;
  /** Optimal duals in cost units (score × scale). */
  u: Float64Array;
  p: Float64Array;
  /** The instance's own demand and capacity (the graph caps them at the degree). */
  demand: Int32Array;
  capacity: Int32Array;
  /** Chosen edges per request and per offer. */
  served: Int32Array;
  hCnt: Int32Array;
  /** Offer j's chosen graph positions are holders[holderStart[j] .. holderStart[j+1]). */
  holderStart: Int32Array;
  holders: Int32Array;
}

/**
 * The solve capped demand and capacity at the degree, which changes no optimum but can leave a
 * positive dual on a request or offer that holds every edge it has while it still has room.
 * With its real room that dual is 0 (complementary slackness), and 0 keeps every reduced cost
 * non-negative: such a node has no unchosen edge, and its chosen edges only get more slack.
 */
export function optimalFlow(
  inst: CompiledInstance,
  g: Graph,
  held: Uint8Array,
  u: Float64Array,
  p: Float64Array,
): OptimalFlow {
  const { n, m, offer, request } = g;
  const served = new Int32Array(n);
  const hCnt = new Int32Array(m);
  for (let e = 0; e < held.length; e++) {
    if (held[e] === 0) continue;
    served[request[e]]++;
    hCnt[offer[e]]++;
  }
  const holderStart = new Int32Array(m + 1);
  for (let j = 0; j < m; j++) holderStart[j + 1] = holderStart[j] + hCnt[j];
  const fill = holderStart.slice(0, m);
  const holders = new Int32Array(holderStart[m]);
  for (let e = 0; e < held.length; e++) if (held[e] === 1) holders[fill[offer[e]]++] = e;
  const uu = new Float64Array(n);
  for (let i = 0; i < n; i++) uu[i] = served[i] < inst.demand[i] ? 0 : Math.max(0, u[i]);
  const pp = new Float64Array(m);
  for (let j = 0; j < m; j++) pp[j] = hCnt[j] < inst.capacity[j] ? 0 : Math.max(0, p[j]);
  return { g, held, u: uu, p: pp, demand: inst.demand, capacity: inst.capacity, served, hCnt, holderStart, holders };
}

/** A reduced cost that rounding made slightly negative is 0 (never happens on integers). */
export function nonNegative(x: number): number {
  return x < 0 ? 0 : x;
}

/** Below this a difference in cost units is rounding, not value (0 in integer arithmetic). */
export function roundingLevel(g: Arithmetic): number {
  return g.integral ? 0 : Math.max(g.maxCost, Number.MIN_VALUE) * 2 ** -40;
}
