import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { ErrorSummary, SelectField, SubmitButton, TextareaField, TextField } from "~/components/form";
import { getDb } from "~/db.server";
import { refusalErrors } from "~/lib/error-response.server";
import { readForm, formValues, parseForm, valueOf, type FieldErrors, type FormValues } from "~/lib/forms";
import {
  addCapability,
  addDomain,
  listAudienceLevels,
  listFramework,
  listOfferFormats,
  listReadinessFactors,
  retireCapability,
  unretireCapability,
} from "~/models/framework/framework.server";
import { frameworkActionSchema, frameworkRefusalFields } from "~/schemas/framework";
import { redirectWithFlash } from "~/lib/flash.server";

export const meta: MetaFunction = () => [{ title: "Capability framework - Peerlink" }];

const manage = { action: "framework:manage" } as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, manage);
  const db = getDb();
  const [domains, audiences, formats, factors] = await Promise.all([
    listFramework(db, { includeRetired: true }),
    listAudienceLevels(db, { includeRetired: true }),
    listOfferFormats(db, { includeRetired: true }),
    listReadinessFactors(db, { includeRetired: true }),
  ]);
  return json({
    domains,
    lists: [
      ["Audience levels", audiences],
      ["Offer formats", formats],
      ["Readiness factors", factors],
    ] as const,
  });
}

type Failure = { intent: string; errors: FieldErrors; values: FormValues };

const FRAMEWORK_DONE = {
  "add-capability": "Capability added.",
  "add-domain": "Domain added.",
  retire: "Capability retired.",
  unretire: "Capability brought back into use.",
} as const;

export async function action({ request, context }: ActionFunctionArgs) {
  const from = { clientAddress: context.clientAddress };
  const { actor } = await requirePermission(request, manage);
  const formData = await readForm(request);
  const form = parseForm(frameworkActionSchema, formData);
  const intent = valueOf(formValues(formData), "intent");
  if (!form.ok) return json<Failure>({ intent, errors: form.errors, values: form.values }, { status: 400 });
  const db = getDb();
  const data = form.data;
  try {
    switch (data.intent) {
      case "add-capability":
        await addCapability(db, actor, data, from);
        break;
      case "add-domain":
        await addDomain(db, actor, { name: data.domainName, description: data.domainDescription }, from);
        break;
      case "retire":
        await retireCapability(db, actor, data.capabilityId, from);
        break;
      case "unretire":
        await unretireCapability(db, actor, data.capabilityId, from);
        break;
    }
  } catch (error) {
    // The new domain's name has its own box on this page.
    const fields =
      data.intent === "add-domain"
        ? { ...frameworkRefusalFields, domain_name_taken: "domainName" }
        : frameworkRefusalFields;
    return json<Failure>(
      { intent, errors: refusalErrors(error, fields), values: formValues(formData) },
      { status: 400 },
    );
  }
  return redirectWithFlash("/admin/framework", FRAMEWORK_DONE[data.intent]);
}

function RetireButton({ id, name, retired }: { id: string; name: string; retired: boolean }) {
  return (
    <Form method="post" className="peerlink-inline-form">
      <input type="hidden" name="intent" value={retired ? "unretire" : "retire"} />
      <input type="hidden" name="capabilityId" value={id} />
      <button
        type="submit"
        className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0"
      >
        {retired ? "Restore" : "Retire"}
        <span className="nhsuk-u-visually-hidden"> {name}</span>
      </button>
    </Form>
  );
}

