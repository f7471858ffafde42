import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { clearFlowToken, readFlowToken } from "~/auth/flow-cookies.server";
import { waitThenTryAgain } from "~/auth/throttle.server";
import { keyForTyping, qrSvg } from "~/auth/two-factor/totp.server";
import { RecoveryCodes, TwoFactorSetup } from "~/components/two-factor-setup";
import { signInThrottle } from "~/config.server";
import { getAuth, getDb } from "~/db.server";
import { readForm, parseForm } from "~/lib/forms";
import { completeCodeStep } from "~/models/account/second-factor-sign-in.server";
import { getSignedIn } from "~/auth/guards.server";
import { findChallenge } from "~/models/account/sign-in-challenge.server";
import { pendingEnrolment } from "~/models/account/two-factor.server";

export const meta: MetaFunction = () => [{ title: "Set up two-factor sign-in - Peerlink" }];

const schema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "Enter the 6-digit code your authenticator app shows"),
});

async function startAgain(): Promise<Response> {
  return redirect("/login", { headers: { "Set-Cookie": await clearFlowToken("challenge") } });
}

/** Only a person whose role requires a code, and who has just given the right password, gets here. */
async function currentChallenge(request: Request) {
  const token = await readFlowToken("challenge", request);
  const challenge = await findChallenge(getDb(), token);
  return challenge?.kind === "enrol" ? { token, challenge } : null;
}

async function setupView(userId: string, email: string) {
  const pending = await pendingEnrolment(getDb(), userId, email);
  if (!pending) return null;
  return { qrSvg: await qrSvg(pending.uri), typedKey: keyForTyping(pending.key) };
}

// The recovery codes live only in the action's answer: reloading the page would lose them.
export const shouldRevalidate = () => false;

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await currentChallenge(request);
  if (!current && (await getSignedIn(request))) return redirect("/account/two-factor");
  if (!current) throw await startAgain();
  const view = await setupView(current.challenge.userId, current.challenge.email);
  if (!view) throw await startAgain();
  return json(view);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await currentChallenge(request);
  if (!current) throw await startAgain();
  const form = parseForm(schema, await readForm(request));
  if (!form.ok) return json({ error: form.errors.code, codes: null, next: null }, { status: 400 });
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
    return json({ error: null, codes: result.recoveryCodes ?? [], next: current.challenge.redirectTo }, { headers });
  }
  if (result.reason === "expired") throw await startAgain();
  if (result.reason === "throttled") {
    return json(
      {
        error: `Too many wrong codes. ${waitThenTryAgain(result.retryAfterSeconds)}`,
        codes: null,
        next: null,
      },
      { status: 429 },
    );
  }
  return json(
    { error: "The code is not correct. Check the app shows Peerlink and try the newest code", codes: null, next: null },
    { status: 400 },
  );
}

export default function SetUpTwoFactor() {
  const view = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  if (data?.codes) {
    return (
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h1>Two-factor sign-in is on</h1>
          <RecoveryCodes codes={data.codes} />
          <a className="nhsuk-button" href={data.next ?? "/"}>
            Continue
          </a>
        </div>
      </div>
    );
  }
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Set up two-factor sign-in</h1>
        <p>Your role needs a code from an authenticator app as well as your password.</p>
        <TwoFactorSetup qrSvg={view.qrSvg} typedKey={view.typedKey} error={data?.error ?? undefined} />
      </div>
    </div>
  );
}
