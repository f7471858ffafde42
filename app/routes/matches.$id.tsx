import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { assertCan, notFound, requireSignedIn } from "~/auth/guards.server";
import { can } from "~/auth/policy";
import { ErrorSummary, SubmitButton, TextareaField } from "~/components/form";
import { MatchFlash, type Flash } from "~/components/match-flash";
import { MatchStatusTag } from "~/components/match-status";
import { getDb } from "~/db.server";
import { formatDate, quarterLabel } from "~/lib/dates";
import { parseForm, valueOf } from "~/lib/forms";
import { engagementIdForMatch } from "~/models/engagement/core.server";
import { getMatch, respondToMatch } from "~/models/matching/responses.server";
import { matchResponseSchema } from "~/schemas/matching";
import { SummaryList } from "~/components/summary-list";

export const meta: MetaFunction = () => [{ title: "Match - Peerlink" }];

async function loadMatch(request: Request, id: string | undefined) {
  const { actor } = await requireSignedIn(request);
  const match = await getMatch(getDb(), id ?? "");
  if (!match) throw notFound();
  const requestOrganisation = { id: match.request_organisation_id, regionCode: match.request_region_code, icbCode: match.request_icb_code };
  const offerOrganisation = { id: match.offer_organisation_id, regionCode: match.offer_region_code, icbCode: match.offer_icb_code };
  // Someone who may not see the match is not told it exists.
  if (!can(actor, { action: "match:view", requestOrganisation, offerOrganisation })) throw notFound();
  return { actor, match, offerOrganisation };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, match, offerOrganisation } = await loadMatch(request, params.id);
  const mayRespond = can(actor, { action: "match:respond", offerOrganisation }) && match.status === "approved";
  // An accepted match opened an engagement; it stays linked if the engagement later stopped.
  const engagementId = await engagementIdForMatch(getDb(), match.id);
  return json({ match, mayRespond, engagementId });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, match, offerOrganisation } = await loadMatch(request, params.id);
  assertCan(actor, { action: "match:respond", offerOrganisation });
  const form = parseForm(matchResponseSchema, await request.formData());
  if (!form.ok) {
    const errors = valueOf(form.values, "intent") ? form.errors : { form: Object.values(form.errors)[0] };
    return json({ flash: null, errors, values: form.values }, { status: 400 });
  }
  const result = await respondToMatch(getDb(), { matchId: match.id, user: actor, accept: form.data.intent === "accept", reason: form.data.reason });
  const flash: Flash = result.ok
    ? { kind: "success", text: form.data.intent === "accept" ? "You accepted the match. The requesting trust and the coordinator have been told." : "You declined the match. The place is free again and the request goes back into matching." }
    : { kind: "error", text: result.reason };
  return json({ flash, errors: null, values: null }, { status: result.ok ? 200 : 409 });
}

export default function MatchPage() {
  const { match: m, mayRespond, engagementId } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const errors = data?.errors ?? undefined;
  const rows: [string, string][] = [
    ["Requesting trust", m.request_organisation_name],
    ["Offer", `${m.offer_title}, ${m.offer_organisation_name}`],
    ["Quarter", quarterLabel(m.quarter)],
    ["Approved", `${formatDate(m.approved_at.slice(0, 10))} by ${m.approved_by_name}${m.approval_reason ? `: ${m.approval_reason}` : ""}`],
  ];
  if (m.responded_at) rows.push([m.status === "accepted" ? "Accepted" : "Declined", `${formatDate(m.responded_at.slice(0, 10))} by ${m.responded_by_name ?? "the pioneer"}${m.response_reason ? `: ${m.response_reason}` : ""}`]);
  if (m.status === "accepted") rows.push(["Contact at the pioneer", `${m.offer_contact_name}, ${m.offer_contact_email}`]);
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <MatchFlash flash={data?.flash} />
        <ErrorSummary errors={errors} />
        <span className="nhsuk-caption-l">Match</span>
        <h1>{m.request_title}</h1>
        <p>
          <MatchStatusTag status={m.status} />
        </p>
        <SummaryList rows={rows} />
        {engagementId ? (
          <p>
            <Link to={`/engagements/${engagementId}`}>Go to the engagement</Link>
          </p>
        ) : null}
        {mayRespond ? (
          <>
            <h2>Your answer</h2>
            <p>A coordinator matched this request with your offer. Accepting takes one of the offer&apos;s places for {quarterLabel(m.quarter)}.</p>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="accept" />
              <SubmitButton>Accept the match</SubmitButton>
            </Form>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="decline" />
              <TextareaField name="reason" label="If you decline, tell us why" hint="The requesting trust and the coordinator will see this." rows={3} error={errors?.reason} defaultValue={valueOf(data?.values ?? undefined, "reason")} />
              <SubmitButton secondary>Decline the match</SubmitButton>
            </Form>
          </>
        ) : null}
      </div>
    </div>
  );
}
