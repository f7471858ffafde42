/**
 * The bipartite graph both solver phases work on: compressed adjacency (CSR) per request over the
 * usable edges only, in typed arrays so the hot loops touch no objects.
 */
import { chooseScale } from "./scale";
import type { CompiledInstance } from "./types";

export interface Graph {
  /** Requests and offers. */
  n: number;
  m: number;
  /** Request i's edges are positions start[i] .. start[i+1]-1. */
  start: Int32Array;
  /** Per position: offer index, request index, cost, and the edge's index in the instance. */
  offer: Int32Array;
  request: Int32Array;
  cost: Float64Array;
  edge: Int32Array;
  /**
   * Demand and capacity capped at the degree (a request can never use more edges than it has);
   * both ends of every kept edge have at least 1.
   */
  demand: Int32Array;
  capacity: Int32Array;
  /** Offer j owns holder slots slotStart[j] .. slotStart[j+1]-1 (one per unit of capacity). */
  slotStart: Int32Array;
  maxCost: number;
  integral: boolean;
  scale: number;
}

/**
 * Only usable edges are kept: score > 0 and both ends with room (demand and capacity ≥ 1). An
 * edge scoring 0 or less never raises the total and nothing forces an assignment, so some optimum
 * never uses one; zero-score edges are therefore never chosen (a documented tie-break).
 */
export function buildGraph(inst: CompiledInstance): Graph {
  const n = inst.requestIds.length;
  const m = inst.offerIds.length;
  const { edgeRequest, edgeOffer, edgeScore } = inst;
  const keep = new Uint8Array(edgeScore.length);
  const start = new Int32Array(n + 1);
  let usable = 0;
  for (let k = 0; k < edgeScore.length; k++) {
    if (edgeScore[k] > 0 && inst.demand[edgeRequest[k]] > 0 && inst.capacity[edgeOffer[k]] > 0) {
      keep[k] = 1;
      start[edgeRequest[k] + 1]++;
      usable++;
    }
  }
  const { integral, scale } = chooseScale(edgeScore, keep);
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const fill = start.slice(0, n);
  const offer = new Int32Array(usable);
  const request = new Int32Array(usable);
  const cost = new Float64Array(usable);
  const edge = new Int32Array(usable);
  const offerDegree = new Int32Array(m);
  let maxCost = 0;
  for (let k = 0; k < edgeScore.length; k++) {
    if (keep[k] === 0) continue;
    const s = edgeScore[k];
    const i = edgeRequest[k];
    const q = fill[i]++;
    const j = edgeOffer[k];
    const c = integral ? Math.round(s * scale) : s;
    offer[q] = j;
    request[q] = i;
    cost[q] = c;
    edge[q] = k;
    offerDegree[j]++;
    if (c > maxCost) maxCost = c;
  }

  const demand = new Int32Array(n);
  for (let i = 0; i < n; i++) demand[i] = Math.min(inst.demand[i], start[i + 1] - start[i]);
  const capacity = new Int32Array(m);
  const slotStart = new Int32Array(m + 1);
  for (let j = 0; j < m; j++) {
    capacity[j] = Math.min(inst.capacity[j], offerDegree[j]);
    slotStart[j + 1] = slotStart[j] + capacity[j];
  }
  return { n, m, start, offer, request, cost, edge, demand, capacity, slotStart, maxCost, integral, scale };
}
