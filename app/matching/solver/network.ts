/**
 * The solver with shared capacity groups. Still a min-cost flow, so still exact: hub z, arcs
 * z→request (demand), request→offer (1, cost −score), offer→group (capacity) or offer→z when the
 * offer is in no group, group→z (the group's capacity). The bipartite fast path (ssp.ts) cannot
 * hold the group layer, so this works on an explicit residual network: successive shortest
 * paths from a pseudo-flow, the same primal–dual method as ssp.ts without its shortcuts.
 *
 * Start: φ(request) = its best score, every other potential 0, so every arc has a non-negative
 * reduced cost except z→request, which is saturated (the request holds "excess"). Each excess
 * unit then follows a shortest path (Dijkstra, reduced costs) back to z, giving up if that is
 * cheapest; potentials move by min(dist, D), keeping every reduced cost non-negative. At the
 * end no unit is out of place and no residual arc has a negative reduced cost: optimal, and the
 * potentials are an optimal dual, checked by weak duality as in certificate.ts.
 *
 * The same potentials price capacity (marginals.ts explains the cycle argument): one search from
 * z prices the offers in no group and every group; one search from each group prices its offers.
 */
import type { ForcedPair } from "./forced";
import type { CompiledGroups } from "./groups";
import { DistanceHeap } from "./heap";
import { InstanceError } from "./instance";
import type { OfferMarginal } from "./marginals";
import { certificateHolds } from "./certificate";
import { nonNegative, roundingLevel } from "./residual";
import { chooseScale } from "./scale";
import type { CompiledInstance, SolveResult } from "./types";

export interface GroupMarginal {
  group: string;
  /** Rise in the optimal total from one more place shared by the group. */
  oneMorePlace: number;
  moreHelped: number;
}

interface Network {
  nodes: number;
  z: number;
  tail: Int32Array;
  head: Int32Array;
  cap: Float64Array;
  cost: Float64Array;
  /** Arcs leaving node v: adj[adjStart[v] .. adjStart[v+1]); arc a's reverse is a ^ 1. */
  adjStart: Int32Array;
  adj: Int32Array;
  phi: Float64Array;
}

export interface GroupedSolution {
  result: SolveResult;
  /** Every offer's and every group's value of one more place, from the optimum's potentials. */
  marginals: () => { offers: OfferMarginal[]; groups: GroupMarginal[] };
  /** "Why not this pair?" with groups: what forcing an eligible pair in costs (see forced.ts). */
  forcedPair: (requestId: string, offerId: string) => ForcedPair;
}

