import { describe, expect, it } from "vitest";
import { proposeRound, type RoundInput } from "~/matching/round";
import { matchedIfTheyWaited, relaxedVersions, whatIfsForUnmatched } from "~/matching/what-if";
import type { OfferFacts, RequestFacts } from "~/matching/types";
import { whatIfForCoordinator, whatIfForRequester } from "~/domain/what-if-words";
import { offer, request, rules, vocabulary, type Icb } from "../support/matching-facts";

const round = (requests: RequestFacts[], offers: OfferFacts[]): RoundInput => ({
  requests,
  offers,
  rules: rules(),
  vocabulary,
});

const whatIfOf = (input: RoundInput, requestId: string) => {
  const result = proposeRound(input);
  expect(result.unmatched.map((u) => u.requestId)).toContain(requestId);
  return whatIfsForUnmatched(input, result).find((w) => w.requestId === requestId)!;
};

describe("the changes a requester could make to its own request", () => {
  it("are tried smallest first: virtual sessions, then travel, then budget, then two at a time", () => {
    const versions = relaxedVersions(request("r1", "QOP", { virtualOk: false, travelLimit: "icb", budget: "free" }));
    expect(versions.slice(0, 5).map((v) => v.changes)).toEqual([
      ["accept_virtual"],
      ["travel_region"],
      ["pay_cost_recovery"],
      ["accept_virtual", "travel_region"],
      ["accept_virtual", "pay_cost_recovery"],
    ]);
    // Every combination of one step per condition, each once: 2 × 3 × 3 less the request as it is.
    expect(versions).toHaveLength(17);
    expect(versions.at(-1)!.changes).toEqual(["accept_virtual", "travel_anywhere", "pay_fee"]);
    expect(versions.at(-1)!.request).toMatchObject({ virtualOk: true, travelLimit: "anywhere", budget: "fee" });
  });

  it("are none for a request that already accepts everything", () => {
    expect(relaxedVersions(request("r1", "QOP", { virtualOk: true, travelLimit: "anywhere", budget: "fee" }))).toEqual(
      [],
    );
  });
});

