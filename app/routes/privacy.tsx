import type { MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { config } from "~/config.server";

export const meta: MetaFunction = () => [{ title: "Privacy and cookies - Peerlink" }];

export async function loader() {
  const { SESSION_IDLE_MINUTES, SESSION_ABSOLUTE_HOURS } = config();
  return json({ idleMinutes: SESSION_IDLE_MINUTES, absoluteHours: SESSION_ABSOLUTE_HOURS });
}

export default function Privacy() {
  const { idleMinutes, absoluteHours } = useLoaderData<typeof loader>();
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Privacy and cookies</h1>
        <p>
          Peerlink sets one cookie, which keeps you signed in. Your session ends when you sign out, after {idleMinutes}{" "}
          minutes without activity, or {absoluteHours} hours after you signed in, whichever comes first.
        </p>
        <p>
          Peerlink holds the names and work email addresses of its users and information about NHS organisations. It
          holds no patient data.
        </p>
      </div>
    </div>
  );
}
