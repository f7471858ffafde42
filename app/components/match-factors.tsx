import type { Alternative, Factor } from "~/matching/types";

const points = (value: number) => (Math.round(value * 10) / 10).toString();

/** Every factor of a pair's score in plain words, with its share of the score. */
export function MatchFactors({ factors: all, caption }: { factors: Factor[]; caption: string }) {
  // The greatest-need priority steers the plan but is not part of the fit score: shown apart.
  const factors = all.filter((f) => f.key !== NEED_KEY);
  const need = all.find((f) => f.key === NEED_KEY);
  if (factors.length === 0) return null;
  return (
    <>
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">{caption}</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">
              Factor
            </th>
            <th scope="col" className="nhsuk-table__header">
              What we found
            </th>
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
              Points
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {factors.map((f) => (
            <tr className="nhsuk-table__row" key={f.key}>
              <td className="nhsuk-table__cell">{f.label}</td>
              <td className="nhsuk-table__cell">{f.text}</td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">
                {points(f.points)} of {points(f.weight)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {need ? (
        <p>
          {need.text} ({points(need.points)} of {points(need.weight)} extra points in the plan, not part of the fit
          score).
        </p>
      ) : null}
    </>
  );
}

const NEED_KEY = "need";

/** The best offers not chosen for a request, and why. */
export function MatchAlternatives({ alternatives }: { alternatives: Alternative[] }) {
  if (alternatives.length === 0) return <p>No other eligible offer was found.</p>;
  return (
    <ul className="nhsuk-list nhsuk-list--bullet">
      {alternatives.map((a) => (
        <li key={a.offerId}>
          <strong>{a.offerTitle}</strong>, {a.organisationName}: fit score {Math.round(a.score)}. {a.note}
        </li>
      ))}
    </ul>
  );
}