describe("what would get an unmatched request matched", () => {
  it("accepting virtual sessions, for an offer that runs virtually outside the travel limit", () => {
    const input = round([request("r1", "QOP", { travelLimit: "icb" })], [offer("far", "QJK", { virtualOk: true })]);
    expect(whatIfOf(input, "r1")).toEqual({
      requestId: "r1",
      tried: true,
      changes: ["accept_virtual"],
      offerId: "far",
      displacedRequestIds: [],
    });
  });

  it("travelling within the region, before travelling anywhere", () => {
    const input = round(
      [request("r1", "QOP", { travelLimit: "icb" })],
      [offer("sameRegion", "QOP", { icbCode: "QXX" as Icb }), offer("elsewhere", "QJK")],
    );
    expect(whatIfOf(input, "r1")).toMatchObject({ changes: ["travel_region"], offerId: "sameRegion" });
  });

  it("travelling anywhere, when nothing is in the region", () => {
    const input = round([request("r1", "QOP", { travelLimit: "region" })], [offer("elsewhere", "QJK")]);
    expect(whatIfOf(input, "r1")).toMatchObject({ changes: ["travel_anywhere"], offerId: "elsewhere" });
  });

  it("a higher budget, one band at a time", () => {
    const recovery = round(
      [request("r1", "QOP", { budget: "free" })],
      [offer("o1", "QOP", { costModel: "cost_recovery" })],
    );
    expect(whatIfOf(recovery, "r1")).toMatchObject({ changes: ["pay_cost_recovery"], offerId: "o1" });
    const fee = round([request("r1", "QOP", { budget: "free" })], [offer("o1", "QOP", { costModel: "fee" })]);
    expect(whatIfOf(fee, "r1")).toMatchObject({ changes: ["pay_fee"], offerId: "o1" });
  });

  it("two changes together when neither alone is enough", () => {
    const input = round(
      [request("r1", "QOP", { travelLimit: "icb", budget: "free" })],
      [offer("far", "QJK", { virtualOk: true, costModel: "fee" })],
    );
    expect(whatIfOf(input, "r1")).toMatchObject({ changes: ["accept_virtual", "pay_fee"], offerId: "far" });
  });

  it("names the request that would lose its place, when the change wins a place another held", () => {
    // One place; r2 holds it. With virtual sessions r1 also fits the offer, and fits it better.
    const input = round(
      [
        request("r1", "QOP", { travelLimit: "icb", formatCodes: ["site_visit"] }),
        request("r2", "QJK", { audienceCodes: ["frontline"], readiness: 1 }),
      ],
      [offer("o1", "QJK", { virtualOk: true })],
    );
    const result = proposeRound(input);
    expect(result.proposals.map((p) => p.requestId)).toEqual(["r2"]);
    expect(whatIfOf(input, "r1")).toMatchObject({
      changes: ["accept_virtual"],
      offerId: "o1",
      displacedRequestIds: ["r2"],
    });
  });

  it("says when no change of its own would help: every place goes to a request with no other option", () => {
    const input = round([request("r1", "QOP"), request("r2", "QOP", { maturity: { spc: 1 } })], [offer("o1", "QOP")]);
    const result = proposeRound(input);
    const [unmatched] = result.unmatched.map((u) => u.requestId);
    expect(whatIfOf(input, unmatched)).toEqual({
      requestId: unmatched,
      tried: true,
      changes: null,
      offerId: null,
      displacedRequestIds: [],
    });
  });

  it("agrees with solving the whole round again for each change in turn, on many random rounds, some with shared capacity", () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
    const icbs: Icb[] = ["QOP", "QKK", "QJK"];
    let checked = 0;
    let checkedShared = 0;
    for (let trial = 0; trial < 60; trial++) {
      const requests = Array.from({ length: 3 + Math.floor(random() * 5) }, (_, i) =>
        request(`r${i}`, pick(icbs), {
          virtualOk: random() < 0.3,
          travelLimit: pick(["icb", "region", "anywhere"] as const),
          budget: pick(["free", "cost_recovery", "fee"] as const),
          readiness: 1 + Math.floor(random() * 5),
        }),
      );
      const offers = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, j) =>
        offer(`o${j}`, pick(icbs), {
          virtualOk: random() < 0.5,
          costModel: pick(["free", "cost_recovery", "fee"] as const),
          remainingCapacity: 1 + Math.floor(random() * 2),
        }),
      );
      // Half the rounds hold every offer to one shared place across them, as one pioneer's team.
      const shared = offers.length > 1 && random() < 0.5;
      const groups = shared
        ? [{ id: "team", organisationName: "Team", capacity: 1, offerIds: offers.map((o) => o.id) }]
        : [];
      const input = { ...round(requests, offers), groups };
      const result = proposeRound(input);
      for (const whatIf of whatIfsForUnmatched(input, result)) {
        if (shared) checkedShared++;
        const original = requests.find((r) => r.id === whatIf.requestId)!;
        // Independently: the first version, smallest first, with which a full new round matches it.
        const expected = relaxedVersions(original)
          .map((version) => ({
            version,
            again: proposeRound({
              ...input,
              requests: requests.map((r) => (r.id === original.id ? version.request : r)),
            }),
          }))
          .find(({ again }) => again.proposals.some((p) => p.requestId === original.id));
        expect(whatIf.changes).toEqual(expected?.version.changes ?? null);
        if (expected) {
          const matchedAgain = new Set(expected.again.proposals.map((p) => p.requestId));
          expect(whatIf.offerId).toBe(expected.again.proposals.find((p) => p.requestId === original.id)!.offerId);
          expect(whatIf.displacedRequestIds).toEqual(
            result.proposals.map((p) => p.requestId).filter((id) => !matchedAgain.has(id)),
          );
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
    expect(checkedShared).toBeGreaterThan(10);
  });
});

describe("waiting for the next quarter", () => {
  const window = { start: "2026-12-01", end: "2026-12-31" };
  const moveWindow = () => ({ start: "2027-01-01", end: "2027-01-31" });

  it("solves once for every unmatched request together, with next quarter's places and moved windows", () => {
    // One place this quarter and next; three requests want it. One gets it now, and of the two
    // left only one can have next quarter's place.
    const requests = ["r1", "r2", "r3"].map((id) => request(id, "QOP", { window }));
    const now = offer("o", "QOP", { remainingCapacity: 1, windows: [window] });
    const input = round(requests, [now]);
    const result = proposeRound(input);
    expect(result.proposals.map((p) => p.requestId)).toHaveLength(1);
    const later = { ...now, windows: [{ start: "2027-01-01", end: "2027-03-31" }] };
    const waited = matchedIfTheyWaited(input, result, { offers: [later], groups: [], moveWindow });
    expect([...waited.values()]).toEqual(["o"]);
    expect(result.unmatched.map((u) => u.requestId)).toContain([...waited.keys()][0]);

    // Two places next quarter: both wait and both are matched.
    const roomier = matchedIfTheyWaited(input, result, {
      offers: [{ ...later, remainingCapacity: 2 }],
      groups: [],
      moveWindow,
    });
    expect(new Set(roomier.keys())).toEqual(new Set(result.unmatched.map((u) => u.requestId)));

    // No places next quarter either, or a shared limit already used: nobody.
    expect(
      matchedIfTheyWaited(input, result, { offers: [{ ...later, remainingCapacity: 0 }], groups: [], moveWindow }).size,
    ).toBe(0);
    expect(
      matchedIfTheyWaited(input, result, {
        offers: [{ ...later, remainingCapacity: 2, sharedCapacityFull: true }],
        groups: [],
        moveWindow,
      }).size,
    ).toBe(0);
  });

  it("moves each waiting request's window before scoring it", () => {
    const requests = [request("r1", "QOP", { window }), request("r2", "QOP", { window })];
    const input = round(requests, [offer("o", "QOP", { remainingCapacity: 1 })]);
    const result = proposeRound(input);
    const seen: string[] = [];
    matchedIfTheyWaited(input, result, {
      offers: [offer("o", "QOP", { remainingCapacity: 1 })],
      groups: [],
      moveWindow: (w) => {
        seen.push(w.start);
        return moveWindow();
      },
    });
    expect(seen).toEqual([window.start]);
  });
});

