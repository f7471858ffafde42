import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  json,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  MaxPartSizeExceededError,
} from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { ErrorSummary, SubmitButton } from "~/components/form";
import { getDb } from "~/db.server";
import { importEtr, NotAnEtrFile } from "~/models/organisation/ods-import.server";

export const meta: MetaFunction = () => [{ title: "Import organisations from ODS - Peerlink" }];

// The national trust file is well under 1 MB; the cap keeps a wrong file from filling memory.
const MAX_BYTES = 20 * 1024 * 1024;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, { action: "organisation:import" });
  return null;
}

const fail = (message: string) => json({ errors: { file: message }, result: null }, { status: 400 });

export async function action({ request, context }: ActionFunctionArgs) {
  const { actor } = await requirePermission(request, { action: "organisation:import" });
  if (!(request.headers.get("content-type") ?? "").startsWith("multipart/form-data"))
    return fail("Select an etr.csv file to import");
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_BYTES }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return fail("The file must be smaller than 20 MB");
    throw error;
  }
  const file = formData.get("file");
  if (!(file instanceof File) || file.size === 0) return fail("Select an etr.csv file to import");
  let result;
  try {
    result = await importEtr(getDb(), actor, Buffer.from(await file.arrayBuffer()), {
      clientAddress: context.clientAddress,
    });
  } catch (error) {
    if (error instanceof NotAnEtrFile) return fail(error.message);
    throw error;
  }
  return json({ errors: null, result: { ...result, fileName: file.name } });
}

export default function ImportOds() {
  const data = useActionData<typeof action>();
  const result = data?.result;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={data?.errors ?? undefined} />
        <h1>Import organisations from ODS</h1>
        <p>
          Upload the NHS Organisation Data Service trust file, <code>etr.csv</code>. A re-import updates organisations
          already here and never duplicates them; trusts with a close date become inactive. A malformed line is reported
          by its line number and nothing of it is written.
        </p>
        {result ? (
          <div className="nhsuk-card">
            <div className="nhsuk-card__content">
              <h2 className="nhsuk-card__heading">Imported {result.fileName}</h2>
              <ul>
                <li>{result.created} organisations added</li>
                <li>{result.updated} updated</li>
                <li>{result.deactivated} closed and marked inactive</li>
                <li>{result.unchanged} unchanged</li>
              </ul>
              {result.errors.length > 0 ? (
                <>
                  <h3>Lines not imported</h3>
                  <ul>
                    {result.errors.map((e) => (
                      <li key={`e${e.line}`}>
                        Line {e.line}: {e.message}
                      </li>
                    ))}
                    {result.moreErrors > 0 ? <li>and {result.moreErrors.toLocaleString("en-GB")} more</li> : null}
                  </ul>
                </>
              ) : null}
              {result.warnings.length > 0 ? (
                <>
                  <h3>Imported with warnings</h3>
                  <ul>
                    {result.warnings.map((w) => (
                      <li key={`w${w.line}`}>
                        Line {w.line}: {w.message}
                      </li>
                    ))}
                    {result.moreWarnings > 0 ? <li>and {result.moreWarnings.toLocaleString("en-GB")} more</li> : null}
                  </ul>
                </>
              ) : null}
            </div>
          </div>
        ) : null}
        <Form method="post" encType="multipart/form-data" noValidate>
          <div className={`nhsuk-form-group${data?.errors?.file ? " nhsuk-form-group--error" : ""}`}>
            <label className="nhsuk-label" htmlFor="file">
              ODS trust file (etr.csv)
            </label>
            {data?.errors?.file ? (
              <span className="nhsuk-error-message" id="file-error">
                <span className="nhsuk-u-visually-hidden">Error: </span>
                {data.errors.file}
              </span>
            ) : null}
            <input
              className="nhsuk-file-upload"
              id="file"
              name="file"
              type="file"
              accept=".csv,text/csv"
              aria-describedby={data?.errors?.file ? "file-error" : undefined}
            />
          </div>
          <SubmitButton>Import</SubmitButton>
        </Form>
      </div>
    </div>
  );
}
