import type { MetaFunction } from "@remix-run/node";

export const meta: MetaFunction = () => [{ title: "Accessibility statement - Peerlink" }];

export default function Accessibility() {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Accessibility statement</h1>
        <p>
          Peerlink is built with the NHS.UK design system and aims to meet the Web Content Accessibility Guidelines
          (WCAG) 2.2 at level AA.
        </p>
        <p>
          Every page works without JavaScript, can be used with a keyboard alone, and is checked automatically for
          accessibility problems each time the service changes.
        </p>
        <p>If you find a page hard to use, tell the Peerlink team so it can be fixed.</p>
      </div>
    </div>
  );
}
