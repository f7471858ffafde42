import { describe, expect, it } from "vitest";
import { roundTotalsInWords } from "~/domain/round-words";

describe("a round's totals in words", () => {
  it("compares the requests helped with taking the best-scoring pair first", () => {
    const totals = { requests: 20, proposed: 13, totalScore: 1038, greedyMatched: 13 };
    expect(roundTotalsInWords(totals, 100)).toEqual({
      helped: "13 of 20 requests helped. Taking the best-scoring pair first would also help 13.",
      fit: "On average the proposed pairs fit 80 out of 100.",
    });
    expect(roundTotalsInWords({ ...totals, greedyMatched: 11 }, 100).helped).toBe(
      "13 of 20 requests helped. Taking the best-scoring pair first would help only 11.",
    );
    expect(roundTotalsInWords({ ...totals, greedyMatched: 14 }, 100).helped).toBe(
      "13 of 20 requests helped. Taking the best-scoring pair first would help 14, but this round first keeps the pairs a coordinator pinned.",
    );
  });

  it("says nothing about fit when nothing was proposed", () => {
    expect(roundTotalsInWords({ requests: 1, proposed: 0, totalScore: 0, greedyMatched: 0 }, 100)).toEqual({
      helped: "0 of 1 request helped. Taking the best-scoring pair first would also help 0.",
      fit: null,
    });
  });
});
