import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ResourceErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SelectField, SubmitButton } from "~/components/form";
import { WhyNotAnswer } from "~/components/round-insights";
import { getDb } from "~/db.server";
import { formatDateTimeInEngland, quarterLabel, todayInEngland } from "~/lib/dates";
import { parseForm, withoutControlCharacters, type FieldErrors } from "~/lib/forms";
import { requireVisibleRound } from "~/models/matching/guard.server";
import { whyNotInRound } from "~/models/matching/insights.server";
import { scopeName } from "~/models/matching/rounds.server";
import { whyNotSchema } from "~/schemas/matching";

export const ErrorBoundary = () => <ResourceErrorBoundary missing="Matching round not found" />;

export const meta: MetaFunction = () => [{ title: "Why not this offer? - Peerlink" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, round } = await requireVisibleRound(request, params.id);
  const db = getDb();
  const query = new URL(request.url).searchParams;
  const requests = [...new Map(round.proposals.map((p) => [p.request_id, p])).values()].map((p) => ({
    id: p.request_id,
    title: p.request_title,
    organisationName: p.request_organisation_name,
  }));
  const values = { request: query.get("request") ?? "", offer: query.get("offer") ?? "" };
  let errors: FieldErrors | null = null;
  let pair: { requestId: string; offerId: string } | null = null;
  if (query.has("offer")) {
    const form = new FormData();
    for (const [name, value] of query) form.append(name, withoutControlCharacters(value));
    const parsed = parseForm(whyNotSchema, form);
    if (!parsed.ok) errors = parsed.errors;
    else if (!requests.some((r) => r.id === parsed.data.request))
      errors = { request: "Choose a request of this round" };
    else pair = { requestId: parsed.data.request, offerId: parsed.data.offer };
  }
  const { choices, answer } = await whyNotInRound(db, { actor, round, requests, today: todayInEngland(), pair });
  const label = (list: { value: string; label: string }[], id: string) => list.find((o) => o.value === id)?.label;
  const pairName = pair
    ? `${label(choices.requests, pair.requestId)} and ${label(choices.offers, pair.offerId) ?? "an offer no longer open"}`
    : "";
  return json(
    {
      round: { id: round.id, created_at: round.created_at, quarter: round.quarter },
      area: await scopeName(db, { kind: round.scope, code: round.scope_code }),
      choices,
      values,
      errors,
      answer,
      pairName,
    },
    { status: errors ? 400 : 200 },
  );
}

export default function WhyNot() {
  const { round, area, choices, values, errors, answer, pairName } = useLoaderData<typeof loader>();
  const blank = (text: string) => [{ value: "", label: text }];
  return (
    <>
      <Link className="nhsuk-back-link" to={`/matching/rounds/${round.id}`}>
        Matching round of {formatDateTimeInEngland(round.created_at)}
      </Link>
      <ErrorSummary errors={errors ?? undefined} order={["request", "offer"]} />
      <span className="nhsuk-caption-l">
        {area}, {quarterLabel(round.quarter)}
      </span>
      <h1>Why not this offer?</h1>
      <p>
        Choose a request of this round and any offer open to matching. The answer names the rule that rules the pair out
        or, if the pair could be matched, what matching it would cost the round and which proposals would change. It is
        worked out from the requests and offers open now.
      </p>
      {answer ? <WhyNotAnswer answer={answer} pair={pairName} /> : null}
      <Form method="get" key={`${values.request}|${values.offer}`}>
        <SelectField
          name="request"
          label="Request"
          options={[...blank("Choose a request"), ...choices.requests]}
          defaultValue={values.request}
          error={errors?.request}
        />
        <SelectField
          name="offer"
          label="Offer"
          options={[...blank("Choose an offer"), ...choices.offers]}
          defaultValue={values.offer}
          error={errors?.offer}
        />
        <SubmitButton>Ask why</SubmitButton>
      </Form>
    </>
  );
}
