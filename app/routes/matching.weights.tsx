import { NEED_WEIGHT } from "~/matching/need";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireSignedIn } from "~/auth/guards.server";
import { describeWeights } from "~/matching/index";

export const meta: MetaFunction = () => [{ title: "How matches are scored - Peerlink" }];

/** Open to everyone signed in: trusts on both sides may see why a match was proposed. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireSignedIn(request);
  return json({ weights: describeWeights() });
}

export default function MatchingWeights() {
  const { weights } = useLoaderData<typeof loader>();
  const total = weights.reduce((sum, w) => sum + w.weight, 0);
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>How matches are scored</h1>
        <p>
          Some pairs are never proposed: an organisation and its own offer, offers that are paused or full, offers that
          share no capability with the request, help beyond the requester&apos;s travel limit or budget, and pairs a
          coordinator blocked or a pioneer declined.
        </p>
        <p>
          Every other pair gets a fit score out of {total}. Each factor below gives up to its weight in points. A round
          takes every pair a coordinator pinned first, then helps as many requests as it can, then chooses the pairs
          with the highest total fit. A coordinator approves each proposal, and the pioneer then accepts or declines.
        </p>
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption">Factors, heaviest first</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">
                Factor
              </th>
              <th scope="col" className="nhsuk-table__header">
                What it measures
              </th>
              <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
                Weight
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {weights.map((w) => (
              <tr className="nhsuk-table__row" key={w.key}>
                <td className="nhsuk-table__cell">{w.label}</td>
                <td className="nhsuk-table__cell">{w.measures}</td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{w.weight}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>Giving priority to greatest need</h2>
        <p>
          A round can be run with &quot;Give priority to greatest need&quot;. Each request then gets a need from 0 to 1:
          half if a coordinator flagged its trust as a priority for support (for example, the Recovery Support
          Programme), and half for low maturity on the capabilities it asks for (not started counts fully, excellent not
          at all, not assessed as three quarters). The round adds up to {NEED_WEIGHT} points times that need to every
          pair of the request. It is the same for each of the request&apos;s offers, so it never changes which offer
          suits a request best; it decides which requests get places that several want. It is not part of the fit score,
          and helping as many requests as possible still comes first.
        </p>
        <p>
          Every round page shows how the worst-off requests fared with and without the option: the lowest fit among
          matched requests and how many requests from flagged trusts were helped.
        </p>
      </div>
    </div>
  );
}
