/**
 * Vocabulary of the assignment solver: requests ask for up to `demand` offers, offers accept up
 * to `capacity` requests, and an edge says how good one request–offer pair is. The solver picks
 * edges so that the total score is as large as possible.
 */

export interface RequestInput {
  id: string;
  /** How many offers this request may receive (an integer, 0 or more; usually 1). */
  demand: number;
}

export interface OfferInput {
  id: string;
  /** How many requests this offer may take (an integer, 0 or more). */
  capacity: number;
}

export interface EdgeInput {
  request: string;
  offer: string;
  /** Any finite number. Edges scoring 0 or less are never chosen: they cannot raise the total. */
  score: number;
}

export interface AssignmentInstance {
  requests: RequestInput[];
  offers: OfferInput[];
  /** At most one edge per (request, offer) pair; a repeated pair is rejected as malformed. */
  edges: EdgeInput[];
}

export interface Assignment {
  request: string;
  offer: string;
}

/**
 * A validated instance in index form. Edge `k` joins request `edgeRequest[k]` to offer
 * `edgeOffer[k]`; indices refer to `requestIds` and `offerIds`, which keep the input order.
 */
export interface CompiledInstance {
  requestIds: string[];
  offerIds: string[];
  demand: Int32Array;
  capacity: Int32Array;
  edgeRequest: Int32Array;
  edgeOffer: Int32Array;
  edgeScore: Float64Array;
}

export interface SolveStats {
  /**
   * "integer": every positive score is a decimal with at most 15 digits after the point, so the
   * solver worked on exact integers (score × `scale`) and the optimum is exact with no tolerance.
   * "float": scores were used as binary floating point; optimality is certified up to `gap`.
   */
  arithmetic: "integer" | "float";
  /** Scores were multiplied by this power of ten (1 in float arithmetic). */
  scale: number;
  /** Edges with a positive score (the only ones that can be chosen). */
  usableEdges: number;
  auctionBids: number;
  /** Requests the warm start left unassigned although they still had a positive surplus (ties). */
  auctionLeftOver: number;
  /** Units the exact phase placed along zero-cost paths in bulk (ties), before any search. */
  tightPlaced: number;
  /** Shortest-path searches the exact phase needed (forward from requests, reverse from offers). */
  forwardSearches: number;
  reverseSearches: number;
  /** Upper bound on the optimum from the final dual solution, in score units. */
  dualBound: number;
  /** dualBound − totalScore: 0 in integer arithmetic; rounding-level in float arithmetic. */
  gap: number;
  /** Wall-clock milliseconds of each stage. */
  ms: { prepare: number; auction: number; exact: number; total: number };
}

export interface SolveResult {
  /** Chosen pairs, in the order of their edges in the input. */
  assignments: Assignment[];
  /** Sum of the chosen edges' scores, unrounded. */
  totalScore: number;
  /** Indices (into the instance's edges) of the chosen edges, ascending. */
  chosenEdges: Int32Array;
  /** How many requests received at least one offer. */
  requestsMatched: number;
  /**
   * An optimal dual solution in score units: the marginal value of one more unit of a request's
   * demand (`requestDual`) or an offer's capacity (`offerDual`). Indexed like the instance.
   */
  requestDual: Float64Array;
  offerDual: Float64Array;
  stats: SolveStats;
}

export interface GreedyResult {
  assignments: Assignment[];
  totalScore: number;
  chosenEdges: Int32Array;
  requestsMatched: number;
}
