import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound } from "~/auth/guards.server";
import { passwordProblem, PASSWORD_MAX, PASSWORD_MIN } from "~/auth/password.server";
import { setSignInNotice } from "~/auth/flow-cookies.server";
import { ErrorSummary, SubmitButton, TextField } from "~/components/form";
import { getDb } from "~/db.server";
import { formatDateTimeInEngland } from "~/lib/dates";
import { readForm, parseForm } from "~/lib/forms";
import { resetLinkState, resetPassword, type ResetLinkState } from "~/models/account/password-reset.server";
import { newPasswordSchema } from "~/schemas/password";

export const meta: MetaFunction = () => [{ title: "Choose a new password - Peerlink" }];

const NO_ERRORS: Record<string, string> = {};

type DeadLink = Exclude<ResetLinkState, { state: "usable" } | { state: "unknown" }>;

/** A used or expired link says which, with the way on; one that never existed is simply not found. */
function deadLink(link: Exclude<ResetLinkState, { state: "usable" }>) {
  if (link.state === "unknown") throw notFound();
  return json({ dead: link as DeadLink, min: PASSWORD_MIN, max: PASSWORD_MAX, errors: NO_ERRORS }, { status: 410 });
}

export async function loader({ params }: LoaderFunctionArgs) {
  // Public by design: the unguessable, single-use token is the credential.
  const link = await resetLinkState(getDb(), params.token ?? "");
  if (link.state !== "usable") return deadLink(link);
  return json({ dead: null, min: PASSWORD_MIN, max: PASSWORD_MAX, errors: NO_ERRORS });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const link = await resetLinkState(getDb(), token);
  if (link.state !== "usable") return deadLink(link);
  const form = parseForm(newPasswordSchema, await readForm(request));
  if (!form.ok)
    return json(
      { dead: null, min: PASSWORD_MIN, max: PASSWORD_MAX, errors: form.errors as Record<string, string> },
      { status: 400 },
    );
  const problem = passwordProblem(form.data.password);
  if (problem)
    return json(
      { dead: null, min: PASSWORD_MIN, max: PASSWORD_MAX, errors: { password: problem } as Record<string, string> },
      { status: 400 },
    );
  const result = await resetPassword(getDb(), {
    token,
    password: form.data.password,
    clientAddress: context.clientAddress ?? null,
  });
  if (!result.ok) return deadLink(result.link);
  return redirect("/login", {
    headers: { "Set-Cookie": await setSignInNotice({ kind: "password_reset", email: result.email }) },
  });
}

function DeadLinkPage({ link }: { link: DeadLink }) {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>{link.state === "used" ? "This reset link has already been used" : "This reset link has expired"}</h1>
        <p>
          {link.state === "used"
            ? "Each link works once. If you have already chosen a new password, sign in with it."
            : `The link expired at ${formatDateTimeInEngland(link.expiredAt)}. Links work for an hour.`}
        </p>
        <p>
          <Link to="/login">Sign in</Link> or <Link to="/forgot-password">ask for a new reset link</Link>.
        </p>
      </div>
    </div>
  );
}

export default function ResetPassword() {
  const loaded = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const data = acted ?? loaded;
  if (data.dead) return <DeadLinkPage link={data.dead} />;
  const errors = data.errors;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} order={["password", "confirmPassword"]} />
        <h1>Choose a new password</h1>
        <p>Once it is set, you will be signed out on every device and can sign in with the new password.</p>
        <Form method="post" noValidate>
          <TextField
            name="password"
            label="New password"
            type="password"
            autoComplete="new-password"
            hint={`Use ${data.min} to ${data.max} characters. Three random words make a strong password. Common passwords are refused.`}
            error={errors?.password}
          />
          <TextField
            name="confirmPassword"
            label="Enter the new password again"
            type="password"
            autoComplete="new-password"
            error={errors?.confirmPassword}
          />
          <SubmitButton>Set new password</SubmitButton>
        </Form>
      </div>
    </div>
  );
}
