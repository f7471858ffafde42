import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import type { Actor } from "~/auth/policy";
import { ErrorSummary, SubmitButton } from "~/components/form";
import { MatchFlash, type Flash } from "~/components/match-flash";
import { DecidedProposals, fieldId } from "~/components/match-proposal";
import { UnmatchedRequests, WaitingProposals } from "~/components/round-summary";
import { MatchPairRules } from "~/components/match-rules";
import { getDb } from "~/db.server";
import { formatDateTimeInEngland, quarterLabel, quarterOf, todayInEngland } from "~/lib/dates";
import { asResponse, refusalMessage } from "~/lib/error-response.server";
import { readForm, parseForm, valueOf, type FieldErrors } from "~/lib/forms";
import {
  approveProposal,
  approveProposals,
  blockPair,
  listPairRules,
  overrideProposal,
  pinPair,
  rejectProposal,
  removePairRule,
} from "~/models/matching/decisions.server";
import { runRound, scopeName, type RoundDetail } from "~/models/matching/rounds.server";
import { requireVisibleRound } from "~/models/matching/guard.server";
import { roundActionSchema, type RoundAction } from "~/schemas/matching";
import { SummaryList } from "~/components/summary-list";
import { RoundFitNote } from "~/components/round-fit-note";
import { OverridePreview, type OverridePreviewData } from "~/components/override-preview";
import { previewOverride } from "~/models/matching/override-preview.server";
import { roundTotalsInWords } from "~/domain/round-words";
import { DEFAULT_WEIGHTS, maxFitScore } from "~/matching/weights";
import { ResourceErrorBoundary } from "~/components/error-boundary";
import { OneMorePlaceSection } from "~/components/round-insights";
import { Pagination } from "~/components/pagination";
import { pageSchema } from "~/schemas/page";
import { pairAgainstBestPlan } from "~/models/matching/insights.server";

/** How many of each list (waiting, unmatched, decided) a page of the round shows. */
const ROUND_PAGE_SIZE = 25;
import { WorstOffSection } from "~/components/round-worst-off";

export const ErrorBoundary = () => <ResourceErrorBoundary missing="Matching round not found" />;

