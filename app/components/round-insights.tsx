import { Link } from "@remix-run/react";
import type { OneMorePlace, PairChange, WhyNot } from "~/matching/insights";

// What a coordinator can ask about a round: where one more place would help, and why a pair was not matched.

/** Offers where one more place would get one more request matched, grouped by pioneer trust. */
export function OneMorePlaceSection({ places, heading = "h2" }: { places: OneMorePlace[]; heading?: "h2" | "h3" }) {
  const Heading = heading;
  const trusts = new Map<string, OneMorePlace[]>();
  for (const place of places)
    trusts.set(place.organisationName, [...(trusts.get(place.organisationName) ?? []), place]);
  return (
    <section aria-labelledby="one-more-place">
      <Heading id="one-more-place">Where one more place would help</Heading>
      {places.length === 0 ? (
        <p>When the round ran, no single extra place on an open offer would have got another request matched.</p>
      ) : (
        <>
          <p>
            Asking these pioneer trusts for one more place this quarter would get one more request matched. Worked out
            when the round ran.
          </p>
          {[...trusts].map(([trust, offers]) => (
            <div key={trust}>
              <h3 className="nhsuk-heading-s">{trust}</h3>
              <ul>
                {offers.map((place) => (
                  <li key={place.offerId}>{place.text}</li>
                ))}
              </ul>
            </div>
          ))}
        </>
      )}
    </section>
  );
}

/** From a proposal or an unmatched row of the round page to the "why not" page for its request. */
export function WhyNotLink({ requestId, requestTitle }: { requestId: string; requestTitle: string }) {
  return (
    <p>
      <Link to={`why-not?${new URLSearchParams({ request: requestId })}`} relative="path">
        Why not another offer?
        <span className="nhsuk-u-visually-hidden"> For &ldquo;{requestTitle}&rdquo;</span>
      </Link>
    </p>
  );
}

const pairWords = (p: PairChange) =>
  `${p.requestTitle} (${p.requestOrganisation}) with ${p.offerTitle} (${p.offerOrganisation}), fit ${Math.round(p.fit)}`;

/** The proposals the best plan would gain and lose if a pair were forced in. */
export function PlanChanges({ answer }: { answer: Extract<WhyNot, { kind: "costly" }> }) {
  return (
    <ul>
      {answer.added.map((p) => (
        <li key={`add-${p.requestId}-${p.offerId}`}>Proposed: {pairWords(p)}</li>
      ))}
      {answer.removed.map((p) => (
        <li key={`drop-${p.requestId}-${p.offerId}`}>No longer proposed: {pairWords(p)}</li>
      ))}
    </ul>
  );
}

/** The answer to "why not this offer?" in words, with the proposals forcing the pair would change. */
export function WhyNotAnswer({ answer, pair }: { answer: WhyNot; pair: string }) {
  return (
    <div className="nhsuk-inset-text" id="why-not-answer">
      <span className="nhsuk-u-visually-hidden">Answer: </span>
      <h2 className="nhsuk-heading-m">{pair}</h2>
      <p>{answer.text}.</p>
      {answer.kind === "costly" ? (
        <>
          <h3 className="nhsuk-heading-s">What would change</h3>
          <PlanChanges answer={answer} />
        </>
      ) : null}
    </div>
  );
}
