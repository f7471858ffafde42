import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { capacityText } from "~/components/offer-summary";
import { type OfferStatus } from "~/domain/offer-availability";
import { formatDate } from "~/lib/dates";
import { costLabel } from "~/schemas/offer";

export interface OfferDetailsData {
  organisationId: string;
  organisationName: string;
  regionName: string | null;
  icbName: string | null;
  formatName: string;
  formatIsVirtual: boolean;
  virtualOk: boolean;
  costModel: string;
  feePence: number | null;
  capacityPerQuarter: number;
  capabilities: { id: string; name: string; evidence: string }[];
  audiences: { code: string; name: string }[];
  windows: { start: string; end: string }[];
  contactName: string;
  contactEmail: string;
}

const range = (w: { start: string; end: string }) =>
  w.start === w.end ? formatDate(w.start) : `${formatDate(w.start)} to ${formatDate(w.end)}`;

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className="nhsuk-summary-list__value">{children}</dd>
    </div>
  );
}

export function OfferDetails({ offer }: { offer: OfferDetailsData }) {
  const virtual = offer.formatIsVirtual
    ? "Yes, it is a virtual format"
    : offer.virtualOk
      ? "Yes, it can also run virtually"
      : "No, in person only";
  return (
    <dl className="nhsuk-summary-list">
      <Row label="Pioneer trust">
        <Link to={`/organisations/${offer.organisationId}`}>{offer.organisationName}</Link>
      </Row>
      <Row label="Capabilities">
        <ul className="nhsuk-list">
          {offer.capabilities.map((c) => (
            <li key={c.id}>
              {c.name}
              {c.evidence ? <div className="nhsuk-hint nhsuk-u-margin-bottom-0">{c.evidence}</div> : null}
            </li>
          ))}
        </ul>
      </Row>
      <Row label="Format">{offer.formatName}</Row>
      <Row label="Who it is for">{offer.audiences.map((a) => a.name).join(", ")}</Row>
      <Row label="Capacity">{capacityText(offer.capacityPerQuarter)}</Row>
      <Row label="Cost">{costLabel(offer.costModel, offer.feePence)}</Row>
      <Row label="Location">{[offer.regionName ?? "Region not known", offer.icbName].filter(Boolean).join(", ")}</Row>
      <Row label="Virtual">{virtual}</Row>
      <Row label="Available">
        <ul className="nhsuk-list">
          {offer.windows.map((w) => (
            <li key={w.start}>{range(w)}</li>
          ))}
        </ul>
      </Row>
      <Row label="Contact">
        {offer.contactName}, <a href={`mailto:${offer.contactEmail}`}>{offer.contactEmail}</a>
      </Row>
    </dl>
  );
}

const STATUS_WORDS: Record<OfferStatus, string> = { published: "Published", paused: "Paused", closed: "Closed" };

/** Every status change and edit, oldest first. */
export function OfferHistory({
  events,
}: {
  events: {
    id: string;
    from: OfferStatus | null;
    to: OfferStatus;
    actorName: string | null;
    note: string;
    createdAt: string;
  }[];
}) {
  return (
    <>
      <h2>History</h2>
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Changes to this offer</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">
              When
            </th>
            <th scope="col" className="nhsuk-table__header">
              Status
            </th>
            <th scope="col" className="nhsuk-table__header">
              By
            </th>
            <th scope="col" className="nhsuk-table__header">
              Note
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {events.map((e) => (
            <tr className="nhsuk-table__row" key={e.id}>
              <td className="nhsuk-table__cell peerlink-nowrap">{formatDate(e.createdAt.slice(0, 10))}</td>
              <td className="nhsuk-table__cell">
                {e.from && e.from !== e.to ? `${STATUS_WORDS[e.from]} to ${STATUS_WORDS[e.to]}` : STATUS_WORDS[e.to]}
              </td>
              <td className="nhsuk-table__cell">{e.actorName ?? "Peerlink"}</td>
              <td className="nhsuk-table__cell">{e.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
