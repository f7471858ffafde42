import type { MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { config } from "~/config.server";
import { INVITATION_DAYS } from "~/models/account/invitations.server";
import { RESET_LINK_MINUTES } from "~/models/account/password-reset.server";

export const meta: MetaFunction = () => [{ title: "Privacy and cookies - Peerlink" }];

export async function loader() {
  const { SESSION_IDLE_MINUTES, SESSION_ABSOLUTE_HOURS } = config();
  return json({
    idleMinutes: SESSION_IDLE_MINUTES,
    absoluteHours: SESSION_ABSOLUTE_HOURS,
    invitationDays: INVITATION_DAYS,
    resetMinutes: RESET_LINK_MINUTES,
  });
}

export default function Privacy() {
  const { idleMinutes, absoluteHours, invitationDays, resetMinutes } = useLoaderData<typeof loader>();
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Privacy and cookies</h1>
        <h2>Cookies</h2>
        <p>
          Peerlink sets one cookie, which keeps you signed in. Your session ends when you sign out, after {idleMinutes}{" "}
          minutes without activity, or {absoluteHours} hours after you signed in, whichever comes first.
        </p>

        <h2>What Peerlink holds and why</h2>
        <p>
          Peerlink holds information about NHS organisations and the people who use it for them. It holds no patient
          data. About you it holds:
        </p>
        <ul>
          <li>
            your name, work email address, role and the organisation or coordinating body you belong to, so you can sign
            in and your colleagues know who did what;
          </li>
          <li>
            when each of your sessions started and was last used, and whether you set up two-factor sign-in and any NHS
            identity you linked, to keep your account safe;
          </li>
          <li>your notifications, your mail choices and the mail sent to you;</li>
          <li>
            what you record for your organisation: assessments, requests, offers, decisions and their reasons, sessions,
            questionnaire answers, learning and feedback;
          </li>
          <li>
            an audit log of security events and administrative changes, such as sign-ins, password changes and role
            changes.
          </li>
        </ul>

        <h2>How long it is kept</h2>
        <ul>
          <li>
            Failed sign-in attempts and password reset requests, kept to slow down guessing, are deleted once they are a
            day old (when the next attempt or request is made).
          </li>
          <li>
            A password reset link works for {resetMinutes} minutes and an invitation link for {invitationDays} days.
            Only a fingerprint of each link is stored.
          </li>
          <li>
            A session's record is deleted when you sign out, or when its browser comes back after it ended; otherwise it
            stays until you are erased.
          </li>
          <li>
            Your account, notifications, mail and what you recorded for your organisation are not deleted automatically:
            they are kept while your organisation takes part in Peerlink, or until you are erased.
          </li>
          <li>
            The audit log is kept permanently and cannot be changed. It names people only by an internal reference
            number, never by name or email address.
          </li>
        </ul>

        <h2>Get a copy of your data</h2>
        <p>
          Signed in, go to <a href="/account">Your account</a> and choose &ldquo;Download everything Peerlink holds
          about you&rdquo;. You get a JSON file with your profile, sessions, two-factor and NHS identity details (never
          your keys or codes), notifications, mail, what you recorded and the audit events about you.
        </p>

        <h2>Ask for your data to be erased</h2>
        <p>
          Ask your organisation&apos;s administrator or your coordinator to pass your request to a Peerlink service
          administrator, or contact the Peerlink team. An administrator confirms who you are and erases you:
        </p>
        <ul>
          <li>your name becomes &ldquo;Former user&rdquo; and your email address is removed;</li>
          <li>
            you can no longer sign in, and your sessions, two-factor details, linked identities, notifications, mail
            choices and the mail sent to you are deleted;
          </li>
          <li>where you were named as a contact for an engagement or an offer, that is removed;</li>
          <li>
            what you recorded for your organisation stays, because it belongs to your organisation&apos;s work, shown as
            written by a former user;
          </li>
          <li>the audit log records that you were erased, without your name or email address.</li>
        </ul>
        <p>Erasure cannot be undone. Download your data first if you want a copy.</p>
      </div>
    </div>
  );
}
