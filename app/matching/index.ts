export * from "./types";
export { DEFAULT_WEIGHTS, FACTOR_KEYS, describeWeights, maxFitScore, coverageBonus, pinnedBonus } from "./weights";
export type { FactorKey, Weights, WeightDescription } from "./weights";
export { scorePair, displayScore } from "./score";
export { proposeRound } from "./round";
export type { RoundInput } from "./round";
export { relaxationCounts, withRelaxationHint } from "./relaxation";
export type { Relaxation, RelaxationCount } from "./relaxation";