export const meta: MetaFunction = () => [{ title: "Matching round - Peerlink" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { round } = await requireVisibleRound(request, params.id);
  const db = getDb();
  const rules = await listPairRules(db, [...new Set(round.proposals.map((p) => p.request_id))]);
  const url = new URL(request.url);
  const { page } = pageSchema.parse(Object.fromEntries(url.searchParams));
  const ran = url.searchParams.get("ran") === "1";
  const flash: Flash | null = ran
    ? { kind: "success", text: `Round run: ${round.summary.proposed} proposed, ${round.summary.unmatched} unmatched.` }
    : null;
  // A regional round holds hundreds of proposals, each with its explanation and forms: every list
  // shows one page of them; the CSV holds the whole round.
  const { proposals, ...roundWithoutProposals } = round;
  const lists = proposalLists(proposals);
  const onPage = <T,>(list: T[]) => list.slice((page - 1) * ROUND_PAGE_SIZE, page * ROUND_PAGE_SIZE);
  return json({
    round: roundWithoutProposals,
    open: onPage(lists.open),
    unmatched: onPage(lists.unmatched),
    decided: onPage(lists.decided),
    counts: { open: lists.open.length, unmatched: lists.unmatched.length, decided: lists.decided.length },
    page,
    rules,
    area: await scopeName(db, { kind: round.scope, code: round.scope_code }),
    flash,
  });
}

/** A decision's banner: the success, or the rule that refused it. */
async function outcome(decision: Promise<unknown>, success: string): Promise<Flash> {
  try {
    await decision;
    return { kind: "success", text: success };
  } catch (error) {
    return { kind: "error", text: refusalMessage(error) };
  }
}

async function decide(
  actor: Actor,
  round: RoundDetail,
  action: Exclude<RoundAction, { intent: "rerun" | "override-preview" }>,
  clientAddress: string,
): Promise<Flash> {
  const db = getDb();
  const proposal = (id: string) => round.proposals.find((p) => p.id === id);
  if ("proposalId" in action && !proposal(action.proposalId))
    return { kind: "error", text: "That proposal is not part of this round" };
  switch (action.intent) {
    case "approve": {
      const p = proposal(action.proposalId)!;
      return outcome(
        approveProposal(db, { proposalId: p.id, coordinator: actor, reason: action.reason }),
        `Approved: ${p.request_title} with ${p.offer_title}. Both trusts have been told.`,
      );
    }
    case "bulk-approve": {
      const ids = action.proposalIds.filter((id) => proposal(id));
      const result = await approveProposals(db, { proposalIds: ids, coordinator: actor });
      const items = result.failed.map((f) => `${proposal(f.proposalId)?.request_title}: ${f.reason}`);
      return {
        kind: result.failed.length ? "error" : "success",
        text: `Approved ${result.approved.length} of ${ids.length} proposals.`,
        items,
      };
    }
    case "reject": {
      const p = proposal(action.proposalId)!;
      return outcome(
        rejectProposal(db, { proposalId: p.id, coordinator: actor, reason: action.reason }),
        `Rejected: ${p.request_title} with ${p.offer_title}.`,
      );
    }
    case "override": {
      const p = proposal(action.proposalId)!;
      const chosen = p.alternatives.find((a) => a.offerId === action.offerId);
      return outcome(
        overrideProposal(db, {
          proposalId: p.id,
          coordinator: actor,
          offerId: action.offerId,
          reason: action.reason,
          clientAddress,
        }),
        `Approved instead: ${p.request_title} with ${chosen?.offerTitle ?? "the chosen offer"}.`,
      );
    }
    case "rule": {
      const set = action.kind === "pin" ? pinPair : blockPair;
      const rule = set(db, {
        requestId: proposal(action.proposalId)!.request_id,
        offerId: action.offerId,
        coordinator: actor,
        reason: action.reason,
        clientAddress,
      });
      return outcome(rule, `Pair ${action.kind === "pin" ? "pinned" : "blocked"}. Run the round again to apply it.`);
    }
    case "remove-rule":
      return outcome(
        removePairRule(db, { ruleId: action.ruleId, coordinator: actor, clientAddress }),
        "Rule removed. Run the round again to apply it.",
      );
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, round } = await requireVisibleRound(request, params.id);
  const form = parseForm(roundActionSchema, await readForm(request));
  if (!form.ok) {
    const proposalId = valueOf(form.values, "proposalId");
    // A preview's errors belong to the override form it came from.
    const intent = valueOf(form.values, "intent").replace(/-preview$/, "");
    if (!proposalId || !intent)
      return json(
        { flash: { kind: "error", text: Object.values(form.errors)[0] } satisfies Flash, errors: null },
        { status: 400 },
      );
    const errors: FieldErrors = Object.fromEntries(
      Object.entries(form.errors).map(([field, message]) => [fieldId(intent, field, proposalId), message]),
    );
    return json({ flash: null, errors }, { status: 400 });
  }
  if (form.data.intent === "rerun") {
    const today = todayInEngland();
    const next = await runRound(getDb(), {
      coordinator: actor,
      quarter: quarterOf(today),
      today,
      // Run again as it was run.
      needPriority: round.summary.needPriority === true,
      clientAddress: context.clientAddress,
    }).catch((error: unknown) => {
      throw asResponse(error);
    });
    return redirect(`/matching/rounds/${next.id}?ran=1`);
  }
  if (form.data.intent === "override-preview") {
    const { proposalId, offerId, reason } = form.data;
    try {
      const consequence = await previewOverride(getDb(), { coordinator: actor, round, proposalId, offerId });
      const requestId = round.proposals.find((p) => p.id === proposalId)!.request_id;
      const againstBestPlan = await pairAgainstBestPlan(getDb(), {
        actor,
        round,
        requestId,
        offerId,
        today: todayInEngland(),
      });
      const preview: OverridePreviewData = { proposalId, offerId, reason, consequence, againstBestPlan };
      return json({ flash: null, errors: null, preview });
    } catch (error) {
      return json(
        { flash: { kind: "error", text: refusalMessage(error) } satisfies Flash, errors: null },
        { status: 409 },
      );
    }
  }
  const flash = await decide(actor, round, form.data, context.clientAddress);
  return json({ flash, errors: null }, { status: flash.kind === "error" && !("items" in flash) ? 409 : 200 });
}

/** Proposals waiting, requests left unmatched and proposals decided, in the round's order. */
function proposalLists<P extends { status: string }>(proposals: P[]) {
  return {
    open: proposals.filter((p) => p.status === "proposed"),
    unmatched: proposals.filter((p) => p.status === "unmatched"),
    decided: proposals.filter((p) => p.status !== "proposed" && p.status !== "unmatched"),
  };
}

/** Showing 26 to 50 of 839, when a list runs over one page. */
function PageOfList({ page, count }: { page: number; count: number }) {
  if (count <= ROUND_PAGE_SIZE) return null;
  const first = (page - 1) * ROUND_PAGE_SIZE + 1;
  const last = Math.min(count, page * ROUND_PAGE_SIZE);
  return (
    <p className="nhsuk-body-s">
      {first > last ? `None on this page; ${count} in all.` : `Showing ${first} to ${last} of ${count}.`}
    </p>
  );
}

export default function MatchingRound() {
  const { round, open, unmatched, decided, counts, page, rules, area, flash } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  const data = useActionData<typeof action>();
  const errors = data?.errors ?? undefined;
  const pinned = new Set(rules.filter((r) => r.kind === "pin").map((r) => `${r.request_id}|${r.offer_id}`));
  const maxScore = maxFitScore({ ...DEFAULT_WEIGHTS, ...round.weights });
  const totals = roundTotalsInWords(round.summary, maxScore);
  return (
    <>
      <Link className="nhsuk-back-link" to="/matching">
        Matching
      </Link>
      <MatchFlash flash={data?.flash ?? flash} />
      <ErrorSummary errors={errors} />
      {data && "preview" in data ? (
        <OverridePreview preview={data.preview} cancelTo={`/matching/rounds/${round.id}`} />
      ) : null}
      <span className="nhsuk-caption-l">
        {area}, {quarterLabel(round.quarter)}
      </span>
      <h1>Matching round of {formatDateTimeInEngland(round.created_at)}</h1>
      <SummaryList
        rows={[
          ["Run by", round.run_by_name],
          ["Open requests", `${round.summary.requests}, with ${round.summary.offers} offers open`],
          [
            "Proposed",
            `${round.summary.proposed}${round.summary.pinned ? `, of which ${round.summary.pinned} pinned` : ""}`,
          ],
          ["Unmatched", String(round.summary.unmatched)],
          ["Requests helped", totals.helped],
        ]}
      />
      <RoundFitNote fit={totals.fit} maxScore={maxScore} />
      <WorstOffSection summary={round.summary} />
      <p>
        <a href={`/matching/rounds/${round.id}/csv`} download>
          Download the round as CSV
        </a>
      </p>
      <Form method="post">
        <input type="hidden" name="intent" value="rerun" />
        <SubmitButton secondary>Run the round again</SubmitButton>
      </Form>

      {round.places ? <OneMorePlaceSection places={round.places} /> : null}
      <p>
        <Link to="why-not" relative="path">
          Why not this offer? Ask about any request and offer
        </Link>
      </p>

      <h2>Proposals waiting for a decision ({counts.open})</h2>
      <PageOfList page={page} count={counts.open} />
      <WaitingProposals proposals={open} pinned={(p) => pinned.has(`${p.request_id}|${p.offer_id}`)} errors={errors} />

      <h2>Unmatched requests ({counts.unmatched})</h2>
      <PageOfList page={page} count={counts.unmatched} />
      <UnmatchedRequests proposals={unmatched} errors={errors} />

      {counts.decided ? <h2>Decided ({counts.decided})</h2> : null}
      <PageOfList page={page} count={counts.decided} />
      <DecidedProposals proposals={decided} />
      <Pagination
        page={page}
        pageSize={ROUND_PAGE_SIZE}
        total={Math.max(counts.open, counts.unmatched, counts.decided)}
        search={search}
      />

      <h2>Pinned and blocked pairs</h2>
      <MatchPairRules rules={rules} />
    </>
  );
}
