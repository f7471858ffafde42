import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { OutboxTable } from "~/components/outbox-table";
import { listOutbox, mailTransportConfigured } from "~/models/notification/outbox.server";

export const meta: MetaFunction = () => [{ title: "Mail outbox - Peerlink" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, { action: "outbox:view" });
  return json({ mails: await listOutbox(getDb()), transport: mailTransportConfigured() });
}

export default function Outbox() {
  const { mails, transport } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Mail outbox</h1>
      <p>
        {transport
          ? "Mail is sent from here by the configured mail service, within seconds of being queued. A temporary failure is tried again later; a permanent one is shown with its reason."
          : "No mail service is configured (set SMTP_URL, or NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID): mail waits here, and invitation links are shown to the person who invited and written to the server log."}
      </p>
      <OutboxTable mails={mails} />
    </>
  );
}