export default function Framework() {
  const { domains, lists } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const errors = failed?.errors;
  // Typed values go back only into the form that was sent.
  const valuesFor = (intent: string) => (failed?.intent === intent ? failed.values : undefined);
  const capabilityValues = valuesFor("add-capability");
  const domainValues = valuesFor("add-domain");
  return (
    <>
      <ErrorSummary
        errors={errors}
        order={["domainId", "code", "name", "description", "domainName", "domainDescription"]}
      />
      <h1>Capability framework</h1>
      <p>
        Retired capabilities stay on the assessments, requests and offers that already use them, but are no longer
        offered on new forms.
      </p>
      {domains.map((domain) => (
        <section key={domain.id}>
          <h2>
            {domain.name}
            {domain.retiredAt ? (
              <strong className="nhsuk-tag nhsuk-tag--grey nhsuk-u-margin-left-2">Retired</strong>
            ) : null}
          </h2>
          {domain.description ? <p>{domain.description}</p> : null}
          <p>
            <Link to={`/admin/framework/domains/${domain.id}`}>
              Change<span className="nhsuk-u-visually-hidden"> the {domain.name} domain</span>
            </Link>
          </p>
          {domain.capabilities.length === 0 ? (
            <p>No capabilities in this domain yet.</p>
          ) : (
            <table className="nhsuk-table">
              <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Capabilities in {domain.name}</caption>
              <thead className="nhsuk-table__head">
                <tr className="nhsuk-table__row">
                  <th scope="col" className="nhsuk-table__header">
                    Code
                  </th>
                  <th scope="col" className="nhsuk-table__header">
                    Capability
                  </th>
                  <th scope="col" className="nhsuk-table__header">
                    Status
                  </th>
                  <th scope="col" className="nhsuk-table__header">
                    Actions
                  </th>
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {domain.capabilities.map((c) => (
                  <tr className="nhsuk-table__row" key={c.id}>
                    <td className="nhsuk-table__cell peerlink-nowrap">{c.code}</td>
                    <td className="nhsuk-table__cell">
                      {c.name}
                      {c.description ? (
                        <span className="nhsuk-body-s nhsuk-u-secondary-text-colour nhsuk-u-display-block nhsuk-u-margin-bottom-0">
                          {c.description}
                        </span>
                      ) : null}
                    </td>
                    <td className="nhsuk-table__cell">
                      {c.retiredAt ? <strong className="nhsuk-tag nhsuk-tag--grey">Retired</strong> : "In use"}
                    </td>
                    <td className="nhsuk-table__cell peerlink-nowrap">
                      <Link to={`/admin/framework/${c.id}`}>
                        Change<span className="nhsuk-u-visually-hidden"> {c.name}</span>
                      </Link>{" "}
                      <RetireButton id={c.id} name={c.name} retired={c.retiredAt !== null} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}

      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h2>Add a capability</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="add-capability" />
            <SelectField
              name="domainId"
              label="Domain"
              defaultValue={valueOf(capabilityValues, "domainId")}
              error={errors?.domainId}
              options={[
                { value: "", label: "Select a domain" },
                ...domains.filter((d) => !d.retiredAt).map((d) => ({ value: d.id, label: d.name })),
              ]}
            />
            <TextField
              name="code"
              label="Code"
              hint="Short and never reused, like QSIR-PM"
              width={10}
              spellCheck={false}
              defaultValue={valueOf(capabilityValues, "code")}
              error={errors?.code}
            />
            <TextField name="name" label="Name" defaultValue={valueOf(capabilityValues, "name")} error={errors?.name} />
            <TextareaField
              name="description"
              label="Description"
              hint="One sentence on what good looks like"
              rows={3}
              defaultValue={valueOf(capabilityValues, "description")}
              error={errors?.description}
            />
            <SubmitButton>Add capability</SubmitButton>
          </Form>

          <h2>Add a domain</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="add-domain" />
            <TextField
              name="domainName"
              label="Name"
              defaultValue={valueOf(domainValues, "domainName")}
              error={errors?.domainName}
            />
            <TextareaField
              name="domainDescription"
              label="Description (optional)"
              rows={3}
              defaultValue={valueOf(domainValues, "domainDescription")}
              error={errors?.domainDescription}
            />
            <SubmitButton>Add domain</SubmitButton>
          </Form>
        </div>
      </div>

      <h2>Reference lists</h2>
      <p>Other parts of Peerlink refer to these by code.</p>
      {lists.map(([title, items]) => (
        <table className="nhsuk-table" key={title}>
          <caption className="nhsuk-table__caption nhsuk-table__caption--s">{title}</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">
                Code
              </th>
              <th scope="col" className="nhsuk-table__header">
                Name
              </th>
              <th scope="col" className="nhsuk-table__header">
                Status
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {items.map((item) => (
              <tr className="nhsuk-table__row" key={item.code}>
                <td className="nhsuk-table__cell">
                  <code>{item.code}</code>
                </td>
                <td className="nhsuk-table__cell">{item.name}</td>
                <td className="nhsuk-table__cell">{item.retired_at ? "Retired" : "In use"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </>
  );
}
