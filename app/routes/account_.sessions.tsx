import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { ErrorSummary, SubmitButton } from "~/components/form";
import { getAuth, getDb } from "~/db.server";
import { formatDateTimeInEngland } from "~/lib/dates";
import { refusalErrors } from "~/lib/error-response.server";
import { NotFound } from "~/lib/errors";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseForm, readForm } from "~/lib/forms";
import { endOtherSessions, endOwnSession, listOwnSessions } from "~/models/account/own-sessions.server";
import { sessionActionSchema } from "~/schemas/account-admin";

export const meta: MetaFunction = () => [{ title: "Your sessions - Peerlink" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, session } = await requirePermission(request, { action: "account:manage" });
  const sessions = await listOwnSessions(getDb(), actor, session.id);
  return json({
    sessions: sessions.map((s) => ({
      ...s,
      started: formatDateTimeInEngland(s.createdAt),
      lastSeen: formatDateTimeInEngland(s.lastSeenAt),
    })),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { actor, session } = await requirePermission(request, { action: "account:manage" });
  const form = parseForm(sessionActionSchema, await readForm(request));
  if (!form.ok) return json({ errors: { form: Object.values(form.errors)[0] } }, { status: 400 });
  const ending = { currentSessionId: session.id, clientAddress: context.clientAddress ?? null };
  if (form.data.intent === "end-others") {
    const count = await endOtherSessions(getDb(), actor, ending);
    return redirectWithFlash(
      "/account/sessions",
      count === 0 ? "You had no other sessions." : `${count} other session${count === 1 ? " has" : "s have"} ended.`,
    );
  }
  try {
    const { endedCurrent } = await endOwnSession(getDb(), actor, form.data.session, ending);
    if (endedCurrent)
      return redirect("/login", { headers: { "Set-Cookie": getAuth().lucia.createBlankSessionCookie().serialize() } });
    return redirectWithFlash("/account/sessions", "That session has ended. Whoever used it must sign in again.");
  } catch (error) {
    // A session that ended meanwhile (or was never one's own) is simply not there to end.
    if (error instanceof NotFound)
      return json({ errors: { form: "That session has already ended." } }, { status: 400 });
    return json({ errors: refusalErrors(error) }, { status: 400 });
  }
}

export default function Sessions() {
  const { sessions } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const others = sessions.filter((s) => !s.current).length;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={data?.errors} />
        <p>
          <Link to="/account">Back to your account</Link>
        </p>
        <h1>Your sessions</h1>
        <p>
          Each browser where you are signed in to Peerlink. If you do not recognise one, end it and change your
          password.
        </p>
        {sessions.map((s, i) => (
          <div className="nhsuk-card" key={s.ref}>
            <div className="nhsuk-card__content">
              <h2 className="nhsuk-card__heading nhsuk-heading-m">
                {s.device ?? "Unknown browser"}
                {s.current ? (
                  <>
                    {" "}
                    <strong className="nhsuk-tag nhsuk-tag--green">This device</strong>
                  </>
                ) : null}
              </h2>
              <dl className="nhsuk-summary-list">
                <div className="nhsuk-summary-list__row">
                  <dt className="nhsuk-summary-list__key">Signed in</dt>
                  <dd className="nhsuk-summary-list__value">{s.started}</dd>
                </div>
                <div className="nhsuk-summary-list__row">
                  <dt className="nhsuk-summary-list__key">Last used</dt>
                  <dd className="nhsuk-summary-list__value">{s.lastSeen}</dd>
                </div>
              </dl>
              <Form method="post">
                <input type="hidden" name="intent" value="end" />
                <input type="hidden" name="session" value={s.ref} />
                <button
                  className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0"
                  data-module="nhsuk-button"
                  type="submit"
                >
                  {s.current ? "Sign out here" : "End this session"}
                  <span className="nhsuk-u-visually-hidden">
                    {" "}
                    ({s.device ?? "unknown browser"}, session {i + 1})
                  </span>
                </button>
              </Form>
            </div>
          </div>
        ))}
        {others > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="end-others" />
            <SubmitButton>End all other sessions</SubmitButton>
          </Form>
        ) : null}
      </div>
    </div>
  );
}
