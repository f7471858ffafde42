/**
 * "Why not this pair?": the exact fall in the optimal total if request r and offer o, an edge
 * the optimum leaves out, had to be assigned to each other, and which assignments would change.
 *
 * Forcing the pair puts one unit on the arc r→o. The best solution with that unit is the old
 * optimum plus the cheapest cycle through r→o in the residual graph (no other cycle can gain,
 * the old one being optimal), i.e. the arc itself then a shortest path o ⇝ r. With potentials
 * that cycle costs rc(r→o) + dist(o, r), both non-negative, so one Dijkstra from o, stopped when
 * r is settled, gives the loss; the path's edges are the assignments that flip.
 */
import { DistanceHeap } from "./heap";
import { InstanceError } from "./instance";
import { nonNegative, type OptimalFlow } from "./residual";
import type { Assignment, CompiledInstance } from "./types";

export interface ForcedPair {
  /** How much lower the best total is with the pair forced in (≥ 0; 0 if already chosen). */
  loss: number;
  /** Assignments the best solution with the pair forced in adds (the pair first) and drops. */
  added: Assignment[];
  removed: Assignment[];
}

export function forcedPairLoss(
  inst: CompiledInstance,
  flow: OptimalFlow,
  requestId: string,
  offerId: string,
): ForcedPair {
  const { g, held, u, p, demand, capacity, served, hCnt, holderStart, holders } = flow;
  const { n, m, start, offer, request, cost } = g;
  const r = inst.requestIds.indexOf(requestId);
  const o = inst.offerIds.indexOf(offerId);
  if (r < 0) throw new InstanceError(`unknown request ${JSON.stringify(requestId)}`);
  if (o < 0) throw new InstanceError(`unknown offer ${JSON.stringify(offerId)}`);
  let forced = -1;
  for (let e = start[r], end = start[r + 1]; e < end; e++) if (offer[e] === o) forced = e;
  if (forced < 0) {
    throw new InstanceError(
      `request ${JSON.stringify(requestId)} and offer ${JSON.stringify(offerId)} are not an eligible pair (an edge with a positive score, demand and capacity)`,
    );
  }
  const pair = (e: number): Assignment => ({ request: inst.requestIds[request[e]], offer: inst.offerIds[offer[e]] });
  if (held[forced] === 1) return { loss: 0, added: [], removed: [] };

  // Nodes: requests 0..n-1, offers n..n+m-1, the hub z = n+m. predEdge −1 means a hub arc.
  const z = n + m;
  const dist = new Float64Array(z + 1).fill(Infinity);
  const predNode = new Int32Array(z + 1).fill(-1);
  const predEdge = new Int32Array(z + 1).fill(-1);
  const settled = new Uint8Array(z + 1);
  const heap = new DistanceHeap();
  const reach = (v: number, d: number, from: number, e: number) => {
    if (d < dist[v]) {
      dist[v] = d;
      predNode[v] = from;
      predEdge[v] = e;
      heap.push(d, v);
    }
  };
  reach(n + o, 0, -1, -1);
  while (heap.size > 0) {
    const v = heap.pop();
    if (settled[v] === 1) continue;
    settled[v] = 1;
    if (v === r) break;
    const dv = dist[v];
    if (v === z) {
      // z sends a unit to a request with room, or takes one less from an offer (it drops a holder).
      for (let i = 0; i < n; i++) if (served[i] < demand[i]) reach(i, dv + nonNegative(-u[i]), z, -1);
      for (let j = 0; j < m; j++) if (hCnt[j] > 0) reach(n + j, dv + p[j], z, -1);
    } else if (v < n) {
      for (let e = start[v], end = start[v + 1]; e < end; e++) {
        if (held[e] === 1) continue;
        reach(n + offer[e], dv + nonNegative(u[v] + p[offer[e]] - cost[e]), v, e);
      }
      if (served[v] > 0) reach(z, dv + u[v], v, -1); // v gives one of its units up
    } else {
      const j = v - n;
      for (let q = holderStart[j], end = holderStart[j + 1]; q < end; q++) {
        const e = holders[q];
        reach(request[e], dv + nonNegative(cost[e] - u[request[e]] - p[j]), v, e);
      }
      if (hCnt[j] < capacity[j]) reach(z, dv + nonNegative(-p[j]), v, -1); // j has a free place
    }
  }
  // r always has a way back: z→r if it has room, otherwise through an offer it holds.
  const cycle = nonNegative(u[r] + p[o] - cost[forced]) + dist[r];
  const added = [pair(forced)];
  const removed: Assignment[] = [];
  for (let v = r; v !== n + o; v = predNode[v]) {
    const e = predEdge[v];
    if (e >= 0) (held[e] === 1 ? removed : added).push(pair(e));
  }
  return { loss: cycle / g.scale, added, removed };
}
