import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { ChoiceField, SubmitButton } from "~/components/form";
import { MatchFlash } from "~/components/match-flash";
import { OneMorePlaceSection } from "~/components/round-insights";
import { getDb } from "~/db.server";
import { formatDateTimeInEngland, quarterLabel, quarterOf, todayInEngland } from "~/lib/dates";
import { readForm, parseForm } from "~/lib/forms";
import { countOpenRequests, countReturnedRequests } from "~/models/matching/facts.server";
import { latestRoundPlaceInsights } from "~/models/matching/insights.server";
import { listRounds, runRound, scopeName } from "~/models/matching/rounds.server";
import { runRoundSchema } from "~/schemas/matching";

export const meta: MetaFunction = () => [{ title: "Matching - Peerlink" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, { action: "match:run" });
  const scope = actor.scope!;
  const db = getDb();
  const today = todayInEngland();
  return json({
    area: await scopeName(db, scope),
    quarter: quarterLabel(quarterOf(today)),
    openRequests: await countOpenRequests(db, scope),
    returnedRequests: await countReturnedRequests(db, scope),
    rounds: await listRounds(db, scope),
    latest: await latestRoundPlaceInsights(db, { actor }),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { actor } = await requirePermission(request, { action: "match:run" });
  const form = parseForm(runRoundSchema, await readForm(request));
  if (!form.ok)
    return json({ flash: { kind: "error" as const, text: Object.values(form.errors)[0] } }, { status: 400 });
  const today = todayInEngland();
  const round = await runRound(getDb(), {
    coordinator: actor,
    quarter: quarterOf(today),
    today,
    needPriority: form.data.needPriority,
    clientAddress: context.clientAddress,
    returnedOnly: form.data.only === "returned",
  });
  return redirect(`/matching/rounds/${round.id}?ran=1`);
}

export default function Matching() {
  const { area, quarter, openRequests, returnedRequests, rounds, latest } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <>
      <MatchFlash flash={data?.flash} />
      <span className="nhsuk-caption-l">{area}</span>
      <h1>Matching</h1>
      <p>
        {openRequests} open request{openRequests === 1 ? "" : "s"} in your area wait{openRequests === 1 ? "s" : ""} for
        a match. A round proposes an offer for each, using the places left on every offer in {quarter}. Nothing is
        agreed until you approve a proposal and the pioneer accepts it.
      </p>
      <Form method="post">
        <input type="hidden" name="intent" value="run" />
        <ChoiceField
          kind="checkbox"
          name="only"
          legend="Which requests"
          small
          options={[
            {
              value: "returned",
              label: `Only the ${returnedRequests} request${returnedRequests === 1 ? "" : "s"} that need${returnedRequests === 1 ? "s" : ""} a match`,
              hint: "Requests back in matching after a match was declined, taken back or lapsed, and requests never proposed. Proposals still waiting for your decision are kept, with their places.",
            },
          ]}
        />
        <div className="nhsuk-form-group">
          <div className="nhsuk-checkboxes">
            <div className="nhsuk-checkboxes__item">
              <input
                className="nhsuk-checkboxes__input"
                id="needPriority"
                name="needPriority"
                type="checkbox"
                value="yes"
                aria-describedby="needPriority-hint"
              />
              <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="needPriority">
                Give priority to greatest need
              </label>
              <div className="nhsuk-hint nhsuk-checkboxes__hint" id="needPriority-hint">
                Contested places go first to trusts flagged as a priority for support and to low maturity on the
                capabilities asked for. As many requests are helped either way.
              </div>
            </div>
          </div>
        </div>
        <SubmitButton>Run a matching round for {quarter}</SubmitButton>
      </Form>
      <p>
        <Link to="/matching/weights">How matches are scored</Link>
      </p>
      <p>
        <Link to="/help/glossary#round">What a round and a quarter are</Link>
      </p>
      {latest ? <OneMorePlaceSection places={latest.places} /> : null}
      <h2>Past rounds</h2>
      {rounds.length === 0 ? (
        <p>No rounds have been run yet.</p>
      ) : (
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Past matching rounds, newest first</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">
                Run
              </th>
              <th scope="col" className="nhsuk-table__header">
                Quarter
              </th>
              <th scope="col" className="nhsuk-table__header">
                Run by
              </th>
              <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
                Proposed
              </th>
              <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
                Unmatched
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {rounds.map((r) => (
              <tr className="nhsuk-table__row" key={r.id}>
                <td className="nhsuk-table__cell">
                  <Link to={`/matching/rounds/${r.id}`}>{formatDateTimeInEngland(r.created_at)}</Link>
                  {r.summary.returnedOnly ? <span className="nhsuk-body-s"> (returned requests only)</span> : null}
                </td>
                <td className="nhsuk-table__cell">{quarterLabel(r.quarter)}</td>
                <td className="nhsuk-table__cell">{r.run_by_name}</td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{r.summary.proposed}</td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{r.summary.unmatched}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
