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

/** How exact a solve's arithmetic is: whole-number costs, and the largest cost. */
export interface Arithmetic {
  integral: boolean;
  maxCost: number;
}

/**
 * Whether the bound proves the total optimal. In integer arithmetic the bound must meet the total
 * exactly. In float arithmetic each of the certificate's `terms` carries rounding of a few units in
 * the last place of the largest cost, so the allowance is that, summed over the terms (generously:
 * 2^-44 per term), either way: a bound below the total is as wrong as one above it.
 */
export function certificateHolds(arithmetic: Arithmetic, terms: number, { primal, dual }: Certificate): boolean {
  const gap = dual - primal;
  if (arithmetic.integral && Math.abs(dual) < 2 ** 52) return gap === 0;
  return Math.abs(gap) <= terms * Math.max(arithmetic.maxCost, Number.MIN_VALUE) * 2 ** -44;
}
