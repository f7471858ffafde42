import { describe, expect, it } from "vitest";
import { proposeRound, type RoundInput } from "~/matching/round";
import { whereOneMorePlaceHelps, whyNotPair } from "~/matching/insights";
import { pairKey, type OfferFacts, type RequestFacts } from "~/matching/types";
import { vocabulary, rules, request, offer, poorOffer, type Icb } from "../support/matching-facts";

const input = (requests: RequestFacts[], offers: OfferFacts[], pinned: string[] = []): RoundInput => ({
  requests,
  offers,
  rules: rules(pinned),
  vocabulary,
});
const matchedCount = (i: RoundInput) => proposeRound(i).proposals.length;

describe("where one more place would help", () => {
  it("names the unmatched request an offer's extra place would take, and that it has no other offer", () => {
    const near = request("r1", "QOP");
    const far = request("r2", "QKK");
    const places = whereOneMorePlaceHelps(input([near, far], [offer("A", "QOP")]));
    expect(places).toEqual([
      expect.objectContaining({
        offerId: "A",
        organisationName: "Pioneer A",
        helped: [expect.objectContaining({ requestId: "r2", direct: true, otherOffers: 0 })],
        text: "One more place on Offer A would help Trust r2 (Request r2), which has no other eligible offer",
      }),
    ]);
  });

  it("says nothing when every request is matched", () => {
    expect(
      whereOneMorePlaceHelps(input([request("r1", "QOP")], [offer("A", "QOP", { remainingCapacity: 2 })])),
    ).toEqual([]);
  });

  it("finds a place that helps through a move: a matched request moves to it and frees its own", () => {
    // r0 can only reach A (same board, fee); r2 only B (free only); r1 either, and fits B best.
    const r0 = request("r0", "QJK", { travelLimit: "icb" });
    const r1 = request("r1", "QOP");
    const r2 = request("r2", "QKK", { budget: "free" });
    const a = poorOffer("A", "QJK");
    const b = offer("B", "QOP");
    const places = whereOneMorePlaceHelps(input([r0, r1, r2], [a, b]));
    const byOffer = Object.fromEntries(places.map((p) => [p.offerId, p]));
    expect(byOffer.B.text).toBe(
      "One more place on Offer B would help Trust r2 (Request r2), which has no other eligible offer",
    );
    expect(byOffer.A.text).toBe(
      "One more place on Offer A would let a matched request move to it and free a place for Trust r2 (Request r2)",
    );
  });

  it("agrees with solving the round again with the extra place", () => {
    const icbs: Icb[] = ["QOP", "QKK", "QJK"];
    const requests = Array.from({ length: 9 }, (_, k) =>
      request(`r${k}`, icbs[k % 3], {
        travelLimit: k % 4 === 0 ? "icb" : "anywhere",
        budget: k % 3 === 0 ? "free" : "fee",
        capabilityIds: k % 2 ? ["spc"] : ["spc", "mapping"],
      }),
    );
    const offers = Array.from({ length: 4 }, (_, k) =>
      (k % 2 ? offer : poorOffer)(`o${k}`, icbs[(k + 1) % 3], {
        capabilityIds: k === 3 ? ["mapping"] : ["spc"],
        remainingCapacity: 1 + (k % 2),
      }),
    );
    const base = input(requests, offers);
    const before = proposeRound(base);
    const places = whereOneMorePlaceHelps(base, 10);
    expect(places.length).toBeGreaterThan(0);
    for (const place of places) {
      const more = input(
        requests,
        offers.map((o) => (o.id === place.offerId ? { ...o, remainingCapacity: o.remainingCapacity + 1 } : o)),
      );
      const after = proposeRound(more);
      expect(after.proposals.length).toBe(before.proposals.length + 1);
      for (const h of place.helped) expect(after.proposals.map((p) => p.requestId)).toContain(h.requestId);
    }
    // Offers not listed gain nobody from an extra place.
    for (const o of offers.filter((o) => !places.some((p) => p.offerId === o.id))) {
      const more = input(
        requests,
        offers.map((x) => (x.id === o.id ? { ...x, remainingCapacity: x.remainingCapacity + 1 } : x)),
      );
      expect(matchedCount(more)).toBe(before.proposals.length);
    }
  });
});

describe("why not this offer?", () => {
  it("names the hard rule that excludes the pair, in a coordinator's words", () => {
    const r = request("r1", "QKK", { budget: "free", travelLimit: "region" });
    const offers = [
      offer("fee", "QKK", { costModel: "fee" }),
      offer("far", "QOP"),
      offer("full", "QKK", { remainingCapacity: 0 }),
    ];
    const i = input([r], offers);
    expect(whyNotPair(i, "r1", "fee")).toEqual({
      kind: "ineligible",
      text: "The offer charges a fee; the request's budget covers free help only",
    });
    expect(whyNotPair(i, "r1", "far").text).toBe(
      "The offer is outside its region, the request's travel limit, and the requester did not accept virtual sessions",
    );
    expect(whyNotPair(i, "r1", "full").text).toBe("The offer has no places left this quarter");
    expect(whyNotPair(i, "gone", "fee").kind).toBe("request_closed");
  });

  it("prices a forced pair exactly: the fit lost, and the proposal it displaces", () => {
    const near = request("r1", "QOP");
    const far = request("r2", "QKK");
    const a = offer("A", "QOP");
    const i = input([near, far], [a]);
    const answer = whyNotPair(i, "r2", "A");
    if (answer.kind !== "costly") throw new Error(answer.text);
    expect(answer.added.map((p) => [p.requestId, p.offerId])).toEqual([["r2", "A"]]);
    expect(answer.removed.map((p) => [p.requestId, p.offerId])).toEqual([["r1", "A"]]);
    expect(answer.fewerMatched).toBe(0);
    // Solving again with the pair pinned gives the same fall in total fit.
    const forced = proposeRound(input([near, far], [a], [pairKey("r2", "A")]));
    expect(answer.fitFall).toBeGreaterThan(0);
    expect(answer.fitFall).toBeCloseTo(proposeRound(i).totalScore - forced.totalScore, 3);
    expect(answer.text).toBe(
      `Matching this pair would lower the round's total fit by ${Math.round(answer.fitFall)} points`,
    );
    expect(whyNotPair(i, "r1", "A").kind).toBe("in_plan");
  });

  it("counts a request left without a match, and agrees with a re-solve with the pair forced", () => {
    // r2 can only use A; r1 can use A or B. Forcing r1 onto A leaves r2 with nothing and frees B.
    const r1 = request("r1", "QOP");
    const r2 = request("r2", "QKK", { budget: "free" });
    const a = offer("A", "QOP");
    const b = poorOffer("B", "QKK");
    const i = input([r1, r2], [a, b]);
    expect(matchedCount(i)).toBe(2);
    const answer = whyNotPair(i, "r1", "A");
    if (answer.kind !== "costly") throw new Error(answer.text);
    expect(answer.fewerMatched).toBe(1);
    expect(answer.removed.map((p) => `${p.requestId}|${p.offerId}`).sort()).toEqual(["r1|B", "r2|A"]);
    expect(answer.text).toMatch(/^Matching this pair would leave 1 more request without a match/);
    const forced = proposeRound(input([r1, r2], [a, b], [pairKey("r1", "A")]));
    expect(forced.proposals.length).toBe(2 - answer.fewerMatched);
    expect(answer.fitFall).toBeCloseTo(proposeRound(i).totalScore - forced.totalScore, 3);
  });
});
