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
import { getOffer } from "~/models/offer/queries.server";
import { valuesOf } from "~/lib/forms";

export const meta: MetaFunction = () => [{ title: "Ask for help - Peerlink" }];

async function requireRequester(request: Request) {
  const { actor } = await requireSignedIn(request);
  const organisation = actor.organisationId ? await organisationRef(getDb(), actor.organisationId) : undefined;
  if (!organisation) throw forbidden("Help requests belong to an organisation, and you are not a member of one.");
  assertCan(actor, { action: "request:create", organisation });
  return { actor, organisation };
}

const NOT_TAKING_REQUESTS =
  "This offer is not taking requests at the moment. Untick it to file the request without it, or choose another offer.";

/** "Ask for this offer": the offer named in `?offer=`, if another organisation's, to start the form from. */
async function startingOffer(request: Request, organisationId: string) {
  const id = new URL(request.url).searchParams.get("offer");
  if (!id || id.length > 64) return null;
  const offer = await getOffer(getDb(), id, todayInEngland());
  if (!offer || offer.organisationId === organisationId) return null;
  return offer;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { organisation } = await requireRequester(request);
  const db = getDb();
  const [choices, scores, offer] = await Promise.all([
    requestChoices(db),
    latestAssessmentScores(db, organisation.id),
    startingOffer(request, organisation.id),
  ]);
  const suggested = suggestedCapabilities(scores);
  const known = (ids: string[], among: string[]) => ids.filter((id) => among.includes(id));
  // Started from an offer: what it teaches, its format and audiences, where the form offers them.
  const fromOffer = offer
    ? {
        preferredOfferId: offer.id,
        capabilityIds: known(
          offer.capabilities.map((c) => c.id),
          choices.capabilities.map((c) => c.id),
        ),
        formatCodes: known(
          [offer.formatCode],
          choices.formats.map((f) => f.code),
        ),
        audienceCodes: known(
          offer.audiences.map((a) => a.code),
          choices.audiences.map((a) => a.code),
        ),
        ...(offer.runsVirtually ? { virtualOk: "yes" } : {}),
      }
    : null;
  return json({
    choices,
    suggested,
    assessedOn: scores[0]?.assessedOn ?? null,
    fromOffer,
    preferred: offer
      ? {
          id: offer.id,
          title: offer.title,
          organisationName: offer.organisationName,
          closed: offer.status !== "published" ? NOT_TAKING_REQUESTS : null,
        }
      : null,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, organisation } = await requireRequester(request);
  const formData = await readForm(request);
  const today = todayInEngland();
  const form = parseForm(requestFormSchema({ today }), formData);
  if (!form.ok) return json({ errors: form.errors, values: form.values }, { status: 400 });
  const { intent, ...fields } = form.data;
  const preferred = formData.get("preferredOfferId");
  try {
    const id = await createRequest(getDb(), {
      organisationId: organisation.id,
      actor,
      fields,
      submit: intent === "submit",
      today,
      preferredOfferId: typeof preferred === "string" && preferred ? preferred.slice(0, 64) : null,
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
  const { choices, suggested, assessedOn, fromOffer, preferred } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const values = data?.values ?? fromOffer ?? { capabilityIds: suggested.ticked };
  const hint = fromOffer ? (
    "We have ticked the capabilities the offer teaches. Change them if you need help with something else."
  ) : assessedOn ? (
    <SuggestionHint suggested={suggested} assessedOn={assessedOn} capabilities={choices.capabilities} />
  ) : (
    "Select all that apply. Once your organisation has assessed itself, the weakest capabilities are ticked for you."
  );
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Ask for help</h1>
        <RequestForm
          values={values}
          errors={data?.errors}
          choices={choices}
          capabilityHint={hint}
          preferredOffer={
            preferred
              ? {
                  ...preferred,
                  selected: valuesOf(values, "preferredOfferId").includes(preferred.id),
                  error: data?.errors?.preferredOfferId ?? preferred.closed ?? undefined,
                }
              : undefined
          }
        >
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
