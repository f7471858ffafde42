/**
 * Baseline only: take edges from the highest score down while both ends have room. Fast and
 * simple, but not optimal: a request with good alternatives can take the one place another
 * request needed. Kept to measure what the exact solver gains. With groups, a pair also needs
 * a place left in its offer's group.
 */
import type { CompiledGroups } from "./groups";
import { compileInstance, isCompiledInstance } from "./instance";
import type { AssignmentInstance, CompiledInstance, GreedyResult } from "./types";

export function solveGreedy(
  input: AssignmentInstance | CompiledInstance,
  groups: CompiledGroups | null = null,
): GreedyResult {
  const inst = isCompiledInstance(input) ? input : compileInstance(input);
  const { edgeRequest, edgeOffer, edgeScore } = inst;
  let usable = 0;
  for (let k = 0; k < edgeScore.length; k++) if (edgeScore[k] > 0) usable++;
  const order = new Int32Array(usable);
  usable = 0;
  for (let k = 0; k < edgeScore.length; k++) if (edgeScore[k] > 0) order[usable++] = k;
  order.sort((a, b) => edgeScore[b] - edgeScore[a] || a - b); // ties: input order

  const demandLeft = Int32Array.from(inst.demand);
  const capacityLeft = Int32Array.from(inst.capacity);
  const groupLeft = groups ? Int32Array.from(groups.capacity) : new Int32Array(0);
  const groupOf = groups?.groupOf ?? new Int32Array(inst.offerIds.length).fill(-1);
  const chosen: number[] = [];
  for (let q = 0; q < order.length; q++) {
    const k = order[q];
    const i = edgeRequest[k];
    const j = edgeOffer[k];
    const g = groupOf[j];
    if (demandLeft[i] > 0 && capacityLeft[j] > 0 && (g < 0 || groupLeft[g] > 0)) {
      demandLeft[i]--;
      capacityLeft[j]--;
      if (g >= 0) groupLeft[g]--;
      chosen.push(k);
    }
  }
  const chosenEdges = Int32Array.from(chosen).sort();
  const matched = new Uint8Array(inst.requestIds.length);
  let requestsMatched = 0;
  let totalScore = 0;
  const assignments = new Array<{ request: string; offer: string }>(chosenEdges.length);
  for (let q = 0; q < chosenEdges.length; q++) {
    const k = chosenEdges[q];
    const i = edgeRequest[k];
    assignments[q] = { request: inst.requestIds[i], offer: inst.offerIds[edgeOffer[k]] };
    totalScore += edgeScore[k];
    if (matched[i] === 0) {
      matched[i] = 1;
      requestsMatched++;
    }
  }
  return { assignments, totalScore, chosenEdges, requestsMatched };
}
