import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { assertCan, forbidden, requireSignedIn } from "~/auth/guards.server";
import { SubmitButton } from "~/components/form";
import { RequestForm } from "~/components/request-form";
import { Day } from "~/components/request-time";
import { getDb } from "~/db.server";
import { suggestedCapabilities } from "~/domain/profile";
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
  const values = data?.values ?? { capabilityIds: suggested };
  const hint =
    suggested.length > 0 && assessedOn ? (
      <>
        We have ticked the capabilities your latest assessment (<Day date={assessedOn} />) scored lowest. Change them if
        you need help with something else.
      </>
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
