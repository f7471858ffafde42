import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { can } from "~/auth/policy";
import { ChoiceField, SelectField, TextField } from "~/components/form";
import { OfferCard } from "~/components/offer-summary";
import { Pagination } from "~/components/pagination";
import { getDb } from "~/db.server";
import { browseOffers, offerChoices, organisationName } from "~/models/offer/queries.server";
import { listIcbs, listRegions, organisationRef } from "~/models/organisation/organisations.server";
import { COST_MODELS, OFFER_SORTS, offerFiltersSchema } from "~/schemas/offer";

export const meta: MetaFunction = () => [{ title: "Offers - Peerlink" }];

const PAGE_SIZE = 20;

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, { action: "offer:view" });
  const filters = offerFiltersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const db = getDb();
  const own = actor.organisationId ? await organisationRef(db, actor.organisationId) : undefined;
  const canPublish = own ? can(actor, { action: "offer:create", organisation: own }) : false;
  const [result, choices, regions, icbs, pioneer] = await Promise.all([
    // A pioneer also sees its own paused and closed offers, tagged, so it knows how its list looks.
    browseOffers(db, { ...filters, pageSize: PAGE_SIZE, includeAllFor: canPublish && own ? own.id : null }),
    offerChoices(db),
    listRegions(db),
    listIcbs(db),
    filters.organisation ? organisationName(db, filters.organisation) : null,
  ]);
  // Only what the filters show goes to the page: its data is sent again for hydration.
  const named = <T extends { name: string }>(items: T[], key: (item: T) => string) =>
    items.map((item) => ({ value: key(item), label: item.name }));
  return json({
    ...result,
    filters,
    capabilities: named(choices.capabilities, (c) => c.id),
    formats: named(choices.formats, (f) => f.code),
    regions: named(regions, (r) => r.code),
    icbs: named(icbs, (i) => i.code),
    pioneer,
    canPublish,
  });
}

const anyOf = (label: string, items: { value: string; label: string }[]) => [{ value: "", label }, ...items];

export default function Offers() {
  const { rows, total, filters, capabilities, formats, regions, icbs, pioneer, canPublish } =
    useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <>
      <h1>Outreach offers</h1>
      {canPublish ? (
        <p>
          <Link to="/offers/new">Publish an offer</Link> or see{" "}
          <Link to="/offers/mine">your organisation&apos;s offers</Link>.
        </p>
      ) : null}
      <Form method="get" className="peerlink-filters" role="search" aria-label="Filter offers">
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-one-half">
            <TextField
              name="q"
              label="Words in the title or description, or the pioneer trust's name"
              type="search"
              defaultValue={filters.q ?? ""}
            />
          </div>
          <div className="nhsuk-grid-column-one-half">
            <SelectField
              name="capability"
              label="Capability"
              defaultValue={filters.capability ?? ""}
              options={anyOf("Any capability", capabilities)}
            />
          </div>
        </div>
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-one-third">
            <SelectField
              name="format"
              label="Format"
              defaultValue={filters.format ?? ""}
              options={anyOf("Any format", formats)}
            />
          </div>
          <div className="nhsuk-grid-column-one-third">
            <SelectField
              name="cost"
              label="Cost"
              defaultValue={filters.cost ?? ""}
              options={anyOf(
                "Any cost",
                COST_MODELS.map((c) => ({ value: c.value, label: c.label })),
              )}
            />
          </div>
          {/* A list of every pioneer trust would run to hundreds of options; their names are searchable instead. */}
          {filters.organisation && pioneer ? (
            <div className="nhsuk-grid-column-one-third">
              <input type="hidden" name="organisation" value={filters.organisation} />
              <p className="nhsuk-body-s">
                Showing offers from {pioneer}. <Link to="/offers">Show every pioneer trust</Link>
              </p>
            </div>
          ) : null}
        </div>
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-one-third">
            <SelectField
              name="region"
              label="NHS England region"
              defaultValue={filters.region ?? ""}
              options={anyOf("Any region", regions)}
            />
          </div>
          <div className="nhsuk-grid-column-one-third">
            <SelectField
              name="icb"
              label="Integrated care board"
              defaultValue={filters.icb ?? ""}
              options={anyOf("Any integrated care board", icbs)}
            />
          </div>
          <div className="nhsuk-grid-column-one-third">
            <SelectField
              name="sort"
              label="Sort by"
              defaultValue={filters.sort}
              options={OFFER_SORTS.map((s) => ({ value: s.value, label: s.label }))}
            />
          </div>
        </div>
        <ChoiceField
          kind="checkbox"
          name="virtual"
          legend="Online"
          small
          options={[{ value: "1", label: "Only offers that can run virtually" }]}
          selected={filters.virtual ? ["1"] : []}
        />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Apply filters
        </button>
      </Form>
      <p>
        {total} offer{total === 1 ? "" : "s"} found
      </p>
      {rows.length > 0 ? (
        <ul className="nhsuk-list">
          {rows.map((offer) => (
            <OfferCard key={offer.id} offer={offer} />
          ))}
        </ul>
      ) : null}
      <Pagination page={filters.page} pageSize={PAGE_SIZE} total={total} search={search} />
    </>
  );
}
