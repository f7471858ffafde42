/**
 * Exact phase: successive shortest paths (Dijkstra with potentials) from a warm start.
 *
 * Model. A hub z with arcs z→request (capacity = demand, cost 0), request→offer (capacity 1,
 * cost −score) and offer→z (capacity = capacity, cost 0). A flow that is conserved at every
 * request and offer is exactly a feasible assignment, with cost −total. Node potentials are the
 * LP duals: φ(z) = 0, φ(request i) = u_i ≥ 0, φ(offer j) = −p_j ≤ 0. "Every residual arc has a
 * non-negative reduced cost" is LP complementary slackness, so a balanced flow with such
 * potentials is optimal (and the potentials certify it).
 *
 * Start. Any prices p ≥ 0 will do (the auction's are nearly right). Each request gets
 * u_i = max(0, best net value c − p over its edges not held); a held edge is kept only if its net
 * value is at least u_i. Arcs with a negative reduced cost are saturated: a request with
 * u_i > 0 is sent its whole demand (what it cannot pass on is "excess"), an offer with p_j > 0
 * sends its whole capacity to z (what it does not receive is "deficit"). z itself needs no
 * balancing: once requests and offers are balanced, z is too.
 *
 * Then each request with excess runs Dijkstra (non-negative reduced costs) to the nearest place
 * the unit can go: an offer with a free place, a holder that gives a unit back to z, or giving
 * the unit up itself (cost u_i). Potentials of settled nodes move by (D − d), which keeps every
 * reduced cost non-negative and makes the path tight; the unit is pushed along it. Offers still
 * in deficit then run the mirror-image search backwards. Every search removes one unit of
 * imbalance, so the loop ends, optimal. Searches stop at the first terminal and only settled
 * nodes are touched, so after a good warm start most searches look at a handful of nodes. Ties
 * (zero-cost paths) are cleared in bulk first by tight.ts, and while many requests are left, one
 * search from all of them at once prepares the next bulk step.
 */
import { DistanceHeap } from "./heap";
import type { Graph } from "./graph";
import { flipPath, initialState } from "./state";
import { augmentTightPaths } from "./tight";

export interface ExactResult {
  /** Per graph position: 1 if chosen. */
  held: Uint8Array;
  /** Optimal duals in cost units. */
  u: Float64Array;
  p: Float64Array;
  tightPlaced: number;
  forwardSearches: number;
  reverseSearches: number;
}

