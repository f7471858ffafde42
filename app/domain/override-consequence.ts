/**
 * What approving a different offer for one proposal does to the rest of its round, worked out
 * before anything is saved. Proposals do not hold places: only approval takes one. So the chosen
 * offer's places left this quarter are shared by every proposal of the round still waiting on
 * it; when they are no more than those proposals, the override takes a place one of them needed,
 * and the one with the lowest fit is the one left without. The overridden proposal's own offer
 * keeps the place the round meant for it.
 */
export interface RoundProposalFacts {
  id: string;
  request_title: string;
  request_organisation_name: string;
  offer_id: string | null;
  offer_title: string | null;
  offer_organisation_name: string | null;
  status: string;
  score: number | null;
  alternatives: { offerId: string; offerTitle: string; organisationName: string }[];
}

export interface OfferRef {
  offerId: string;
  title: string;
  organisationName: string;
}

export interface OverrideConsequence {
  request: { title: string; organisationName: string };
  chosen: OfferRef & { placesLeft: number };
  /** No place left on the chosen offer: saving would be refused. */
  full: boolean;
  /** The waiting proposal that loses its place on the chosen offer, and the offer with a free place it could move to. */
  displaced: { proposalId: string; requestTitle: string; organisationName: string; movesTo: OfferRef | null } | null;
  /** The offer the round proposed for this request, when that leaves a place free there (perhaps for the displaced proposal). */
  released: (OfferRef & { toDisplaced: boolean }) | null;
}

export function overrideConsequence(input: {
  proposals: RoundProposalFacts[];
  proposalId: string;
  offerId: string;
  /** Places left this quarter per offer, after matches already approved. */
  placesLeft: ReadonlyMap<string, number>;
}): OverrideConsequence | null {
  const { proposals, proposalId, offerId, placesLeft } = input;
  const overridden = proposals.find((p) => p.id === proposalId);
  const chosen = overridden?.alternatives.find((a) => a.offerId === offerId);
  if (!overridden || !chosen || overridden.offer_id === offerId) return null;
  const waiting = proposals.filter((p) => p.status === "proposed" && p.id !== proposalId);
  const waitingOn = (id: string) => waiting.filter((p) => p.offer_id === id);
  const left = (id: string) => placesLeft.get(id) ?? 0;

  const chosenLeft = left(offerId);
  const claimants = waitingOn(offerId).sort(
    (a, b) =>
      (b.score ?? 0) - (a.score ?? 0) || a.request_title.localeCompare(b.request_title) || a.id.localeCompare(b.id),
  );
  const loser = chosenLeft > 0 && claimants.length >= chosenLeft ? claimants[claimants.length - 1] : undefined;
  // Free places once the override is saved: the overridden proposal no longer waits on its own offer.
  const free = (id: string) => left(id) - waitingOn(id).length;
  const move = loser?.alternatives.find((a) => a.offerId !== offerId && free(a.offerId) > 0);
  const released: OverrideConsequence["released"] =
    overridden.status === "proposed" && overridden.offer_id && free(overridden.offer_id) > 0
      ? {
          offerId: overridden.offer_id,
          title: overridden.offer_title ?? "",
          organisationName: overridden.offer_organisation_name ?? "",
          toDisplaced: move?.offerId === overridden.offer_id,
        }
      : null;
  return {
    request: { title: overridden.request_title, organisationName: overridden.request_organisation_name },
    chosen: { offerId, title: chosen.offerTitle, organisationName: chosen.organisationName, placesLeft: chosenLeft },
    full: chosenLeft <= 0,
    displaced: loser
      ? {
          proposalId: loser.id,
          requestTitle: loser.request_title,
          organisationName: loser.request_organisation_name,
          movesTo: move
            ? { offerId: move.offerId, title: move.offerTitle, organisationName: move.organisationName }
            : null,
        }
      : null,
    released,
  };
}

const placesWord = (n: number) => (n === 1 ? "1 place" : `${n} places`);

/** The consequence as sentences for the confirmation panel, in the order a coordinator weighs them. */
export function overrideConsequenceInWords(c: OverrideConsequence): string[] {
  const offer = `“${c.chosen.title}” (${c.chosen.organisationName})`;
  if (c.full) return [`${offer} has no places left this quarter, so this override cannot be saved.`];
  const lines = [
    `“${c.request.title}” (${c.request.organisationName}) takes 1 of the ${placesWord(c.chosen.placesLeft)} left on ${offer} this quarter.`,
  ];
  if (c.displaced) {
    const d = c.displaced;
    lines.push(
      `“${d.requestTitle}” (${d.organisationName}) loses its place: ${offer} will then be full, so approving it would be refused.`,
    );
    lines.push(
      d.movesTo
        ? `It can move to “${d.movesTo.title}” (${d.movesTo.organisationName}), which has a free place: approve that offer for it instead.`
        : "None of its other offers has a free place, so it goes back to unmatched until the round is run again.",
    );
  } else {
    lines.push("No other proposal in this round loses its place.");
  }
  if (c.released) {
    const freed = `“${c.released.title}” (${c.released.organisationName})`;
    lines.push(
      c.released.toDisplaced
        ? `The place this round proposed on ${freed} is left free, for the request that lost its place.`
        : `The place this round proposed on ${freed} is left free for another request.`,
    );
  }
  return lines;
}
