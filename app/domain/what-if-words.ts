import { quarterLabel, quarterMonths } from "../lib/dates";
import type { WhatIfChange } from "../matching/what-if";

/** A what-if as a round keeps it: names as they were when the round ran. */
export interface StoredWhatIf {
  /** False (absent in rounds kept before it was added) when the round ran out of time before trying this request. */
  tried?: boolean;
  changes: WhatIfChange[] | null;
  offer: { title: string; organisationName: string } | null;
  displaced: { title: string; organisationName: string }[];
  /**
   * Waiting for the next quarter with every request the round left unmatched: the offer a round
   * then would match it with, or null when none would. Absent in rounds kept before it was added.
   */
  nextQuarter?: { quarter: string; offer: { title: string; organisationName: string } | null };
}

type Audience = "coordinator" | "requester";

const CHANGE_WORDS: Record<WhatIfChange, Record<Audience, string>> = {
  accept_virtual: { coordinator: "accepted virtual sessions", requester: "accepted virtual sessions" },
  travel_region: { coordinator: "travelled anywhere in its region", requester: "travelled anywhere in your region" },
  travel_anywhere: { coordinator: "travelled anywhere in England", requester: "travelled anywhere in England" },
  pay_cost_recovery: { coordinator: "could pay cost recovery", requester: "could pay cost recovery" },
  pay_fee: { coordinator: "could pay a fee", requester: "could pay a fee" },
};

const inList = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;

const quoted = (item: { title: string; organisationName: string }) => `“${item.title}” (${item.organisationName})`;

/** For the coordinator, about the requesting trust; other requests are named. */
export function whatIfForCoordinator(whatIf: StoredWhatIf): string {
  return [ownChangeForCoordinator(whatIf), waitingForCoordinator(whatIf)].filter(Boolean).join(". ");
}

function ownChangeForCoordinator(whatIf: StoredWhatIf): string {
  if (whatIf.tried === false)
    return "Not worked out: the round had more unmatched requests than it could try changes for in its time";
  if (!whatIf.changes || !whatIf.offer)
    return "No change to its own conditions (virtual sessions, travel, budget) would get it matched in this round";
  const changes = inList(whatIf.changes.map((c) => CHANGE_WORDS[c].coordinator));
  const n = whatIf.displaced.length;
  const consequence =
    n === 0
      ? "no other request would lose its match"
      : `${inList(whatIf.displaced.map(quoted))} would then lose ${n === 1 ? "its match" : "their matches"}`;
  return `Would be matched with ${quoted(whatIf.offer)} if it ${changes}; ${consequence}`;
}

const quarterWords = (quarter: string) => `${quarterLabel(quarter)} (${quarterMonths(quarter)})`;

function waitingForCoordinator({ nextQuarter }: StoredWhatIf): string | null {
  if (!nextQuarter) return null;
  const when = quarterWords(nextQuarter.quarter);
  return nextQuarter.offer
    ? `Waiting for ${when} with the other requests left unmatched, it would be matched with ${quoted(nextQuarter.offer)}`
    : `Waiting for ${when} with the other requests left unmatched would not get it matched either`;
}

/** For the requester, about its own request; other trusts' requests are counted, not named. */
export function whatIfForRequester(whatIf: StoredWhatIf): string | null {
  const parts = [ownChangeForRequester(whatIf), waitingForRequester(whatIf)].filter(Boolean);
  return parts.length ? parts.join(" ") : null;
}

function ownChangeForRequester(whatIf: StoredWhatIf): string | null {
  if (whatIf.tried === false) return null;
  if (!whatIf.changes || !whatIf.offer)
    return "No change to your own conditions (virtual sessions, travel, budget) would have got you a match in the last round.";
  const changes = inList(whatIf.changes.map((c) => CHANGE_WORDS[c].requester));
  const n = whatIf.displaced.length;
  const consequence =
    n === 0
      ? ""
      : `; ${n} other ${n === 1 ? "request" : "requests"} would then have lost ${n === 1 ? "its" : "their"} match`;
  return `You would have been matched with ${quoted(whatIf.offer)} in the last round if you ${changes}${consequence}.`;
}

function waitingForRequester({ nextQuarter }: StoredWhatIf): string | null {
  if (!nextQuarter) return null;
  const when = quarterWords(nextQuarter.quarter);
  return nextQuarter.offer
    ? `If you moved your dates to ${when}, you would be matched with ${quoted(nextQuarter.offer)}, with the other requests the last round left unmatched waiting too.`
    : `Moving your dates to ${when} would not get you a match either, with the other requests the last round left unmatched waiting too.`;
}
