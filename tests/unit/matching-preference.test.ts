import { describe, expect, it } from "vitest";
import { fitTextForCoordinator, fitTextForPioneer } from "~/domain/fit-wording";
import { preference } from "~/matching/factors";
import { NEED_WEIGHT, needOf, worstOff } from "~/matching/need";
import { proposeRound } from "~/matching/round";
import { scorePair } from "~/matching/score";
import type { OfferFacts, RequestFacts } from "~/matching/types";
import { coverageBonus, DEFAULT_WEIGHTS } from "~/matching/weights";
import { offer, poorOffer, request, rules, vocabulary } from "../support/matching-facts";

const context = { weights: DEFAULT_WEIGHTS, vocabulary };
const fit = (r: RequestFacts, o: OfferFacts) => {
  const scored = scorePair(r, o, rules(), DEFAULT_WEIGHTS, vocabulary);
  if (!scored.eligible) throw new Error(`${r.id}–${o.id} should be eligible`);
  return scored.score;
};
const pairs = (result: ReturnType<typeof proposeRound>) =>
  Object.fromEntries(result.proposals.map((p) => [p.requestId, p.offerId]));

describe("the preference factor", () => {
  it("is worth half for asking, half for the pioneer's interest, and nothing otherwise", () => {
    const o = offer("o1", "QOP");
    const value = (r: RequestFacts) => preference(r, o, context).value;
    expect(value(request("r1", "QOP"))).toBe(0);
    expect(value(request("r1", "QOP", { preferredOfferId: "o1" }))).toBe(0.5);
    expect(value(request("r1", "QOP", { preferredOfferId: "o2" }))).toBe(0);
    expect(value(request("r1", "QOP", { interestedOrganisationIds: ["org-o1"] }))).toBe(0.5);
    expect(value(request("r1", "QOP", { interestedOrganisationIds: ["org-o9"] }))).toBe(0);
    const both = preference(
      request("r1", "QOP", { preferredOfferId: "o1", interestedOrganisationIds: ["org-o1"] }),
      o,
      context,
    );
    expect(both).toMatchObject({
      key: "preference",
      label: "Preference",
      value: 1,
      points: DEFAULT_WEIGHTS.preference,
    });
    expect(both.text).toBe("You asked for this offer and the pioneer said they are interested in helping you");
  });

  it("weighs less than any other preference factor and far less than helping one more request", () => {
    expect(DEFAULT_WEIGHTS.preference).toBeGreaterThan(0);
    expect(DEFAULT_WEIGHTS.preference).toBeLessThan(DEFAULT_WEIGHTS.format);
    expect(DEFAULT_WEIGHTS.preference).toBeLessThan(coverageBonus(1));
  });

  it("reorders close fits: of two near-equal offers the one asked for is proposed", () => {
    const near = offer("o2", "QOP", { impact: { meanChange: 1.8, measured: 3 } });
    const plain = request("r1", "QOP");
    expect(fit(plain, offer("o1", "QOP")) - fit(plain, near)).toBeGreaterThan(0);
    expect(fit(plain, offer("o1", "QOP")) - fit(plain, near)).toBeLessThan(DEFAULT_WEIGHTS.preference / 2);
    const offers = [offer("o1", "QOP"), near];
    expect(pairs(proposeRound({ requests: [plain], offers, rules: rules(), vocabulary }))).toEqual({ r1: "o1" });
    const asking = request("r1", "QOP", { preferredOfferId: "o2" });
    expect(pairs(proposeRound({ requests: [asking], offers, rules: rules(), vocabulary }))).toEqual({ r1: "o2" });
  });

  it("never costs a request its place: the preferred offer goes to a request with no other option", () => {
    // r1 asked for o1 and o1's pioneer is interested; r2 can only take o1 (o2 does not teach mapping).
    const r1 = request("r1", "QOP", { preferredOfferId: "o1", interestedOrganisationIds: ["org-o1"] });
    const r2 = request("r2", "QOP", { capabilityIds: ["mapping"], maturity: { mapping: 5 } });
    const o1 = offer("o1", "QOP", { capabilityIds: ["spc", "mapping"], maturity: { spc: 5, mapping: 5 } });
    const o2 = poorOffer("o2", "QJK");
    const result = proposeRound({ requests: [r1, r2], offers: [o1, o2], rules: rules(), vocabulary });
    expect(pairs(result)).toEqual({ r1: "o2", r2: "o1" });
  });

  it("on many small rounds helps exactly as many requests with preferences as without", () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const icbs = ["QOP", "QKK", "QJK"] as const;
    for (let round = 0; round < 60; round++) {
      const offers = [0, 1, 2].map((i) =>
        (random() < 0.5 ? offer : poorOffer)(`o${i}`, icbs[i], {
          capabilityIds: random() < 0.5 ? ["spc"] : ["spc", "mapping"],
          remainingCapacity: 1,
        }),
      );
      const plain = [0, 1, 2, 3].map((i) =>
        request(`r${i}`, icbs[Math.floor(random() * 3)], {
          capabilityIds: random() < 0.5 ? ["spc"] : ["mapping"],
          maturity: { spc: 1 + Math.floor(random() * 5), mapping: 1 + Math.floor(random() * 5) },
          travelLimit: random() < 0.5 ? "icb" : "anywhere",
        }),
      );
      const preferring = plain.map((r) => ({
        ...r,
        preferredOfferId: `o${Math.floor(random() * 3)}`,
        interestedOrganisationIds: [`org-o${Math.floor(random() * 3)}`],
      }));
      const without = proposeRound({ requests: plain, offers, rules: rules(), vocabulary });
      const withPreferences = proposeRound({ requests: preferring, offers, rules: rules(), vocabulary });
      expect(withPreferences.proposals.length).toBe(without.proposals.length);
    }
  });
});