describe("a round's time for what-ifs", () => {
  it("stops between requests once spent, marking the rest as not tried", () => {
    // Two unmatched requests, each helped by accepting virtual sessions; the clock moves 10 ms per look.
    const input = round(
      [request("r1", "QOP", { travelLimit: "icb" }), request("r2", "QOP", { travelLimit: "icb" })],
      [offer("far1", "QJK", { virtualOk: true }), offer("far2", "QJK", { virtualOk: true })],
    );
    let now = 0;
    const clock = () => (now += 10);
    const result = proposeRound(input);
    const [first, second] = whatIfsForUnmatched(input, result, { budgetMs: 15, clock });
    expect(first).toMatchObject({ tried: true, changes: ["accept_virtual"] });
    expect(second).toEqual({
      requestId: second.requestId,
      tried: false,
      changes: null,
      offerId: null,
      displacedRequestIds: [],
    });
    expect(whatIfForCoordinator({ tried: false, changes: null, offer: null, displaced: [] })).toMatch(
      /^Not worked out/,
    );
    expect(whatIfForRequester({ tried: false, changes: null, offer: null, displaced: [] })).toBeNull();
  });
});

describe("what-ifs in words", () => {
  const stored = {
    changes: ["accept_virtual", "pay_fee"] as const,
    offer: { title: "Run charts in practice", organisationName: "East London Trust" },
    displaced: [{ title: "SPC for the board", organisationName: "Barking Trust" }],
  };

  it("names the other request for the coordinator, and only counts it for the requester", () => {
    expect(whatIfForCoordinator({ ...stored, changes: [...stored.changes] })).toBe(
      "Would be matched with “Run charts in practice” (East London Trust) if it accepted virtual sessions and could pay a fee; “SPC for the board” (Barking Trust) would then lose its match",
    );
    expect(whatIfForRequester({ ...stored, changes: [...stored.changes] })).toBe(
      "You would have been matched with “Run charts in practice” (East London Trust) in the last round if you accepted virtual sessions and could pay a fee; 1 other request would then have lost its match.",
    );
  });

  it("adds what waiting for the next quarter would do, in the quarter's name and months", () => {
    const waiting = {
      ...stored,
      changes: null,
      offer: null,
      displaced: [],
      nextQuarter: { quarter: "2027-Q1", offer: stored.offer },
    };
    expect(whatIfForCoordinator(waiting)).toBe(
      "No change to its own conditions (virtual sessions, travel, budget) would get it matched in this round. Waiting for Q4 2026/27 (January to March 2027) with the other requests left unmatched, it would be matched with “Run charts in practice” (East London Trust)",
    );
    expect(whatIfForRequester({ ...waiting, tried: false })).toBe(
      "If you moved your dates to Q4 2026/27 (January to March 2027), you would be matched with “Run charts in practice” (East London Trust), with the other requests the last round left unmatched waiting too.",
    );
    expect(whatIfForRequester({ ...waiting, nextQuarter: { quarter: "2027-Q2", offer: null } })).toBe(
      "No change to your own conditions (virtual sessions, travel, budget) would have got you a match in the last round. Moving your dates to Q1 2027/28 (April to June 2027) would not get you a match either, with the other requests the last round left unmatched waiting too.",
    );
  });

  it("says so when no change would help", () => {
    const none = { changes: null, offer: null, displaced: [] };
    expect(whatIfForCoordinator(none)).toMatch(/^No change to its own conditions/);
    expect(whatIfForRequester(none)).toMatch(/^No change to your own conditions/);
  });
});
