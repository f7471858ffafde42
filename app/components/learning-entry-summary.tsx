import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { formatDate } from "~/lib/dates";
import { SummaryList } from "./summary-list";

export interface LearningEntrySummaryData {
  engagementId: string;
  organisationName: string;
  authorName: string;
  requesterName: string;
  pioneerName: string;
  offerTitle: string;
  createdAt: string;
  updatedAt: string;
  capabilities: { id: string; name: string }[];
  links: { id: string; title: string; url: string }[];
}

/** Who recorded an entry and when, the engagement it came from, its capabilities and the links shared. */
export function LearningEntrySummary({
  entry,
  linkToEngagement,
}: {
  entry: LearningEntrySummaryData;
  linkToEngagement: boolean;
}) {
  const engagement = `${entry.requesterName} learning from ${entry.pioneerName} (${entry.offerTitle})`;
  const rows: [string, ReactNode][] = [
    ["Engagement", linkToEngagement ? <Link to={`/engagements/${entry.engagementId}`}>{engagement}</Link> : engagement],
    ["Recorded by", `${entry.authorName}, ${entry.organisationName}, on ${formatDate(entry.createdAt.slice(0, 10))}`],
    ["Capabilities", entry.capabilities.map((c) => c.name).join(", ")],
  ];
  if (entry.updatedAt.slice(0, 10) !== entry.createdAt.slice(0, 10))
    rows.push(["Last changed", formatDate(entry.updatedAt.slice(0, 10))]);
  rows.push([
    "Tools and documents",
    entry.links.length ? (
      <ul className="nhsuk-list">
        {entry.links.map((link) => (
          <li key={link.id}>
            {/* Only http and https addresses are stored, and they open outside Peerlink. */}
            <a href={link.url} rel="noopener noreferrer nofollow external">
              {link.title}
            </a>
          </li>
        ))}
      </ul>
    ) : (
      "None shared"
    ),
  ]);
  return <SummaryList rows={rows} />;
}
