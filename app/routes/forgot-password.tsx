import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { retryAfterHeaders } from "~/lib/retry-after";
import { json } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { waitThenTryAgain } from "~/auth/throttle.server";
import { ErrorSummary, SubmitButton, TextField } from "~/components/form";
import { publicUrl } from "~/config.server";
import { getDb } from "~/db.server";
import { readForm, parseForm, valueOf } from "~/lib/forms";
import { RESET_LINK_MINUTES, requestPasswordReset } from "~/models/account/password-reset.server";
import { forgotPasswordSchema } from "~/schemas/password";

export const meta: MetaFunction = () => [{ title: "Reset your password - Peerlink" }];

// The throttled answer says when to try again.
export const headers = retryAfterHeaders;

export async function action({ request, context }: ActionFunctionArgs) {
  const form = parseForm(forgotPasswordSchema, await readForm(request));
  if (!form.ok) return json({ sent: false as const, errors: form.errors, values: form.values }, { status: 400 });
  const result = await requestPasswordReset(getDb(), {
    email: form.data.email,
    client: context.clientAddress ?? "unknown",
    baseUrl: publicUrl(),
  });
  if (!result.ok) {
    return json(
      {
        sent: false as const,
        errors: { form: `Too many reset requests. ${waitThenTryAgain(result.retryAfterSeconds)}` },
        values: { email: form.data.email },
      },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  // Storing and mailing the link finishes after the answer, so its time does not tell whether the address has an account.
  result.delivery.catch((error: unknown) => console.error("A password reset link could not be queued", error));
  // The same answer whether or not the address has an account.
  return json({ sent: true as const, email: form.data.email, minutes: RESET_LINK_MINUTES });
}

export default function ForgotPassword() {
  const data = useActionData<typeof action>();
  if (data?.sent) {
    return (
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h1>Check your email</h1>
          <p>
            If {data.email} belongs to a Peerlink account, we have sent it a link to reset the password. The link works
            once, within {data.minutes} minutes.
          </p>
          <p>If no email arrives, check the address and your junk folder, or ask your organisation's administrator.</p>
          <p>
            <Link to="/login">Back to sign in</Link>
          </p>
        </div>
      </div>
    );
  }
  const errors = data?.errors as Record<string, string> | undefined;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} order={["email"]} />
        <h1>Reset your password</h1>
        <p>Enter the email address you sign in with. We will send you a link to choose a new password.</p>
        <Form method="post" noValidate>
          <TextField
            name="email"
            label="Email address"
            type="email"
            autoComplete="username"
            spellCheck={false}
            defaultValue={valueOf(data?.values, "email")}
            error={errors?.email}
          />
          <SubmitButton>Send reset link</SubmitButton>
        </Form>
        <p>
          <Link to="/login">Back to sign in</Link>
        </p>
      </div>
    </div>
  );
}
