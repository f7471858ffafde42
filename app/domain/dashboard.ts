import type { CoordinatorScope } from "../../db/schema";
import { addDays, addMonths, quarterOf } from "../lib/dates";
import { median, percentile, roundTo } from "./statistics";

/** The organisations a dashboard covers, in the shape `organisationInScope` takes. */
export interface DashboardScope {
  kind: CoordinatorScope;
  code: string | null;
}

/** What one dashboard is built for: its scope, its period (inclusive dates) and the day it is built. */
export interface DashboardQuery {
  scope: DashboardScope;
  from: string;
  to: string;
  today: string;
}

/**
 * Admins see the whole country; coordinators their own scope. Only a national view may be
 * narrowed to one region: a regional or board coordinator's scope is never widened or moved.
 */
export function dashboardScope(
  actor: { role: string; scope: DashboardScope | null },
  region: string | null,
): DashboardScope {
  const own: DashboardScope =
    actor.role === "admin" ? { kind: "national", code: null } : (actor.scope ?? { kind: "region", code: null });
  if (own.kind === "national" && region) return { kind: "region", code: region };
  return own;
}

export const mayNarrowToRegion = (actor: { role: string; scope: DashboardScope | null }) =>
  dashboardScope(actor, null).kind === "national";

/** The last twelve months, ending today. */
export function defaultPeriod(today: string): { from: string; to: string } {
  return { from: addDays(addMonths(today, -12), 1), to: today };
}

const DAY_MS = 86_400_000;

export interface TimingRow {
  quarter: string;
  matches: number;
  /** Days, to one decimal place; null when no match was approved that quarter. */
  medianDays: number | null;
  p90Days: number | null;
}

/**
 * Days from submission to first approved match, summarised by the quarter of approval. Every
 * quarter of the period is listed, so a quarter without approvals shows as empty, not as zero days.
 */
export function timingByQuarter(
  pairs: readonly { submittedAt: string; approvedAt: string }[],
  quarters: readonly string[],
): { byQuarter: TimingRow[]; overall: Omit<TimingRow, "quarter"> } {
  const days = new Map<string, number[]>(quarters.map((q) => [q, []]));
  const all: number[] = [];
  for (const pair of pairs) {
    const waited = (Date.parse(pair.approvedAt) - Date.parse(pair.submittedAt)) / DAY_MS;
    if (!Number.isFinite(waited)) continue;
    const list = days.get(quarterOf(pair.approvedAt.slice(0, 10)));
    if (!list) continue;
    list.push(waited);
    all.push(waited);
  }
  const summarise = (values: number[]) => ({
    matches: values.length,
    medianDays: roundTo(median(values), 1),
    p90Days: roundTo(percentile(values, 90), 1),
  });
  return {
    byQuarter: quarters.map((quarter) => ({ quarter, ...summarise(days.get(quarter) ?? []) })),
    overall: summarise(all),
  };
}

export interface OfferLoad {
  offerId: string;
  title: string;
  organisationName: string;
  status: string;
  capacity: number;
  approved: number;
}

/** Share of capacity taken; an offer with no places that has taken some is over any share, one with none taken is idle. */
export function loadShare(load: Pick<OfferLoad, "approved" | "capacity">): number {
  if (load.capacity > 0) return load.approved / load.capacity;
  return load.approved > 0 ? Number.POSITIVE_INFINITY : 0;
}

/** Busiest first: by share of capacity, then places taken, then name, so the order is stable. */
export function byLoad(a: OfferLoad, b: OfferLoad): number {
  return (
    loadShare(b) - loadShare(a) ||
    b.approved - a.approved ||
    a.organisationName.localeCompare(b.organisationName) ||
    a.title.localeCompare(b.title) ||
    a.offerId.localeCompare(b.offerId)
  );
}

/** The steps of the outreach funnel, in order; each counts requests that also passed the steps before it. */
export const FUNNEL_STEPS = [
  { key: "submitted", label: "Submitted" },
  { key: "matched", label: "Matched" },
  { key: "sessionHeld", label: "Session held" },
  { key: "learningRecorded", label: "Learning recorded" },
  { key: "reassessed", label: "Re-assessed" },
] as const;

export type FunnelStepKey = (typeof FUNNEL_STEPS)[number]["key"];
export type FunnelCounts = Record<FunnelStepKey, number>;

export interface FunnelRow {
  key: FunnelStepKey;
  label: string;
  requests: number;
  /** Percentages to one decimal place; null when there is nothing to divide by. */
  ofSubmitted: number | null;
  ofPrevious: number | null;
}

const percentOf = (part: number, whole: number) => (whole > 0 ? roundTo((part / whole) * 100, 1) : null);

/** The funnel as rows, each with its share of all submitted requests and of the step before. */
export function funnelRows(counts: FunnelCounts): FunnelRow[] {
  return FUNNEL_STEPS.map((step, i) => ({
    key: step.key,
    label: step.label,
    requests: counts[step.key],
    ofSubmitted: percentOf(counts[step.key], counts.submitted),
    ofPrevious: i === 0 ? null : percentOf(counts[step.key], counts[FUNNEL_STEPS[i - 1].key]),
  }));
}

/** Percentage of capacity taken, to the nearest whole number; null for an offer with no places. */
export const loadPercent = (load: Pick<OfferLoad, "approved" | "capacity">) =>
  load.capacity > 0 ? roundTo((load.approved / load.capacity) * 100, 0) : null;