export function solveWithGroups(inst: CompiledInstance, groups: CompiledGroups): GroupedSolution {
  const t0 = performance.now();
  const n = inst.requestIds.length;
  const m = inst.offerIds.length;
  const gc = groups.ids.length;
  const { edgeRequest, edgeOffer, edgeScore } = inst;
  const keep = new Uint8Array(edgeScore.length);
  const degree = new Int32Array(n);
  let usable = 0;
  for (let k = 0; k < edgeScore.length; k++) {
    if (edgeScore[k] > 0 && inst.demand[edgeRequest[k]] > 0) {
      keep[k] = 1;
      degree[edgeRequest[k]]++;
      usable++;
    }
  }
  const { integral, scale } = chooseScale(edgeScore, keep);
  const z = n + m + gc;
  const nodes = z + 1;
  const arcs = 2 * (n + usable + m + gc);
  const tail = new Int32Array(arcs);
  const head = new Int32Array(arcs);
  const cap = new Float64Array(arcs);
  const cost = new Float64Array(arcs);
  let count = 0;
  const addArc = (from: number, to: number, capacity: number, c: number): number => {
    tail[count] = from;
    head[count] = to;
    cap[count] = capacity;
    cost[count] = c;
    tail[count + 1] = to;
    head[count + 1] = from;
    cost[count + 1] = -c;
    count += 2;
    return count - 2;
  };
  const phi = new Float64Array(nodes);
  const excess = new Float64Array(nodes);
  const edgeArc = new Int32Array(edgeScore.length).fill(-1);
  let maxCost = 0;
  for (let k = 0; k < edgeScore.length; k++) {
    if (keep[k] === 0) continue;
    const c = integral ? Math.round(edgeScore[k] * scale) : edgeScore[k];
    edgeArc[k] = addArc(edgeRequest[k], n + edgeOffer[k], 1, -c);
    if (c > phi[edgeRequest[k]]) phi[edgeRequest[k]] = c;
    if (c > maxCost) maxCost = c;
  }
  const supplyArc = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const room = Math.min(inst.demand[i], degree[i]);
    supplyArc[i] = addArc(z, i, room, 0);
    if (phi[i] > 0 && room > 0) {
      // Negative reduced cost: saturate, leaving the units at the request as excess.
      cap[supplyArc[i]] = 0;
      cap[supplyArc[i] + 1] = room;
      excess[i] += room;
      excess[z] -= room;
    }
  }
  for (let j = 0; j < m; j++)
    addArc(n + j, groups.groupOf[j] >= 0 ? n + m + groups.groupOf[j] : z, inst.capacity[j], 0);
  for (let q = 0; q < gc; q++) addArc(n + m + q, z, groups.capacity[q], 0);

  const adjStart = new Int32Array(nodes + 1);
  for (let a = 0; a < count; a++) adjStart[tail[a] + 1]++;
  for (let v = 0; v < nodes; v++) adjStart[v + 1] += adjStart[v];
  const fill = adjStart.slice(0, nodes);
  const adj = new Int32Array(count);
  for (let a = 0; a < count; a++) adj[fill[tail[a]]++] = a;
  const net: Network = { nodes, z, tail, head, cap, cost, adjStart, adj, phi };

  // Successive shortest paths: each request's excess back to z.
  const dist = new Float64Array(nodes);
  const pred = new Int32Array(nodes);
  const done = new Uint8Array(nodes);
  const heap = new DistanceHeap();
  let searches = 0;
  for (let s = 0; s < n; s++) {
    while (excess[s] > 0) {
      searches++;
      dist.fill(Infinity);
      done.fill(0);
      heap.clear();
      dist[s] = 0;
      heap.push(0, s);
      while (heap.size > 0) {
        const v = heap.pop();
        if (done[v] === 1) continue;
        done[v] = 1;
        if (v === z) break;
        for (let q = adjStart[v], end = adjStart[v + 1]; q < end; q++) {
          const a = adj[q];
          if (cap[a] <= 0) continue;
          const w = head[a];
          const d = dist[v] + nonNegative(cost[a] + phi[v] - phi[w]);
          if (d < dist[w]) {
            dist[w] = d;
            pred[w] = a;
            heap.push(d, w);
          }
        }
      }
      const D = dist[z];
      for (let v = 0; v < nodes; v++) phi[v] += Math.min(dist[v], D);
      let push = Math.min(excess[s], -excess[z]);
      for (let v = z; v !== s; v = tail[pred[v]]) push = Math.min(push, cap[pred[v]]);
      for (let v = z; v !== s; v = tail[pred[v]]) {
        cap[pred[v]] -= push;
        cap[pred[v] ^ 1] += push;
      }
      excess[s] -= push;
      excess[z] += push;
    }
  }
  const shift = phi[z];
  for (let v = 0; v < nodes; v++) phi[v] -= shift;

  // Duals in the LP's own terms, and weak duality as the proof (see certificate.ts).
  const u = new Float64Array(n);
  for (let i = 0; i < n; i++) u[i] = Math.max(0, phi[i]);
  const groupDual = new Float64Array(gc);
  for (let q = 0; q < gc; q++) groupDual[q] = Math.max(0, -phi[n + m + q]);
  const p = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const q = groups.groupOf[j];
    p[j] = Math.max(0, (q >= 0 ? phi[n + m + q] : 0) - phi[n + j]);
  }
  let primal = 0;
  let dual = 0;
  const chosen: number[] = [];
  const served = new Int32Array(n);
  for (let i = 0; i < n; i++) dual += Math.min(inst.demand[i], degree[i]) * u[i];
  for (let j = 0; j < m; j++) dual += inst.capacity[j] * p[j];
  for (let q = 0; q < gc; q++) dual += groups.capacity[q] * groupDual[q];
  for (let k = 0; k < edgeScore.length; k++) {
    const a = edgeArc[k];
    if (a < 0) continue;
    const c = -cost[a];
    const i = edgeRequest[k];
    const j = edgeOffer[k];
    const q = groups.groupOf[j];
    dual += Math.max(0, c - u[i] - p[j] - (q >= 0 ? groupDual[q] : 0));
    if (cap[a] === 0) {
      primal += c;
      chosen.push(k);
      served[i]++;
    }
  }
  const gap = dual - primal;
  if (!certificateHolds({ integral, maxCost }, count + nodes, { primal, dual }))
    throw new Error(`assignment solver: optimality certificate failed (total ${primal}, bound ${dual})`);
  const t1 = performance.now();

  let totalScore = 0;
  let requestsMatched = 0;
  for (const k of chosen) totalScore += edgeScore[k];
  for (let i = 0; i < n; i++) if (served[i] > 0) requestsMatched++;
  const result: SolveResult = {
    assignments: chosen.map((k) => ({ request: inst.requestIds[edgeRequest[k]], offer: inst.offerIds[edgeOffer[k]] })),
    totalScore,
    chosenEdges: Int32Array.from(chosen),
    requestsMatched,
    requestDual: u.map((x) => x / scale),
    offerDual: p.map((x) => x / scale),
    stats: {
      arithmetic: integral ? "integer" : "float",
      scale,
      usableEdges: usable,
      auctionBids: 0,
      auctionLeftOver: 0,
      tightPlaced: 0,
      forwardSearches: searches,
      reverseSearches: 0,
      dualBound: dual / scale,
      gap: Math.max(0, gap) / scale,
      ms: { prepare: 0, auction: 0, exact: t1 - t0, total: t1 - t0 },
    },
  };
  const noise = roundingLevel({ integral, maxCost });
  return {
    result,
    marginals: () => priceCapacity(inst, groups, net, served, scale, integral, noise),
    forcedPair: (requestId, offerId) => forcePair(inst, net, edgeArc, requestId, offerId, scale),
  };
}

