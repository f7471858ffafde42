import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { getAuth, getDb } from "~/db.server";
import { countSessions, signOutEverywhere } from "~/models/account/sign-in.server";
import { SummaryList } from "~/components/summary-list";

export const meta: MetaFunction = () => [{ title: "Your account - Peerlink" }];

const ROLE_NAMES = { member: "Member", org_admin: "Organisation administrator", coordinator: "Coordinator", admin: "Service administrator" } as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, { action: "account:manage" });
  const sessions = await countSessions(getDb(), user.id);
  return json({ name: user.name, email: user.email, role: ROLE_NAMES[user.role], belongsTo: user.belongsToName, sessions });
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, { action: "account:manage" });
  const cookie = await signOutEverywhere(getAuth(), user.id);
  return redirect("/login", { headers: { "Set-Cookie": cookie } });
}

export default function Account() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Your account</h1>
      <SummaryList rows={[
          ["Name", data.name],
          ["Email address", data.email],
          ["Role", data.role],
          ["Belongs to", data.belongsTo ?? "The Peerlink service"],
          ["Signed-in sessions", String(data.sessions)],
        ]} />
      <h2>Two-factor sign-in</h2>
      <p>
        <a className="nhsuk-link" href="/account/two-factor">Set up or manage two-factor sign-in</a>
      </p>
      <h2>Sign out everywhere</h2>
      <p>If you signed in on a shared or lost device, end every session, including this one.</p>
      <Form method="post">
        <button className="nhsuk-button nhsuk-button--warning" type="submit">
          Sign out everywhere
        </button>
      </Form>
    </>
  );
}
