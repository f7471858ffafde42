/**
 * A matching round's totals in a coordinator's words: how many requests it helps, how that
 * compares with the simple rule of taking the best-scoring pair first, and how well the proposed
 * pairs fit on the 0-to-maximum scale every proposal's fit score uses.
 */
export interface RoundTotals {
  requests: number;
  proposed: number;
  totalScore: number;
  greedyMatched: number;
}

const requestsWord = (n: number) => (n === 1 ? "request" : "requests");

export function roundTotalsInWords(totals: RoundTotals, maxScore: number): { helped: string; fit: string | null } {
  const { requests, proposed, greedyMatched } = totals;
  const helped = `${proposed} of ${requests} ${requestsWord(requests)} helped.`;
  const comparison =
    greedyMatched === proposed
      ? `would also help ${greedyMatched}`
      : greedyMatched < proposed
        ? `would help only ${greedyMatched}`
        : `would help ${greedyMatched}, but this round first keeps the pairs a coordinator pinned`;
  const fit =
    proposed === 0
      ? null
      : `On average the proposed pairs fit ${Math.round(totals.totalScore / proposed)} out of ${maxScore}.`;
  return { helped: `${helped} Taking the best-scoring pair first ${comparison}.`, fit };
}
