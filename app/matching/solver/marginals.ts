/**
 * Price of capacity: for every offer at once, the exact rise in the optimal total if it had one
 * more place, and whether that extra place would help one more request.
 *
 * One more place on offer o adds a unit of capacity to the arc o→z. The new optimum is the old one
 * plus the best cycle through that arc in the residual graph (the residual graph of an optimum
 * has no negative cycle, so only the cycle using the new unit can gain). Such a cycle is a
 * shortest path z ⇝ o followed by o→z, and with potentials its cost is dist(o) − p_o, where
 * dist is the reduced-cost distance from z. So one Dijkstra from z gives every offer's gain,
 * max(0, p_o − dist(o)), never more than the dual price p_o. Nodes farther than the largest
 * price cannot help any offer, so the search stops there.
 *
 * The path leaves z either towards a request with room (it receives a new unit: a request
 * helped for the first time if it had none) or towards an offer that gives up a holder (that
 * request moves on along the path, nobody new is helped). Among equally short paths the search
 * prefers one that helps a new request.
 *
 * An offer with no place at all has no edge in the solver's graph; its first place is worth its
 * best edge's score less the cost of reaching that edge's request from z (the same search).
 */
import { DistanceHeap } from "./heap";
import { nonNegative, roundingLevel, type OptimalFlow } from "./residual";
import type { CompiledInstance } from "./types";

export interface OfferMarginal {
  offer: string;
  /** Rise in the optimal total from one more place (0 when a place would not help). */
  oneMorePlace: number;
  /** Requests helped by that optimum that the current one does not help (0 or 1). */
  moreHelped: number;
}

export function offerMarginals(inst: CompiledInstance, flow: OptimalFlow): OfferMarginal[] {
  const { g, held, u, p, demand, capacity, served, hCnt, holderStart, holders } = flow;
  const { n, m, start, offer, request, cost } = g;
  // Nothing farther from z than this can be worth anything to any offer.
  let horizon = 0;
  for (let j = 0; j < m; j++) if (hCnt[j] > 0 && p[j] > horizon) horizon = p[j];
  const firstPlace: number[] = []; // instance edges that a first place on an offer would open
  for (let k = 0; k < inst.edgeScore.length; k++) {
    const i = inst.edgeRequest[k];
    if (capacity[inst.edgeOffer[k]] !== 0 || inst.edgeScore[k] <= 0 || demand[i] === 0) continue;
    firstPlace.push(k);
    horizon = Math.max(horizon, inst.edgeScore[k] * g.scale - u[i]);
  }

  // Nodes 0..n-1 requests, n..n+m-1 offers. In integer arithmetic the heap key is 2·dist plus 1
  // unless the path helps a new request, so equal distances settle the helpful path first.
  const integral = g.integral;
  const key = (d: number, helps: number) => (integral ? 2 * d + 1 - helps : d);
  const dist = new Float64Array(n + m).fill(Infinity);
  const helps = new Uint8Array(n + m);
  const settled = new Uint8Array(n + m);
  const heap = new DistanceHeap();
  const reach = (v: number, d: number, h: number) => {
    if (d >= horizon) return;
    if (d < dist[v] || (d === dist[v] && h > helps[v])) {
      dist[v] = d;
      helps[v] = h;
      heap.push(key(d, h), v);
    }
  };
  for (let i = 0; i < n; i++) if (served[i] < demand[i]) reach(i, nonNegative(-u[i]), served[i] === 0 ? 1 : 0);
  for (let j = 0; j < m; j++) if (hCnt[j] > 0) reach(n + j, p[j], 0);

  const stop = key(horizon, 1);
  while (heap.size > 0) {
    if (heap.topKey() >= stop) break;
    const v = heap.pop();
    if (settled[v] === 1) continue;
    settled[v] = 1;
    const dv = dist[v];
    const hv = helps[v];
    if (v < n) {
      const uv = u[v];
      for (let e = start[v], end = start[v + 1]; e < end; e++) {
        if (held[e] === 1) continue;
        const j = offer[e];
        reach(n + j, dv + nonNegative(uv + p[j] - cost[e]), hv);
      }
    } else {
      const j = v - n;
      const pj = p[j];
      for (let q = holderStart[j], end = holderStart[j + 1]; q < end; q++) {
        const e = holders[q];
        const r = request[e];
        reach(r, dv + nonNegative(cost[e] - u[r] - pj), hv);
      }
    }
  }

  const gain = new Float64Array(m);
  const helped = new Uint8Array(m);
  for (let j = 0; j < m; j++) {
    gain[j] = p[j] - dist[n + j];
    helped[j] = helps[n + j];
  }
  for (const k of firstPlace) {
    // The path z ⇝ i costs dist(i) + u_i in real terms; then i takes the new place at o.
    const i = inst.edgeRequest[k];
    const j = inst.edgeOffer[k];
    const value = inst.edgeScore[k] * g.scale - (dist[i] + u[i]);
    if (value > gain[j] || (value === gain[j] && helps[i] > helped[j])) {
      gain[j] = value;
      helped[j] = helps[i];
    }
  }
  const noise = roundingLevel(g);
  const result = new Array<OfferMarginal>(m);
  for (let j = 0; j < m; j++) {
    const useful = gain[j] > noise;
    result[j] = {
      offer: inst.offerIds[j],
      oneMorePlace: useful ? gain[j] / g.scale : 0,
      moreHelped: useful ? helped[j] : 0,
    };
  }
  return result;
}
