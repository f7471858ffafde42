import { describe, expect, it } from "vitest";
import { proposeRound, type RoundInput } from "~/matching/round";
import { scorePair } from "~/matching/score";
import { pairKey, type OfferFacts, type RequestFacts } from "~/matching/types";
import { DEFAULT_WEIGHTS, maxFitScore } from "~/matching/weights";
import { vocabulary, rules, PLACES, request, offer, poorOffer, type Icb } from "../support/matching-facts";

const round = (input: Omit<RoundInput, "vocabulary">) => proposeRound({ vocabulary, ...input });
const matchedPairs = (result: ReturnType<typeof proposeRound>) =>
  Object.fromEntries(result.proposals.map((p) => [p.requestId, p.offerId]));
const fit = (r: RequestFacts, o: OfferFacts) => {
  const scored = scorePair(r, o, rules(), DEFAULT_WEIGHTS, vocabulary);
  if (!scored.eligible) throw new Error(`${r.id}–${o.id} should be eligible: ${scored.text}`);
  return scored.score;
};

/**
 * Three offers of one place each, and a chain of eligibility:
 *   r1 (asks spc, in QOP):                   o1 (excellent)  o2 (poor)
 *   r2 (asks mapping, in QKK):               o2 (excellent)  o3 (poor)
 *   r3 (asks spc, travel limit its own ICB): o1 (poor: r3 is already established and wants another format, audience and time)
 * o1 teaches spc only and o3 mapping only, so r1 cannot take o3 and r2 cannot take o1; o2 is outside r3's travel limit.
 * Highest-score-first takes r1–o1 and r2–o2 and leaves r3 with nothing: 2 helped.
 * All three can be helped (r1–o2, r2–o3, r3–o1), and that is the only way to help three.
 */
function chain() {
  const r1 = request("r1", "QOP");
  const r2 = request("r2", "QKK", {
    capabilityIds: ["mapping"],
    maturity: { mapping: 1 },
    audienceCodes: ["frontline"],
    formatCodes: ["workshop"],
    window: { start: "2025-04-01", end: "2025-06-30" },
  });
  const r3 = request("r3", "QOP", {
    travelLimit: "icb",
    maturity: { spc: 4 },
    readiness: 1,
    audienceCodes: ["frontline"],
    formatCodes: ["workshop"],
    window: { start: "2025-07-01", end: "2025-09-30" },
  });
  const o1 = offer("o1", "QOP", { windows: [{ start: "2025-01-01", end: "2025-03-31" }] });
  const o2 = offer("o2", "QKK", {
    capabilityIds: ["spc", "mapping"],
    maturity: { spc: 2, mapping: 5 },
    audienceCodes: ["frontline"],
    formatCode: "workshop",
    windows: [{ start: "2025-04-01", end: "2025-06-30" }],
  });
  const o3 = poorOffer("o3", "QJK", { capabilityIds: ["mapping"], audienceCodes: ["board"], formatCode: "site_visit" });
  return { r1, r2, r3, o1, o2, o3, requests: [r1, r2, r3], offers: [o1, o2, o3] };
}

describe("a round helps as many requests as possible, then maximises fit", () => {
  it("helps all three requests of the chain where highest-score-first helps two", () => {
    const { requests, offers } = chain();
    const result = round({ requests, offers, rules: rules() });
    expect(result.greedyMatched).toBe(2);
    expect(result.proposals).toHaveLength(3);
    expect(matchedPairs(result)).toEqual({ r1: "o2", r2: "o3", r3: "o1" });
    expect(result.unmatched).toEqual([]);
  });

  it("needs more than one maximum fit of coverage bonus for that, which the chain does exercise", () => {
    const { r1, r2, r3, o1, o2, o3 } = chain();
    const greedyFit = fit(r1, o1) + fit(r2, o2);
    const fullFit = fit(r1, o2) + fit(r2, o3) + fit(r3, o1);
    // With a bonus of one maximum fit + 1, two placements would outscore three.
    expect(greedyFit - fullFit).toBeGreaterThan(maxFitScore(DEFAULT_WEIGHTS) + 1);
  });

  it("reports the fit of the proposals, without bonuses", () => {
    const { r1, r2, r3, o1, o2, o3, requests, offers } = chain();
    const result = round({ requests, offers, rules: rules() });
    expect(result.totalScore).toBeCloseTo(fit(r1, o2) + fit(r2, o3) + fit(r3, o1), 9);
    for (const p of result.proposals) expect(p.score).toBeLessThanOrEqual(maxFitScore(DEFAULT_WEIGHTS));
  });

  it("explains why better-fitting offers went elsewhere", () => {
    const { requests, offers } = chain();
    const result = round({ requests, offers, rules: rules() });
    const byRequest = Object.fromEntries(result.proposals.map((p) => [p.requestId, p]));
    // o1's only place went to r3, whose only eligible offer it is.
    expect(byRequest.r1.alternatives).toEqual([
      expect.objectContaining({
        offerId: "o1",
        note: expect.stringMatching(
          /^Higher fit \(\d+ against \d+\), but its places went to requests with no other option$/,
        ),
      }),
    ]);
    // o2's place went to r1, whose other option (o1) is full as well.
    expect(byRequest.r2.alternatives[0].note).toMatch(
      /its places went to requests whose other options were also full$/,
    );
    expect(byRequest.r3.alternatives).toEqual([]);
  });

  it("when coverage is equal either way, gives the contested places to the better fits", () => {
    // Two places (o1, o2) and three requests eligible for both: one must go unhelped, and r3,
    // already established in spc, gains least from either offer.
    const requests = [
      request("r1", "QOP"),
      request("r2", "QOP", { maturity: { spc: 2 } }),
      request("r3", "QOP", { maturity: { spc: 4 } }),
    ];
    const offers = [offer("o1", "QOP"), offer("o2", "QOP", { formatCode: "workshop" })];
    const result = round({ requests, offers, rules: rules() });
    expect(result.proposals.map((p) => p.requestId).sort()).toEqual(["r1", "r2"]);
    expect(result.unmatched).toEqual([
      expect.objectContaining({
        requestId: "r3",
        reason: "capacity_taken",
        text: "Every eligible offer is full; places went to requests with a better fit",
      }),
    ]);
    expect(result.unmatched[0].alternatives.map((a) => a.note)).toEqual([
      "Full: its places went to requests with a better fit",
      "Full: its places went to requests with a better fit",
    ]);
  });
});

