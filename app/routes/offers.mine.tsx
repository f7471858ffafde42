import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { assertCan, forbidden, requireSignedIn } from "~/auth/guards.server";
import { capacityText, OfferStatusTag } from "~/components/offer-summary";
import { getDb } from "~/db.server";
import { formatDate } from "~/lib/dates";
import { listOrganisationOffers } from "~/models/offer/queries.server";
import { getOrganisation } from "~/models/organisation/organisations.server";

export const meta: MetaFunction = () => [{ title: "Our offers - Peerlink" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  const db = getDb();
  const organisation = actor.organisationId ? await getOrganisation(db, actor.organisationId) : undefined;
  if (!organisation) throw forbidden();
  assertCan(actor, {
    action: "offer:create",
    organisation: { id: organisation.id, regionCode: organisation.region_code, icbCode: organisation.icb_code },
  });
  return json({ organisationName: organisation.name, offers: await listOrganisationOffers(db, organisation.id) });
}

export default function OurOffers() {
  const { organisationName, offers } = useLoaderData<typeof loader>();
  return (
    <>
      <span className="nhsuk-caption-l">{organisationName}</span>
      <h1>Our offers</h1>
      <Link className="nhsuk-button" to="/offers/new">
        Publish an offer
      </Link>
      {offers.length === 0 ? (
        <p>Your organisation has not published any offers yet.</p>
      ) : (
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
            Offers published by {organisationName}, in every status
          </caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">
                Offer
              </th>
              <th scope="col" className="nhsuk-table__header">
                Status
              </th>
              <th scope="col" className="nhsuk-table__header">
                Format
              </th>
              <th scope="col" className="nhsuk-table__header">
                Capacity
              </th>
              <th scope="col" className="nhsuk-table__header">
                Published
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {offers.map((o) => (
              <tr className="nhsuk-table__row" key={o.id}>
                <td className="nhsuk-table__cell">
                  <Link to={`/offers/${o.id}`}>{o.title}</Link>
                </td>
                <td className="nhsuk-table__cell">
                  <OfferStatusTag status={o.status} />
                  {o.status === "paused" && o.pausedUntil ? (
                    <div className="nhsuk-u-font-size-16">until {formatDate(o.pausedUntil)}</div>
                  ) : null}
                </td>
                <td className="nhsuk-table__cell">{o.formatName}</td>
                <td className="nhsuk-table__cell">{capacityText(o.capacityPerQuarter)}</td>
                <td className="nhsuk-table__cell peerlink-nowrap">{formatDate(o.createdAt.slice(0, 10))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
