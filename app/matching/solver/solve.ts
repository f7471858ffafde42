/**
 * The exact solver: validate → graph → auction warm start → exact shortest-path phase →
 * dual certificate. See docs/decisions/002-assignment-solver.md for why this design.
 */
import { runAuction } from "./auction";
import { certificateHolds, certify } from "./certificate";
import { buildGraph, type Graph } from "./graph";
import { compileInstance, isCompiledInstance } from "./instance";
import { optimalFlow, type OptimalFlow } from "./residual";
import { solveExact, type ExactResult } from "./ssp";
import type { AssignmentInstance, CompiledInstance, SolveResult } from "./types";

export interface SolveOptions {
  /** Skip the auction and run the exact phase from zero prices (slower; for testing). */
  warmStart?: boolean;
  /** Cap on auction bids (default 20 per request unit); the exact phase finishes whatever is left. */
  maxAuctionBids?: number;
}

/** Maximum-total-score assignment. Throws InstanceError if the instance is malformed. */
export function solveAssignment(input: AssignmentInstance | CompiledInstance, options: SolveOptions = {}): SolveResult {
  return solveCore(input, options).result;
}

export interface SolvedWithFlow {
  instance: CompiledInstance;
  result: SolveResult;
  /** The optimum as a flow with its potentials, for marginals and forced pairs (built on call). */
  flow: () => OptimalFlow;
}

/** Like solveAssignment, also keeping the optimal flow for questions asked afterwards. */
export function solveWithFlow(
  input: AssignmentInstance | CompiledInstance,
  options: SolveOptions = {},
): SolvedWithFlow {
  const { inst, g, exact, result } = solveCore(input, options);
  let flow: OptimalFlow | null = null;
  return { instance: inst, result, flow: () => (flow ??= optimalFlow(inst, g, exact.held, exact.u, exact.p)) };
}

function solveCore(input: AssignmentInstance | CompiledInstance, options: SolveOptions) {
  const inst = isCompiledInstance(input) ? input : compileInstance(input);
  const t0 = performance.now();
  const g = buildGraph(inst);
  const t1 = performance.now();
  const auction = options.warmStart === false ? null : runAuction(g, { maxBids: options.maxAuctionBids });
  const t2 = performance.now();
  let exact = solveExact(g, auction?.price ?? null, auction?.held ?? null);
  // Terms of the certificate: one per edge, request and offer, and the total.
  const terms = g.cost.length + g.n + g.m + 1;
  let cert = certify(g, exact.held, exact.u, exact.p);
  if (!certificateHolds(g, terms, cert) && auction) {
    // Never expected: the exact phase is correct from any start. Retry from a cold start before
    // giving up, rather than return something not proven optimal.
    exact = solveExact(g, null, null);
    cert = certify(g, exact.held, exact.u, exact.p);
  }
  if (!certificateHolds(g, terms, cert)) {
    throw new Error(`assignment solver: optimality certificate failed (total ${cert.primal}, bound ${cert.dual})`);
  }
  const t3 = performance.now();
  const result = buildResult(inst, g, exact, cert.primal, cert.dual, {
    bids: auction?.bids ?? 0,
    leftOver: auction?.leftOver ?? 0,
    ms: { prepare: t1 - t0, auction: t2 - t1, exact: t3 - t2, total: t3 - t0 },
  });
  return { inst, g, exact, result };
}

function buildResult(
  inst: CompiledInstance,
  g: Graph,
  exact: ExactResult,
  primal: number,
  dual: number,
  extra: { bids: number; leftOver: number; ms: SolveResult["stats"]["ms"] },
): SolveResult {
  let chosenCount = 0;
  for (let e = 0; e < exact.held.length; e++) chosenCount += exact.held[e];
  const chosenEdges = new Int32Array(chosenCount);
  let c = 0;
  for (let e = 0; e < exact.held.length; e++) if (exact.held[e] === 1) chosenEdges[c++] = g.edge[e];
  chosenEdges.sort();

  const assignments = new Array<{ request: string; offer: string }>(chosenCount);
  const matched = new Uint8Array(g.n);
  let totalScore = 0;
  let requestsMatched = 0;
  for (let q = 0; q < chosenCount; q++) {
    const k = chosenEdges[q];
    const i = inst.edgeRequest[k];
    assignments[q] = { request: inst.requestIds[i], offer: inst.offerIds[inst.edgeOffer[k]] };
    totalScore += inst.edgeScore[k];
    if (matched[i] === 0) {
      matched[i] = 1;
      requestsMatched++;
    }
  }
  const requestDual = new Float64Array(g.n);
  for (let i = 0; i < g.n; i++) requestDual[i] = Math.max(0, exact.u[i]) / g.scale;
  const offerDual = new Float64Array(g.m);
  for (let j = 0; j < g.m; j++) offerDual[j] = Math.max(0, exact.p[j]) / g.scale;
  return {
    assignments,
    totalScore,
    chosenEdges,
    requestsMatched,
    requestDual,
    offerDual,
    stats: {
      arithmetic: g.integral ? "integer" : "float",
      scale: g.scale,
      usableEdges: g.cost.length,
      auctionBids: extra.bids,
      auctionLeftOver: extra.leftOver,
      tightPlaced: exact.tightPlaced,
      forwardSearches: exact.forwardSearches,
      reverseSearches: exact.reverseSearches,
      dualBound: dual / g.scale,
      gap: Math.max(0, dual - primal) / g.scale,
      ms: extra.ms,
    },
  };
}