describe("capacity", () => {
  it("never proposes more requests to an offer than it has places", () => {
    const requests = ["a", "b", "c", "d", "e"].map((id) => request(id, "QOP", { travelLimit: "icb" }));
    const offers = [
      offer("big", "QOP", { remainingCapacity: 2 }),
      offer("far", "QKK", { remainingCapacity: 9 }),
      offer("full", "QOP", { remainingCapacity: 0 }),
    ];
    const result = round({ requests, offers, rules: rules() });
    // Only "big" is within every request's travel limit and has places: exactly 2 helped.
    expect(result.proposals).toHaveLength(2);
    expect(result.proposals.every((p) => p.offerId === "big")).toBe(true);
    expect(result.greedyMatched).toBe(2);
    expect(result.unmatched).toHaveLength(3);
    for (const u of result.unmatched) {
      expect(u).toMatchObject({
        reason: "capacity_taken",
        text: "Every eligible offer's places went to requests that had no other option",
      });
      expect(u.alternatives).toEqual([
        expect.objectContaining({ offerId: "big", note: "Full: its places went to requests with no other option" }),
      ]);
    }
  });
});

describe("pinned pairs", () => {
  it("proposes a pinned pair over a better fit", () => {
    const requests = [request("r1", "QOP")];
    const offers = [offer("best", "QOP"), poorOffer("pinned", "QKK")];
    expect(matchedPairs(round({ requests, offers, rules: rules() }))).toEqual({ r1: "best" });
    const result = round({ requests, offers, rules: rules([pairKey("r1", "pinned")]) });
    expect(result.proposals).toEqual([expect.objectContaining({ requestId: "r1", offerId: "pinned", pinned: true })]);
    expect(result.proposals[0].alternatives[0]).toMatchObject({
      offerId: "best",
      note: expect.stringContaining("a coordinator pinned the offer proposed"),
    });
  });

  it("honours a pin even when it leaves another request without help, and says so", () => {
    const { requests, offers } = chain();
    const result = round({ requests, offers, rules: rules([pairKey("r1", "o1")]) });
    expect(matchedPairs(result)).toEqual({ r1: "o1", r2: "o2" });
    expect(result.proposals.find((p) => p.requestId === "r1")?.pinned).toBe(true);
    expect(result.proposals.find((p) => p.requestId === "r2")?.pinned).toBe(false);
    expect(result.unmatched).toEqual([
      expect.objectContaining({
        requestId: "r3",
        reason: "capacity_taken",
        text: "Every eligible offer's places went to matches a coordinator pinned",
      }),
    ]);
  });

  it("never lets a pin break a hard rule", () => {
    const requests = [request("r1", "QOP", { travelLimit: "icb" })];
    const offers = [offer("near", "QOP"), offer("far", "QKK")];
    expect(matchedPairs(round({ requests, offers, rules: rules([pairKey("r1", "far")]) }))).toEqual({ r1: "near" });
    const excluded = round({ requests, offers, rules: rules([pairKey("r1", "near")], [pairKey("r1", "near")]) });
    expect(excluded.proposals).toEqual([]);
  });
});

