import type { RoundSummary } from "~/models/matching/rounds.server";
import { displayScore } from "~/matching/score";
import type { WorstOff } from "~/matching/need";

const lowest = (w: WorstOff) => (w.lowestFit === null ? "No request matched" : String(displayScore(w.lowestFit)));
const flagged = (w: WorstOff) => `${w.flaggedHelped} of ${w.flaggedRequests}`;

/** How the worst-off requests fared, as run and with "Give priority to greatest need" the other way. */
export function WorstOffSection({ summary }: { summary: RoundSummary }) {
  if (!summary.worstOff) return null;
  const { asRun, otherWay } = summary.worstOff;
  const on = summary.needPriority === true;
  const columns = [
    { heading: `As run (${on ? "with" : "without"} priority to greatest need)`, figures: asRun },
    { heading: `${on ? "Without" : "With"} priority to greatest need`, figures: otherWay },
  ];
  return (
    <section aria-labelledby="worst-off">
      <h2 id="worst-off">How the worst-off requests fared</h2>
      <p>
        This round was run {on ? "giving" : "without giving"} priority to greatest need. The same requests and offers
        were also solved the other way, for comparison.
      </p>
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
          Lowest fit among matched requests and flagged trusts helped, with and without priority to greatest need
        </caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">
              Plan
            </th>
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
              Lowest fit among matched requests
            </th>
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
              Requests from flagged trusts helped
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {columns.map((c) => (
            <tr className="nhsuk-table__row" key={c.heading}>
              <td className="nhsuk-table__cell">{c.heading}</td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{lowest(c.figures)}</td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{flagged(c.figures)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
