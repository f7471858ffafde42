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
      <table role="table" className="nhsuk-table-responsive">
        <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
          Lowest fit among matched requests and flagged trusts helped, with and without priority to greatest need
        </caption>
        <thead className="nhsuk-table__head">
          <tr role="row" className="nhsuk-table__row">
            <th role="columnheader" scope="col" className="nhsuk-table__header">
              Plan
            </th>
            <th role="columnheader" scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
              Lowest fit among matched requests
            </th>
            <th role="columnheader" scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
              Requests from flagged trusts helped
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {columns.map((c) => (
            <tr role="row" className="nhsuk-table__row" key={c.heading}>
              <td className="nhsuk-table__cell">
                <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                  Plan{" "}
                </span>
                {c.heading}
              </td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">
                <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                  Lowest fit among matched requests{" "}
                </span>
                {lowest(c.figures)}
              </td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">
                <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                  Requests from flagged trusts helped{" "}
                </span>
                {flagged(c.figures)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