describe("the preference explained to each reader", () => {
  const text = "You asked for this offer and the pioneer said they are interested in helping you";
  it("speaks to the pioneer as you and of the requester as they", () => {
    expect(fitTextForPioneer(text)).toBe("They asked for your offer and you said you are interested in helping them");
    expect(fitTextForPioneer("The pioneer said they are interested in helping you")).toBe(
      "You said you are interested in helping them",
    );
  });
  it("speaks to the coordinator of the requester and the pioneer, never as you", () => {
    const words = fitTextForCoordinator(text, "Leeds Teaching Hospitals");
    expect(words).toBe(
      "The requester asked for this offer and the pioneer said they are interested in helping the requester",
    );
    expect(words).not.toMatch(/\byou\b/i);
  });
});

describe("giving priority to greatest need", () => {
  // One place; r1 fits it well but is established and not flagged; r2 is a flagged trust, not
  // started, far away and wanting another audience, so it fits worse.
  const r1 = request("r1", "QOP", { maturity: { spc: 3 } });
  const r2 = request("r2", "QJK", {
    maturity: { spc: 1 },
    audienceCodes: ["frontline"],
    formatCodes: ["workshop"],
    supportPriority: "Recovery Support Programme",
  });
  const o1 = offer("o1", "QOP");

  it("rates need from flags and low maturity, between 0 and 1", () => {
    expect(needOf(request("x", "QOP", { maturity: { spc: 5 } }))).toBe(0);
    expect(needOf(request("x", "QOP", { maturity: { spc: 1 } }))).toBe(0.5);
    expect(needOf(r2)).toBe(1);
  });

  it("gives a contested place to the flagged trust, and says so in the explanation", () => {
    expect(fit(r1, o1)).toBeGreaterThan(fit(r2, o1));
    const plain = proposeRound({ requests: [r1, r2], offers: [o1], rules: rules(), vocabulary });
    expect(pairs(plain)).toEqual({ r1: "o1" });
    const fair = proposeRound({ requests: [r1, r2], offers: [o1], rules: rules(), vocabulary, needPriority: true });
    expect(pairs(fair)).toEqual({ r2: "o1" });
    const need = fair.proposals[0].factors.find((f) => f.key === "need");
    expect(need?.text).toBe(
      "Given priority for greatest need: your trust is a priority for support (Recovery Support Programme); your maturity: not started in Measurement for improvement",
    );
    expect(fitTextForPioneer(need!.text)).not.toMatch(/\byour?\b/i);
    expect(fitTextForCoordinator(need!.text, "Trust r2")).not.toMatch(/\byour?\b/i);
    expect(fair.proposals[0].score).toBeCloseTo(fit(r2, o1), 9);
    expect(worstOff([r1, r2], plain.proposals)).toEqual({
      lowestFit: fit(r1, o1),
      flaggedHelped: 0,
      flaggedRequests: 1,
    });
    expect(worstOff([r1, r2], fair.proposals)).toEqual({
      lowestFit: fit(r2, o1),
      flaggedHelped: 1,
      flaggedRequests: 1,
    });
  });

  it("agrees with an exhaustive search on small rounds, and never helps fewer requests", () => {
    let seed = 11;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const icbs = ["QOP", "QKK", "QJK"] as const;
    for (let round = 0; round < 40; round++) {
      const offers = [0, 1].map((i) =>
        (random() < 0.5 ? offer : poorOffer)(`o${i}`, icbs[i], { remainingCapacity: 1 + Math.floor(random() * 2) }),
      );
      const requests = [0, 1, 2, 3].map((i) =>
        request(`r${i}`, icbs[Math.floor(random() * 3)], {
          maturity: { spc: 1 + Math.floor(random() * 5) },
          travelLimit: random() < 0.3 ? "icb" : "anywhere",
          audienceCodes: random() < 0.5 ? ["board"] : ["frontline"],
          supportPriority: random() < 0.3 ? "Recovery Support Programme" : null,
        }),
      );
      const best = exhaustive(requests, offers);
      const fair = proposeRound({ requests, offers, rules: rules(), vocabulary, needPriority: true });
      const plain = proposeRound({ requests, offers, rules: rules(), vocabulary });
      expect(fair.proposals.length).toBe(best.helped);
      expect(plain.proposals.length).toBe(best.helped);
      const value = fair.proposals.reduce(
        (sum, p) => sum + p.score + NEED_WEIGHT * needOf(requests.find((r) => r.id === p.requestId)!),
        0,
      );
      expect(value).toBeCloseTo(best.value, 3);
    }
  });
});

/** Every way of giving each request one offer or none within capacity: most helped, then most fit plus need. */
function exhaustive(requests: RequestFacts[], offers: OfferFacts[]) {
  let best = { helped: -1, value: -Infinity };
  const left = offers.map((o) => o.remainingCapacity);
  const visit = (i: number, helped: number, value: number) => {
    if (i === requests.length) {
      if (helped > best.helped || (helped === best.helped && value > best.value + 1e-9)) best = { helped, value };
      return;
    }
    visit(i + 1, helped, value);
    offers.forEach((o, j) => {
      const scored = scorePair(requests[i], o, rules(), DEFAULT_WEIGHTS, vocabulary);
      if (!scored.eligible || left[j] === 0) return;
      left[j]--;
      visit(i + 1, helped + 1, value + scored.score + NEED_WEIGHT * needOf(requests[i]));
      left[j]++;
    });
  };
  visit(0, 0, 0);
  return best;
}