describe("unmatched requests with no eligible offer", () => {
  it("says no offer teaches the capability", () => {
    const result = round({
      requests: [request("r1", "QOP", { capabilityIds: ["flow"] })],
      offers: [offer("o1", "QOP")],
      rules: rules(),
    });
    expect(result.unmatched).toEqual([
      { requestId: "r1", reason: "no_eligible_offer", text: "No open offer teaches Flow", alternatives: [] },
    ]);
  });

  it("names the capability and the rule that ruled every teaching offer out", () => {
    const r1 = request("r1", "QOP", { capabilityIds: ["mapping"], travelLimit: "icb" });
    const offers = [
      offer("o1", "QKK", { capabilityIds: ["mapping"] }),
      offer("o2", "QJK", { capabilityIds: ["mapping", "spc"] }),
    ];
    const result = round({ requests: [r1], offers, rules: rules() });
    expect(result.unmatched).toEqual([
      expect.objectContaining({
        requestId: "r1",
        reason: "no_eligible_offer",
        text: "No offer teaches Process mapping within your travel limit",
      }),
    ]);
  });

  it("counts the rules when several ruled offers out", () => {
    const r1 = request("r1", "QOP", { travelLimit: "icb", budget: "free" });
    const offers = [offer("far1", "QKK"), offer("far2", "QJK"), offer("fee", "QOP", { costModel: "fee" })];
    const [unmatched] = round({ requests: [r1], offers, rules: rules() }).unmatched;
    expect(unmatched.text).toBe(
      "3 offers teach Measurement for improvement, but none suits: 2 outside your travel limit, 1 over your budget",
    );
  });
});

describe("alternatives and explanations", () => {
  const requests = [request("r1", "QOP", { maturity: { spc: 2 } })];
  const offers = [
    offer("o-best", "QOP"),
    offer("o-region", "QOP", { icbCode: "QYG" }),
    offer("o-far", "QKK"),
    poorOffer("o-poor", "QJK"),
    offer("o-workshop", "QOP", { formatCode: "workshop" }),
  ];

  it("lists the best alternatives not chosen, best first, without the chosen offer", () => {
    const result = round({ requests, offers, rules: rules() });
    const [p] = result.proposals;
    expect(p.offerId).toBe("o-best");
    expect(p.alternatives.map((a) => a.offerId)).not.toContain("o-best");
    expect(p.alternatives).toHaveLength(3);
    const scores = p.alternatives.map((a) => a.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores.every((s) => s <= p.score)).toBe(true);
    expect(p.alternatives.map((a) => a.note).every((note) => /^Lower fit \(\d+ against \d+\)$/.test(note))).toBe(true);
    expect(p.alternatives.map((a) => a.offerId)).not.toContain("o-poor");
  });

  it("returns as many alternatives as asked for", () => {
    const result = round({ requests, offers, rules: rules(), alternativesPerRequest: 1 });
    expect(result.proposals[0].alternatives).toHaveLength(1);
  });

  it("explains the fit with capability and maturity names", () => {
    const [p] = round({ requests, offers, rules: rules() }).proposals;
    const capability = p.factors.find((f) => f.key === "capability");
    expect(capability?.text).toBe(
      "Pioneer is exemplary in Measurement for improvement; you assessed yourself as emerging",
    );
    expect(p.factors.find((f) => f.key === "locality")?.text).toBe("Same integrated care board");
    expect(p.score).toBeCloseTo(
      p.factors.reduce((sum, f) => sum + f.points, 0),
      9,
    );
  });
});

describe("size", () => {
  it("scores and solves thousands of requests against hundreds of offers quickly", () => {
    const capabilities = Array.from({ length: 30 }, (_, i) => `c${i}`);
    const icbs = Object.keys(PLACES) as Icb[];
    const requests = Array.from({ length: 3000 }, (_, i) =>
      request(`r${i}`, icbs[i % 3], {
        capabilityIds: [capabilities[i % 30], capabilities[(i * 7) % 30]],
        maturity: {},
        travelLimit: i % 4 === 0 ? "icb" : "anywhere",
      }),
    );
    const offers = Array.from({ length: 300 }, (_, i) =>
      offer(`o${i}`, icbs[i % 3], {
        capabilityIds: [capabilities[i % 30], capabilities[(i * 11) % 30]],
        remainingCapacity: 1 + (i % 5),
        maturity: {},
      }),
    );
    const started = performance.now();
    const result = round({ requests, offers, rules: rules() });
    const elapsed = performance.now() - started;
    const places = offers.reduce((sum, o) => sum + o.remainingCapacity, 0);
    expect(result.proposals.length).toBeLessThanOrEqual(places);
    expect(result.proposals.length).toBeGreaterThanOrEqual(result.greedyMatched);
    const load = new Map<string, number>();
    for (const p of result.proposals) load.set(p.offerId, (load.get(p.offerId) ?? 0) + 1);
    for (const o of offers) expect(load.get(o.id) ?? 0).toBeLessThanOrEqual(o.remainingCapacity);
    expect(result.proposals.length + result.unmatched.length).toBe(requests.length);
    expect(elapsed).toBeLessThan(10_000);
  }, 30_000);
});
