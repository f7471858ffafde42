import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { ErrorSummary, SubmitButton } from "~/components/form";
import { Pagination } from "~/components/pagination";
import { PeopleTable } from "~/components/people-table";
import { publicUrl } from "~/config.server";
import { getDb } from "~/db.server";
import { refusalErrors } from "~/lib/error-response.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formatDateTimeInEngland } from "~/lib/dates";
import { parseForm, readForm } from "~/lib/forms";
import { safeRedirect } from "~/lib/redirect";
import { listPeople } from "~/models/account/administration.server";
import { mailTransportConfigured } from "~/models/notification/outbox.server";
import { resendInvitation, withdrawInvitation } from "~/models/account/waiting-invitations.server";
import { invitationActionSchema, peopleQuerySchema } from "~/schemas/account-admin";

export const meta: MetaFunction = () => [{ title: "Users - Peerlink" }];

const PAGE_SIZE = 25;

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, { action: "user:directory" });
  const query = peopleQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { rows, total } = await listPeople(getDb(), actor, { search: query.q, page: query.page, pageSize: PAGE_SIZE });
  return json({
    search: query.q,
    page: query.page,
    total,
    everyone: actor.role === "admin",
    rows: rows.map((r) => ({
      ...r,
      lastSignIn: r.last_sign_in_at ? formatDateTimeInEngland(r.last_sign_in_at) : null,
    })),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { actor } = await requirePermission(request, { action: "user:directory" });
  const formData = await readForm(request);
  const form = parseForm(invitationActionSchema, formData);
  if (!form.ok) return json({ errors: { form: Object.values(form.errors)[0] } }, { status: 400 });
  // Back to the same search and page the button was pressed on.
  const back = safeRedirect(`/admin/users${new URL(request.url).search}`);
  const change = { invitationId: form.data.invitationId, clientAddress: context.clientAddress ?? null };
  try {
    if (form.data.intent === "withdraw") {
      const { email } = await withdrawInvitation(getDb(), actor, change);
      return redirectWithFlash(back, `The invitation for ${email} has been withdrawn. Its link no longer works.`);
    }
    const { email, link } = await resendInvitation(getDb(), actor, { ...change, baseUrl: publicUrl() });
    if (!mailTransportConfigured()) console.log(`Invitation for ${email}: ${link}`);
    return redirectWithFlash(back, {
      kind: "success",
      text: `A new invitation for ${email} has been placed in the outbox. The earlier link no longer works.`,
      items: mailTransportConfigured()
        ? undefined
        : [`No mail service is set up yet, so send this link to them yourself: ${link}`],
    });
  } catch (error) {
    return json({ errors: refusalErrors(error) }, { status: 400 });
  }
}

export default function Users() {
  const { rows, total, page, search, everyone } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const location = useLocation();
  return (
    <>
      <ErrorSummary errors={data?.errors} />
      <h1>Users</h1>
      <p>
        {everyone
          ? "Everyone with a Peerlink account, and invitations waiting to be accepted."
          : "The people of your organisation, and invitations waiting to be accepted."}
      </p>
      <Link className="nhsuk-button" to="/invitations/new">
        Invite someone
      </Link>
      <Form method="get" role="search" className="nhsuk-u-margin-bottom-5">
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="q">
            Search by name or email
          </label>
          <input
            className="nhsuk-input nhsuk-input--width-20"
            id="q"
            name="q"
            type="search"
            spellCheck={false}
            defaultValue={search}
          />
        </div>
        <SubmitButton secondary>Search</SubmitButton>
      </Form>
      {rows.length === 0 ? (
        <p>{search ? `No one matches "${search}".` : "No one yet."}</p>
      ) : (
        <PeopleTable
          rows={rows}
          caption={`${total} ${total === 1 ? "person" : "people"}${search ? ` matching "${search}"` : ""}`}
          action={`/admin/users${location.search}`}
        />
      )}
      <Pagination page={page} pageSize={PAGE_SIZE} total={total} search={location.search} />
    </>
  );
}
