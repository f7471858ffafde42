/**
 * Zero-cost augmentations in bulk, Hopcroft–Karp style.
 *
 * When scores tie (small integer scores, or many requests valuing offers alike) many requests
 * are left over whose best augmenting paths have reduced cost 0: they run through "tight" arcs
 * only. One Dijkstra per request would explore the same zero-cost plateau again and again.
 * Instead, a breadth-first search from all such requests at once layers the tight arcs, and
 * depth-first searches then take a maximal set of disjoint shortest paths, as in Hopcroft–Karp
 * (O(edges) per phase, O(√nodes) phases). A path ends at a free place, or at a holder whose
 * surplus is 0 (it gives its place up at no cost). Flipping a path of zero reduced cost keeps
 * every reduced cost non-negative, so the exact invariants hold; potentials do not move.
 */
import type { Graph } from "./graph";
import { flipPath, type FlowState } from "./state";

const DEAD = -2;

/** Returns how many units were placed. */
export function augmentTightPaths(g: Graph, s: FlowState): number {
  const { n, m, start, offer, request, cost, capacity, slotStart } = g;
  const { held, served, hCnt, slot, fz, fk, u, p, tol } = s;
  const nodes = n + m;
  const layer = new Int32Array(nodes);
  const queue = new Int32Array(nodes);
  const stackNode = new Int32Array(nodes + 1);
  const stackPos = new Int32Array(nodes + 1);
  const path = new Int32Array(nodes + 1);
  let placed = 0;

  for (;;) {
    // Breadth-first layers from every request with excess, over tight arcs only.
    layer.fill(-1);
    let qh = 0;
    let qt = 0;
    for (let i = 0; i < n; i++) {
      if (fz[i] <= served[i]) continue;
      if (u[i] <= tol) {
        fz[i] = served[i]; // surplus 0: not receiving the rest costs nothing
        continue;
      }
      layer[i] = 0;
      queue[qt++] = i;
    }
    if (qt === 0) break;
    let limit = -1; // layer of the nearest sinks
    while (qh < qt) {
      const v = queue[qh++];
      const lv = layer[v];
      if (limit >= 0 && lv >= limit) break; // nothing at or beyond the sinks' layer expands
      if (v < n) {
        const uv = u[v];
        for (let e = start[v], end = start[v + 1]; e < end; e++) {
          if (held[e] === 1) continue;
          const j = offer[e];
          const w = n + j;
          if (layer[w] !== -1 || uv + p[j] - cost[e] > tol) continue;
          layer[w] = lv + 1;
          if (hCnt[j] < capacity[j]) limit = lv + 1;
          else if (limit < 0) queue[qt++] = w;
        }
      } else {
        const j = v - n;
        for (let q = slotStart[j], end = slotStart[j] + hCnt[j]; q < end; q++) {
          const e = slot[q];
          const h = request[e];
          if (layer[h] !== -1 || cost[e] - u[h] - p[j] > tol) continue;
          layer[h] = lv + 1;
          if (u[h] <= tol)
            limit = lv + 1; // h can give this place up at no cost
          else if (limit < 0) queue[qt++] = h;
        }
      }
    }
    if (limit < 0) break;

    // Depth-first, along layer + 1 only, to sinks at the limit layer; disjoint paths.
    let found = 0;
    for (let src = 0; src < n; src++) {
      while (layer[src] === 0 && fz[src] > served[src]) {
        let depth = 0;
        stackNode[0] = src;
        stackPos[0] = start[src];
        let success = false;
        while (depth >= 0) {
          const v = stackNode[depth];
          const next = layer[v] + 1;
          let advanced = false;
          if (v < n) {
            const uv = u[v];
            for (let e = stackPos[depth], end = start[v + 1]; e < end; e++) {
              if (held[e] === 1) continue;
              const j = offer[e];
              const w = n + j;
              if (layer[w] !== next || uv + p[j] - cost[e] > tol) continue;
              stackPos[depth] = e + 1;
              path[depth] = e;
              if (next === limit) {
                if (hCnt[j] < capacity[j]) {
                  success = true;
                  depth++;
                  break;
                }
                continue;
              }
              depth++;
              stackNode[depth] = w;
              stackPos[depth] = slotStart[j];
              advanced = true;
              break;
            }
          } else {
            const j = v - n;
            for (let q = stackPos[depth], end = slotStart[j] + hCnt[j]; q < end; q++) {
              const e = slot[q];
              const h = request[e];
              if (layer[h] !== next || cost[e] - u[h] - p[j] > tol) continue;
              stackPos[depth] = q + 1;
              path[depth] = e;
              if (next === limit) {
                if (u[h] <= tol) {
                  success = true; // h gives this place up (its surplus is 0)
                  depth++;
                  break;
                }
                continue;
              }
              depth++;
              stackNode[depth] = h;
              stackPos[depth] = start[h];
              advanced = true;
              break;
            }
          }
          if (success) break;
          if (!advanced) {
            layer[v] = DEAD; // nothing reachable from here in this phase
            depth--;
          }
        }
        if (!success) break;
        // depth arcs: path[0..depth-1]; the last one ends at a free place or a giving-up holder.
        const last = path[depth - 1];
        const toOffer = held[last] === 0;
        for (let d = 1; d < depth; d++) layer[stackNode[d]] = DEAD; // disjoint paths per phase
        if (!toOffer) layer[request[last]] = DEAD;
        flipPath(g, s, path, depth);
        if (toOffer) {
          if (p[offer[last]] <= 0) fk[offer[last]]++; // a zero-price offer passes one more unit to z
        } else {
          fz[request[last]]--; // the holder hands its unit back to z
        }
        found++;
      }
    }
    placed += found;
    if (found === 0) break;
  }
  return placed;
}