/**
 * The same cycle argument as forced.ts, on the explicit network: a unit on the unused arc r→o,
 * then the cheapest way back from o to r in the residual network (reduced costs, one Dijkstra).
 * On the way, request→offer arcs add pairs and their reverses drop pairs; the other arcs only
 * move places between offers, groups and the hub.
 */
function forcePair(
  inst: CompiledInstance,
  net: Network,
  edgeArc: Int32Array,
  requestId: string,
  offerId: string,
  scale: number,
): ForcedPair {
  const n = inst.requestIds.length;
  const m = inst.offerIds.length;
  const r = inst.requestIds.indexOf(requestId);
  const j = inst.offerIds.indexOf(offerId);
  if (r < 0) throw new InstanceError(`unknown request ${JSON.stringify(requestId)}`);
  if (j < 0) throw new InstanceError(`unknown offer ${JSON.stringify(offerId)}`);
  let forced = -1;
  for (let k = 0; k < edgeArc.length; k++)
    if (edgeArc[k] >= 0 && inst.edgeRequest[k] === r && inst.edgeOffer[k] === j) forced = edgeArc[k];
  if (forced < 0) {
    throw new InstanceError(
      `request ${JSON.stringify(requestId)} and offer ${JSON.stringify(offerId)} are not an eligible pair (an edge with a positive score, demand and capacity)`,
    );
  }
  const { nodes, tail, head, cap, cost, adjStart, adj, phi } = net;
  if (cap[forced] === 0) return { loss: 0, added: [], removed: [] };
  const o = n + j;
  const dist = new Float64Array(nodes).fill(Infinity);
  const pred = new Int32Array(nodes).fill(-1);
  const done = new Uint8Array(nodes);
  const heap = new DistanceHeap();
  dist[o] = 0;
  heap.push(0, o);
  while (heap.size > 0) {
    const v = heap.pop();
    if (done[v] === 1) continue;
    done[v] = 1;
    if (v === r) break;
    for (let q = adjStart[v], end = adjStart[v + 1]; q < end; q++) {
      const a = adj[q];
      if (cap[a] <= 0 || a === forced) continue;
      const w = head[a];
      const d = dist[v] + nonNegative(cost[a] + phi[v] - phi[w]);
      if (d < dist[w]) {
        dist[w] = d;
        pred[w] = a;
        heap.push(d, w);
      }
    }
  }
  const isOffer = (v: number) => v >= n && v < n + m;
  const pair = (request: number, offer: number) => ({
    request: inst.requestIds[request],
    offer: inst.offerIds[offer - n],
  });
  const added = [pair(r, o)];
  const removed: { request: string; offer: string }[] = [];
  for (let v = r; v !== o; v = tail[pred[v]]) {
    const a = pred[v];
    if (tail[a] < n && isOffer(head[a])) added.push(pair(tail[a], head[a]));
    else if (isOffer(tail[a]) && head[a] < n) removed.push(pair(head[a], tail[a]));
  }
  const loss = nonNegative(cost[forced] + phi[r] - phi[o]) + dist[r];
  return { loss: loss / scale, added, removed };
}