export function solveExact(g: Graph, initialPrice: Float64Array | null, initialHeld: Uint8Array | null): ExactResult {
  const { n, m, start, offer, request, cost, demand, capacity, slotStart } = g;
  const positions = cost.length;
  const s = initialState(g, initialPrice, initialHeld);
  const { held, served, hCnt, slot, fz, fk, u, p } = s;

  // Dijkstra state over nodes 0..n-1 (requests) and n..n+m-1 (offers); stamps avoid clearing.
  const nodes = n + m;
  const dist = new Float64Array(nodes);
  const seen = new Int32Array(nodes);
  const settled = new Int32Array(nodes);
  const pred = new Int32Array(nodes); // graph position of the arc used to reach the node
  const touched = new Int32Array(nodes);
  const path = new Int32Array(nodes + 1);
  const heap = new DistanceHeap();
  let round = 0;
  let forwardSearches = 0;
  let reverseSearches = 0;

  /**
   * Dijkstra from the given requests (all at distance 0) to the nearest terminal: a free place,
   * a holder giving a unit back (cost d + u), or a source giving up (cost u). Settled nodes'
   * potentials move by (D − d), which makes every shortest path tight. Returns the terminal node.
   */
  const sources = new Int32Array(n);
  let bestD = 0;
  const forwardSearch = (count: number): number => {
    round++;
    heap.clear();
    let tc = 0;
    bestD = Infinity;
    let bestNode = -1;
    for (let q = 0; q < count; q++) {
      const src = sources[q];
      dist[src] = 0;
      seen[src] = round;
      heap.push(0, src);
      if (u[src] < bestD) {
        bestD = u[src];
        bestNode = src;
      }
    }
    while (heap.size > 0) {
      if (heap.topKey() >= bestD) break;
      const v = heap.pop();
      if (settled[v] === round) continue;
      settled[v] = round;
      touched[tc++] = v;
      const dv = dist[v];
      if (v < n) {
        const uv = u[v];
        if (dv + uv < bestD) {
          bestD = dv + uv; // v gives one of its units back to z (or a source gives up)
          bestNode = v;
        }
        for (let e = start[v], end = start[v + 1]; e < end; e++) {
          if (held[e] === 1) continue;
          const j = offer[e];
          let rc = uv + p[j] - cost[e];
          if (rc < 0) rc = 0;
          const d = dv + rc;
          const free = hCnt[j] < capacity[j];
          // At equal cost prefer ending at a free place (one more assignment) over a give-up.
          if (d > bestD || (d === bestD && !(free && bestNode < n))) continue;
          const w = n + j;
          if (seen[w] !== round || d < dist[w]) {
            seen[w] = round;
            dist[w] = d;
            pred[w] = e;
            if (free) {
              bestD = d;
              bestNode = w;
            } else {
              heap.push(d, w);
            }
          }
        }
      } else {
        const j = v - n;
        for (let q = slotStart[j], end = slotStart[j] + hCnt[j]; q < end; q++) {
          const e = slot[q];
          const r = request[e];
          let rc = cost[e] - u[r] - p[j];
          if (rc < 0) rc = 0;
          const d = dv + rc;
          if (d >= bestD) continue;
          if (seen[r] !== round || d < dist[r]) {
            seen[r] = round;
            dist[r] = d;
            pred[r] = e;
            heap.push(d, r);
          }
        }
      }
    }
    for (let t = 0; t < tc; t++) {
      const v = touched[t];
      const delta = bestD - dist[v];
      if (delta <= 0) continue;
      if (v < n) {
        u[v] -= delta;
        if (u[v] < 0) u[v] = 0;
      } else {
        p[v - n] += delta;
      }
    }
    return bestNode;
  };

  // Forward: requests with excess. While many remain, one search from all of them at once moves
  // the potentials and the tight phase then places every unit it can (the Hungarian method's
  // batches). A batch explores the union of all sources' neighbourhoods, so it only pays while it
  // settles a good share of them at once (typical of ties); after that, one search and one path
  // per unit.
  const BATCH = 32;
  let tightPlaced = augmentTightPaths(g, s);
  let batchSearches = 0;
  let previous = Infinity;
  for (;;) {
    let count = 0;
    for (let i = 0; i < n; i++) {
      if (fz[i] <= served[i]) continue;
      if (u[i] <= 0)
        fz[i] = served[i]; // surplus 0: not receiving the rest costs nothing
      else sources[count++] = i;
    }
    if (count < BATCH || previous - count < previous / 4) break;
    previous = count;
    batchSearches++;
    forwardSearch(count);
    tightPlaced += augmentTightPaths(g, s);
  }
  for (let src = 0; src < n; src++) {
    while (fz[src] > served[src]) {
      if (u[src] <= 0) {
        fz[src] = served[src];
        break;
      }
      forwardSearches++;
      sources[0] = src;
      let v = forwardSearch(1);
      if (v === src) {
        fz[src]--; // giving the unit up was cheapest; u[src] is now 0
        continue;
      }
      if (v < n) {
        fz[v]--; // v hands a unit back to z (flipPath below lowers served[v])
      } else if (p[v - n] <= 0) {
        fk[v - n]++; // free place at a zero price: the offer simply passes one more unit to z
      }
      let len = 0;
      while (v !== src) {
        const e = pred[v];
        path[len++] = e;
        v = v >= n ? request[e] : n + offer[e];
      }
      flipPath(g, s, path, len);
    }
  }
  forwardSearches += batchSearches;

  // Reverse: offers whose price is positive but which are not full pull units backwards.
  let offerStart: Int32Array | null = null;
  let offerEdges: Int32Array | null = null;
  for (let t = 0; t < m; t++) {
    while (fk[t] > hCnt[t]) {
      if (p[t] <= 0) {
        fk[t] = hCnt[t];
        break;
      }
      if (offerStart === null || offerEdges === null) {
        offerStart = new Int32Array(m + 1);
        for (let e = 0; e < positions; e++) offerStart[offer[e] + 1]++;
        for (let j = 0; j < m; j++) offerStart[j + 1] += offerStart[j];
        const fill = offerStart.slice(0, m);
        offerEdges = new Int32Array(positions);
        for (let e = 0; e < positions; e++) offerEdges[fill[offer[e]]++] = e;
      }
      reverseSearches++;
      round++;
      heap.clear();
      let tc = 0;
      const target = n + t;
      bestD = p[t]; // z takes the unit back directly
      let bestNode = target;
      dist[target] = 0;
      seen[target] = round;
      heap.push(0, target);
      while (heap.size > 0) {
        if (heap.topKey() >= bestD) break;
        const v = heap.pop();
        if (settled[v] === round) continue;
        settled[v] = round;
        touched[tc++] = v;
        const dv = dist[v];
        if (v >= n) {
          const j = v - n;
          if (v !== target && fk[j] > 0 && dv + p[j] < bestD) {
            bestD = dv + p[j]; // z sends one unit less through j
            bestNode = v;
          }
          for (let q = offerStart[j], end = offerStart[j + 1]; q < end; q++) {
            const e = offerEdges[q];
            if (held[e] === 1) continue;
            const i = request[e];
            let rc = u[i] + p[j] - cost[e];
            if (rc < 0) rc = 0;
            const d = dv + rc;
            if (d >= bestD) continue;
            if (seen[i] !== round || d < dist[i]) {
              seen[i] = round;
              dist[i] = d;
              pred[i] = e;
              if (fz[i] < demand[i] || fz[i] > served[i]) {
                bestD = d; // i can take one more unit from z (or has one spare)
                bestNode = i;
              } else {
                heap.push(d, i);
              }
            }
          }
        } else {
          const i = v;
          for (let e = start[i], end = start[i + 1]; e < end; e++) {
            if (held[e] === 0) continue;
            const j = offer[e];
            let rc = cost[e] - u[i] - p[j];
            if (rc < 0) rc = 0;
            const d = dv + rc;
            if (d >= bestD) continue;
            const w = n + j;
            if (seen[w] !== round || d < dist[w]) {
              seen[w] = round;
              dist[w] = d;
              pred[w] = e;
              heap.push(d, w);
            }
          }
        }
      }
      for (let q = 0; q < tc; q++) {
        const v = touched[q];
        const delta = bestD - dist[v];
        if (delta <= 0) continue;
        if (v < n) u[v] += delta;
        else p[v - n] -= delta;
      }
      if (bestNode === target) {
        fk[t]--;
        if (p[t] < 0) p[t] = 0;
        continue;
      }
      let v = bestNode;
      if (v >= n) {
        fk[v - n]--; // z sends one unit less through this offer (flipPath lowers its holders)
        if (p[v - n] < 0) p[v - n] = 0;
      } else if (fz[v] <= served[v]) {
        fz[v]++; // z sends this request one more unit
      }
      let len = 0;
      while (v !== target) {
        const e = pred[v];
        path[len++] = e;
        v = v < n ? n + offer[e] : request[e];
      }
      flipPath(g, s, path, len);
    }
  }
  return { held, u, p, tightPlaced, forwardSearches, reverseSearches };
}
