import { Link } from "@remix-run/react";
import type { SideContacts } from "~/models/engagement/contacts.server";

function TrustContacts({ contacts }: { contacts: SideContacts }) {
  const { lead, attendees } = contacts;
  return (
    <div className="nhsuk-card">
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading nhsuk-heading-s">{contacts.organisationName}</h3>
        {lead ? (
          <dl className="nhsuk-summary-list">
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Lead contact</dt>
              <dd className="nhsuk-summary-list__value">{lead.name}</dd>
            </div>
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Email</dt>
              <dd className="nhsuk-summary-list__value">
                <a href={`mailto:${lead.email}`}>{lead.email}</a>
              </dd>
            </div>
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Phone</dt>
              <dd className="nhsuk-summary-list__value">
                <a href={`tel:${lead.phone.replace(/[^+0-9]/g, "")}`}>{lead.phone}</a>
              </dd>
            </div>
          </dl>
        ) : (
          <p>No lead contact named yet.</p>
        )}
        <p className="nhsuk-body-s">
          {attendees.length
            ? `Invited to sessions: ${attendees.map((a) => a.name).join(", ")}.`
            : "No session attendees named: every member of the trust is sent the calendar invitations."}
        </p>
      </div>
    </div>
  );
}

/** Both trusts' leads and session attendees; a trust's own people may change theirs. */
export function EngagementContacts({
  engagementId,
  contacts,
  canChange,
}: {
  engagementId: string;
  contacts: { requester: SideContacts; pioneer: SideContacts };
  canChange: boolean;
}) {
  return (
    <section aria-labelledby="contacts-heading">
      <h2 id="contacts-heading">Contacts</h2>
      <TrustContacts contacts={contacts.requester} />
      <TrustContacts contacts={contacts.pioneer} />
      {canChange ? (
        <p>
          <Link to={`/engagements/${engagementId}/contacts`}>
            Change your trust's lead contact and session attendees
          </Link>
        </p>
      ) : null}
    </section>
  );
}
