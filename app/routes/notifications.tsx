import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { MatchFlash, type Flash } from "~/components/match-flash";
import { Pagination } from "~/components/pagination";
import { getDb } from "~/db.server";
import { formatDateInEngland } from "~/lib/dates";
import { readForm, parseForm } from "~/lib/forms";
import { listNotifications, markRead, NOTIFICATIONS_PAGE_SIZE } from "~/models/notification/notifications.server";
import { notificationActionSchema, pageSchema } from "~/schemas/matching";

export const meta: MetaFunction = () => [{ title: "Notifications - Peerlink" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, { action: "notification:list" });
  const { page } = pageSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  // The page size travels with the data: a constant from a server module does not reach the browser bundle.
  return json({ page, pageSize: NOTIFICATIONS_PAGE_SIZE, ...(await listNotifications(getDb(), actor.id, page)) });
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requirePermission(request, { action: "notification:list" });
  const form = parseForm(notificationActionSchema, await readForm(request));
  if (!form.ok)
    return json({ flash: { kind: "error", text: Object.values(form.errors)[0] } satisfies Flash }, { status: 400 });
  const marked = await markRead(getDb(), actor.id, form.data.intent === "read-all" ? "all" : [form.data.id]);
  const flash: Flash = {
    kind: "success",
    text: marked === 1 ? "1 notification marked as read." : `${marked} notifications marked as read.`,
  };
  return json({ flash });
}

export default function Notifications() {
  const { rows, total, page, pageSize } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { search } = useLocation();
  const unread = rows.some((n) => !n.read_at);
  return (
    <>
      <MatchFlash flash={data?.flash} />
      <h1>Notifications</h1>
      {unread ? (
        <Form method="post">
          <input type="hidden" name="intent" value="read-all" />
          <button className="nhsuk-button nhsuk-button--secondary" type="submit">
            Mark all as read
          </button>
        </Form>
      ) : null}
      {rows.length === 0 ? <p>You have no notifications.</p> : null}
      <ul className="nhsuk-list">
        {rows.map((n) => (
          <li key={n.id} className="nhsuk-card">
            <div className="nhsuk-card__content">
              <h2 className="nhsuk-card__heading nhsuk-heading-s">
                {n.link ? <Link to={n.link}>{n.title}</Link> : n.title}{" "}
                {n.read_at ? null : <strong className="nhsuk-tag nhsuk-tag--blue">New</strong>}
              </h2>
              <p className="nhsuk-card__description">{n.body}</p>
              <p className="nhsuk-body-s">{formatDateInEngland(n.created_at)}</p>
              {n.read_at ? null : (
                <Form method="post" className="peerlink-inline-form">
                  <input type="hidden" name="intent" value="read" />
                  <input type="hidden" name="id" value={n.id} />
                  <button className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="submit">
                    Mark as read<span className="nhsuk-u-visually-hidden">: {n.title}</span>
                  </button>
                </Form>
              )}
            </div>
          </li>
        ))}
      </ul>
      <Pagination page={page} pageSize={pageSize} total={total} search={search} />
    </>
  );
}
