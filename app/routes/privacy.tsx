import type { MetaFunction } from "@remix-run/node";

export const meta: MetaFunction = () => [{ title: "Privacy and cookies - Peerlink" }];

export default function Privacy() {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Privacy and cookies</h1>
        <p>Peerlink sets one cookie, which keeps you signed in. It ends when you sign out, after 30 minutes without activity, or after 12 hours at most.</p>
        <p>Peerlink holds the names and work email addresses of its users and information about NHS organisations. It holds no patient data.</p>
      </div>
    </div>
  );
}
