import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound } from "~/auth/guards.server";
import { GUIDES, isGuideRole } from "~/help/guides";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Help"} - Peerlink` }];

export async function loader({ params }: LoaderFunctionArgs) {
  if (!isGuideRole(params.role)) throw notFound();
  return json(GUIDES[params.role]);
}

export default function RoleHelp() {
  const guide = useLoaderData<typeof loader>();
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>{guide.title}</h1>
        <ol className="nhsuk-list nhsuk-list--number">
          {guide.steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
        <p>
          Words such as capability, pioneer, round, engagement, impact and quarter are explained in the{" "}
          <Link to="/help/glossary">glossary</Link>.
        </p>
        <p>
          <Link to="/help">All help</Link>
        </p>
      </div>
    </div>
  );
}