function priceCapacity(
  inst: CompiledInstance,
  groups: CompiledGroups,
  net: Network,
  served: Int32Array,
  scale: number,
  integral: boolean,
  noise: number,
): { offers: OfferMarginal[]; groups: GroupMarginal[] } {
  const n = inst.requestIds.length;
  const m = inst.offerIds.length;
  const { nodes, z, head, cap, cost, adjStart, adj, phi } = net;
  const rc = (a: number, from: number, to: number) => nonNegative(cost[a] + phi[from] - phi[to]);

  // The label counts requests newly helped along the path: +1 where z gives a unit to a request
  // that has none, −1 where a request gives up its only unit. Ties prefer the higher label.
  const search = (source: number) => {
    const dist = new Float64Array(nodes).fill(Infinity);
    const label = new Int8Array(nodes);
    const done = new Uint8Array(nodes);
    const heap = new DistanceHeap();
    const key = (d: number, l: number) => (integral ? 3 * d + 1 - l : d);
    dist[source] = 0;
    heap.push(key(0, 0), source);
    while (heap.size > 0) {
      const v = heap.pop();
      if (done[v] === 1) continue;
      done[v] = 1;
      for (let q = adjStart[v], end = adjStart[v + 1]; q < end; q++) {
        const a = adj[q];
        if (cap[a] <= 0) continue;
        const w = head[a];
        const d = dist[v] + rc(a, v, w);
        let l = label[v];
        if (v === z && w < n && served[w] === 0) l++;
        if (w === z && v < n && served[v] === 1) l--;
        if (d < dist[w] || (d === dist[w] && l > label[w])) {
          dist[w] = d;
          label[w] = l;
          heap.push(key(d, l), w);
        }
      }
    }
    return { dist, label };
  };
  // One more place on an offer outside any group is a unit on offer→z: best cycle z ⇝ offer.
  // On an offer in group G it is a unit on offer→G: best cycle G ⇝ offer (through z or not).
  // One more place for G is a unit on G→z: best cycle z ⇝ G. So one search per source.
  const fromZ = search(z);
  const fromGroup = groups.ids.map((_, q) => search(n + m + q));
  const offers: OfferMarginal[] = inst.offerIds.map((offer, j) => {
    const q = groups.groupOf[j];
    const o = n + j;
    const from = q >= 0 ? fromGroup[q] : fromZ;
    const start = q >= 0 ? phi[n + m + q] : 0;
    const gain = start - phi[o] - from.dist[o];
    return gain > noise
      ? { offer, oneMorePlace: gain / scale, moreHelped: from.label[o] }
      : { offer, oneMorePlace: 0, moreHelped: 0 };
  });
  const groupMarginals: GroupMarginal[] = groups.ids.map((group, q) => {
    const g = n + m + q;
    const gain = -(fromZ.dist[g] + phi[g]);
    return gain > noise
      ? { group, oneMorePlace: gain / scale, moreHelped: fromZ.label[g] }
      : { group, oneMorePlace: 0, moreHelped: 0 };
  });
  return { offers, groups: groupMarginals };
}
