import { Link } from "@remix-run/react";
import type { OfferStatus } from "~/domain/offer-availability";
import { formatDate } from "~/lib/dates";
import { costLabel } from "~/schemas/offer";

const TAGS: Record<OfferStatus, { label: string; colour: string }> = {
  published: { label: "Published", colour: "green" },
  paused: { label: "Paused", colour: "yellow" },
  closed: { label: "Closed", colour: "grey" },
};

export function OfferStatusTag({ status }: { status: OfferStatus }) {
  const tag = TAGS[status];
  return <strong className={`nhsuk-tag nhsuk-tag--${tag.colour}`}>{tag.label}</strong>;
}

export const pausedUntilText = (pausedUntil: string | null) =>
  pausedUntil ? `Paused until ${formatDate(pausedUntil)}` : "Paused";

export const capacityText = (capacity: number) => `${capacity} request${capacity === 1 ? "" : "s"} per quarter`;

/** The fields every offer listing shows; serialisable, so loaders can pass it straight through. */
export interface OfferCardData {
  id: string;
  title: string;
  organisationName: string;
  regionName: string | null;
  icbName: string | null;
  formatName: string;
  runsVirtually: boolean;
  costModel: string;
  feePence: number | null;
  capacityPerQuarter: number;
  status: OfferStatus;
  pausedUntil: string | null;
  capabilities: { id: string; name: string }[];
}

/** One offer in a list: title, pioneer trust, format, capabilities, place, virtual, cost and capacity. */
export function OfferCard({ offer }: { offer: OfferCardData }) {
  const rows: [string, string][] = [
    ["Pioneer trust", offer.organisationName],
    ["Format", offer.formatName],
    ["Capabilities", offer.capabilities.map((c) => c.name).join(", ")],
    ["Region", [offer.regionName ?? "Not known", offer.icbName].filter(Boolean).join(", ")],
    ["Can run virtually", offer.runsVirtually ? "Yes" : "No"],
    ["Cost", costLabel(offer.costModel, offer.feePence)],
    ["Capacity", capacityText(offer.capacityPerQuarter)],
  ];
  return (
    <li className="nhsuk-card">
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading nhsuk-heading-m">
          <Link to={`/offers/${offer.id}`}>{offer.title}</Link>
        </h2>
        {offer.status !== "published" ? (
          <p>
            <OfferStatusTag status={offer.status} />{" "}
            {offer.status === "paused" ? pausedUntilText(offer.pausedUntil) : null}
          </p>
        ) : null}
        <dl className="nhsuk-summary-list nhsuk-summary-list--no-border nhsuk-u-margin-bottom-0">
          {rows.map(([key, value]) => (
            <div className="nhsuk-summary-list__row" key={key}>
              <dt className="nhsuk-summary-list__key">{key}</dt>
              <dd className="nhsuk-summary-list__value">{value}</dd>
            </div>
          ))}
        </dl>
      </div>
    </li>
  );
}
