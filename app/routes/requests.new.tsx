import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { assertCan, forbidden, requireSignedIn } from "~/auth/guards.server";
import { SubmitButton } from "~/components/form";
import { RequestForm } from "~/components/request-form";
import { Day } from "~/components/request-time";
import { getDb } from "~/db.server";
import { suggestedCapabilities, type CapabilitySuggestion } from "~/domain/profile";
import { answerError } from "~/lib/error-response.server";
import { readForm, formValues, parseForm } from "~/lib/forms";
import { organisationRef } from "~/models/organisation/organisations.server";
import { todayInEngland } from "~/lib/dates";
import { createRequest } from "~/models/request/requests.server";
import { latestAssessmentScores, requestChoices } from "~/models/request/queries.server";
import { requestFormRefusalFields, requestFormSchema } from "~/schemas/request";
import { redirectWithFlash } from "~/lib/flash.server";

export const meta: MetaFunction = () => [{ title: "Ask for help - Peerlink" }];

async function requireRequester(request: Request) {
  const { actor } = await requireSignedIn(request);
  const organisation = actor.organisationId ? await organisationRef(getDb(), actor.organisationId) : undefined;
  if (!organisation) throw forbidden("Help requests belong to an organisation, and you are not a member of one.");
  assertCan(actor, { action: "request:create", organisation });
  return { actor, organisation };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { organisation } = await requireRequester(request);
  const db = getDb();
  const [choices, scores] = await Promise.all([requestChoices(db), latestAssessmentScores(db, organisation.id)]);
  const suggested = suggestedCapabilities(scores);
  return json({ choices, suggested, assessedOn: scores[0]?.assessedOn ?? null });
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, organisation } = await requireRequester(request);
  const formData = await readForm(request);
  const today = todayInEngland();
  const form = parseForm(requestFormSchema({ today }), formData);
  if (!form.ok) return json({ errors: form.errors, values: form.values }, { status: 400 });
  const { intent, ...fields } = form.data;
  try {
    const id = await createRequest(getDb(), {
      organisationId: organisation.id,
      actor,
      fields,
      submit: intent === "submit",
      today,
    });
    return redirectWithFlash(
      `/requests/${id}`,
      intent === "submit" ? "Request created and submitted." : "Request saved as a draft.",
    );
  } catch (error) {
    return answerError(error, formValues(formData), { fields: requestFormRefusalFields });
  }
}

export default function NewRequest() {
  const { choices, suggested, assessedOn } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const values = data?.values ?? { capabilityIds: suggested.ticked };
  const hint = assessedOn ? (
    <SuggestionHint suggested={suggested} assessedOn={assessedOn} capabilities={choices.capabilities} />
  ) : (
    "Select all that apply. Once your organisation has assessed itself, the weakest capabilities are ticked for you."
  );
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Ask for help</h1>
        <RequestForm values={values} errors={data?.errors} choices={choices} capabilityHint={hint}>
          <div className="nhsuk-button-group">
            <SubmitButton name="intent" value="submit">
              Submit request
            </SubmitButton>{" "}
            <SubmitButton name="intent" value="save" secondary>
              Save as draft
            </SubmitButton>
          </div>
        </RequestForm>
      </div>
    </div>
  );
}

const NUMBER_WORDS = ["none", "one", "two", "three", "four", "five"];

function SuggestionHint({
  suggested,
  assessedOn,
  capabilities,
}: {
  suggested: CapabilitySuggestion;
  assessedOn: string;
  capabilities: { id: string; name: string }[];
}) {
  const names = (ids: string[]) => ids.map((id) => capabilities.find((c) => c.id === id)?.name ?? id).join(", ");
  const latest = (
    <>
      your latest assessment (<Day date={assessedOn} />)
    </>
  );
  if (suggested.ticked.length === 0 && suggested.tied.length === 0) {
    return <>Select all that apply. Nothing in {latest} scored below established.</>;
  }
  const room = NUMBER_WORDS[suggested.room] ?? String(suggested.room);
  return (
    <>
      {suggested.ticked.length > 0 ? (
        <>We have ticked the capabilities {latest} scored lowest. Change them if you need help with something else.</>
      ) : null}
      {suggested.tied.length > 0 ? (
        <>
          {suggested.ticked.length > 0 ? " Next lowest, tied: " : <>Your lowest scores in {latest}: </>}
          {names(suggested.tied)} — choose up to {room}.
        </>
      ) : null}
    </>
  );
}
