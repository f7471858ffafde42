import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { retryAfterHeaders } from "~/lib/retry-after";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { z } from "zod";
import { clearFlowToken, readFlowToken } from "~/auth/flow-cookies.server";
import { waitThenTryAgain } from "~/auth/throttle.server";
import { ErrorSummary, SubmitButton, TextField } from "~/components/form";
import { signInThrottle } from "~/config.server";
import { getAuth, getDb } from "~/db.server";
import { readForm, parseForm } from "~/lib/forms";
import { completeCodeStep } from "~/models/account/second-factor-sign-in.server";
import { findChallenge } from "~/models/account/sign-in-challenge.server";

export const meta: MetaFunction = () => [{ title: "Enter your security code - Peerlink" }];

// The throttled answer says when to try again.
export const headers = retryAfterHeaders;

const schema = z.object({
  code: z
    .string()
    .trim()
    .min(1, "Enter the 6-digit code from your authenticator app, or a recovery code")
    .max(64, "Enter the 6-digit code from your authenticator app, or a recovery code"),
});

/** Without a live password step there is nothing to finish here: start again. */
async function startAgain(): Promise<Response> {
  return redirect("/login", { headers: { "Set-Cookie": await clearFlowToken("challenge") } });
}

async function currentChallenge(request: Request) {
  const token = await readFlowToken("challenge", request);
  const challenge = await findChallenge(getDb(), token);
  return challenge?.kind === "verify" ? { token, challenge } : null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  if (!(await currentChallenge(request))) throw await startAgain();
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await currentChallenge(request);
  if (!current) throw await startAgain();
  const form = parseForm(schema, await readForm(request));
  if (!form.ok) return json({ error: form.errors.code }, { status: 400 });
  const result = await completeCodeStep(
    getDb(),
    getAuth(),
    {
      ...current,
      code: form.data.code,
      client: context.clientAddress ?? "unknown",
      userAgent: request.headers.get("User-Agent"),
    },
    signInThrottle(),
  );
  if (result.ok) {
    const headers = new Headers({ "Set-Cookie": result.cookie });
    headers.append("Set-Cookie", await clearFlowToken("challenge"));
    return redirect(current.challenge.redirectTo, { headers });
  }
  if (result.reason === "expired") throw await startAgain();
  if (result.reason === "throttled") {
    return json(
      { error: `Too many wrong codes. ${waitThenTryAgain(result.retryAfterSeconds)}` },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  const error =
    result.reason === "reused"
      ? "This code has already been used. Wait for the app to show a new code"
      : "The code is not correct. Check your authenticator app and try again";
  return json({ error }, { status: 400 });
}

export default function TwoFactorCode() {
  const data = useActionData<typeof action>();
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={data?.error ? { code: data.error } : undefined} order={["code"]} />
        <h1>Enter your security code</h1>
        <p>Open your authenticator app and enter the 6-digit code it shows for Peerlink.</p>
        <Form method="post" noValidate>
          <TextField
            name="code"
            label="Security code"
            hint="If you no longer have your phone, enter one of your recovery codes."
            width={10}
            autoComplete="one-time-code"
            spellCheck={false}
            error={data?.error}
          />
          <SubmitButton>Continue</SubmitButton>
        </Form>
      </div>
    </div>
  );
}
