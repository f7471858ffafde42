/**
 * Exact maximum-weight bipartite b-matching ("assignment"): requests with a demand, offers with
 * a capacity, scored edges; pick edges to maximise the total score. Pure TypeScript, no I/O.
 */
export { solveAssignment, type SolveOptions } from "./solve";
export { solveGreedy, solveGreedy as greedyAssignment } from "./greedy";
export { compileInstance, isCompiledInstance, parseInstanceJson, InstanceError, MAX_COUNT } from "./instance";
export type {
  Assignment,
  AssignmentInstance,
  CompiledInstance,
  EdgeInput,
  GreedyResult,
  OfferInput,
  RequestInput,
  SolveResult,
  SolveStats,
} from "./types";
