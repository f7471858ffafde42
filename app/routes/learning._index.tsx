import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { ErrorSummary } from "~/components/form";
import { LearningResult } from "~/components/learning-result";
import { LearningSearchForm } from "~/components/learning-search-form";
import { Pagination } from "~/components/pagination";
import { getDb } from "~/db.server";
import { libraryFilterChoices } from "~/models/learning/queries.server";
import { searchLibrary } from "~/models/learning/search/cache.server";
import { LIBRARY_PAGE_SIZE, parseLibraryFilters } from "~/schemas/learning";

export const meta: MetaFunction = () => [{ title: "Learning library - Peerlink" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, { action: "learning:search" });
  const { filters, errors } = parseLibraryFilters(new URL(request.url).searchParams);
  const db = getDb();
  const [result, choices] = await Promise.all([
    searchLibrary(db, {
      query: filters.q,
      capabilityIds: filters.capability,
      formatCodes: filters.format,
      regionCode: filters.region || undefined,
      from: filters.from || undefined,
      to: filters.to || undefined,
      page: filters.page,
      pageSize: LIBRARY_PAGE_SIZE,
    }),
    libraryFilterChoices(db),
  ]);
  return json({ filters, errors, choices, ...result });
}

function resultCount(total: number, moreThanTotal: boolean) {
  if (moreThanTotal) return `More than ${total.toLocaleString("en-GB")} entries found`;
  return `${total.toLocaleString("en-GB")} ${total === 1 ? "entry" : "entries"} found`;
}

export default function LearningLibrary() {
  const { filters, errors, choices, hits, total, moreThanTotal } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  const searched = Boolean(
    filters.q || filters.capability.length || filters.format.length || filters.region || filters.from || filters.to,
  );
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1>Learning library</h1>
      <p>
        What trusts learned from each other in outreach engagements, shared for everyone on Peerlink. Entries kept
        private to the two trusts are not listed.
      </p>
      <LearningSearchForm filters={filters} choices={choices} errors={errors} />
      <h2 className="nhsuk-heading-m" aria-live="polite">
        {hits.length === 0 ? "No results" : resultCount(total, moreThanTotal)}
      </h2>
      {hits.length === 0 ? (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>
            {searched
              ? filters.page > 1
                ? "There are no more entries for this search. Go back to the first page."
                : "No shared learning matches your search. Try fewer or different words, or remove a filter."
              : "No learning has been shared yet."}
          </p>
        </div>
      ) : (
        <>
          {filters.q ? (
            <p className="nhsuk-body-s">Best matches first. Matched words are highlighted.</p>
          ) : (
            <p className="nhsuk-body-s">Newest first.</p>
          )}
          <ul className="nhsuk-list">
            {hits.map((hit) => (
              <LearningResult key={hit.id} hit={hit} />
            ))}
          </ul>
        </>
      )}
      <Pagination page={filters.page} pageSize={LIBRARY_PAGE_SIZE} total={total} search={search} />
    </>
  );
}
