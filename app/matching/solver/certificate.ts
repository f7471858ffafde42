/**
 * Weak LP duality as a check. For any u ≥ 0 and p ≥ 0,
 *   Σ demand_i·u_i + Σ capacity_j·p_j + Σ_edges max(0, cost − u_i − p_j)
 * bounds every assignment's total from above (the last term is the dual of "each edge at most
 * once"). If this bound equals the chosen total, the choice is optimal; the difference is
 * how far from optimal it could possibly be.
 */
import type { Graph } from "./graph";

export interface Certificate {
  /** In cost units (score × scale). */
  primal: number;
  dual: number;
}

export function certify(g: Graph, held: Uint8Array, u: Float64Array, p: Float64Array): Certificate {
  const { n, m, offer, request, cost, demand, capacity } = g;
  let primal = 0;
  let dual = 0;
  for (let i = 0; i < n; i++) dual += demand[i] * Math.max(0, u[i]);
  for (let j = 0; j < m; j++) dual += capacity[j] * Math.max(0, p[j]);
  for (let e = 0; e < cost.length; e++) {
    if (held[e] === 1) primal += cost[e];
    const slack = cost[e] - Math.max(0, u[request[e]]) - Math.max(0, p[offer[e]]);
    if (slack > 0) dual += slack;
  }
  return { primal, dual };
}
