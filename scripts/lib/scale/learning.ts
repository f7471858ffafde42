import type { Kysely } from "kysely";
import type { ActionStatus, Database } from "../../../db/schema";
import { actionStatusLabel } from "../../../app/schemas/learning";
import { dayBetween, earliest, latest, plusDays, stampAfter } from "./calendar";
import { slug } from "./names";
import type { EngagementPlan, ScaleContext } from "./plan";
import type { PhaseRun } from "./progress";
import { weightedPicker, type Random } from "./random";
import { RowSink, type Row } from "./rows";
import { actionText, learningText, linkText } from "./text";

/** Share of entries kept private to the author's organisation. */
export const PRIVATE_SHARE = 0.2;

/** How much is written in an engagement: finished ones hold most, ones just opened very little. */
function weightOf(e: EngagementPlan): number {
  if (e.status === "completed") return 3;
  if (e.status === "stopped") return 0.7;
  return e.sessions.some((s) => s.status === "held") ? 2 : 0.25;
}

/** How many entries each engagement gets, `total` in all. */
export function distributeEntries(random: Random, engagements: readonly EngagementPlan[], total: number): number[] {
  const counts = engagements.map(() => 0);
  if (total === 0) return counts;
  if (engagements.length === 0) throw new Error("There are no engagements to record learning in");
  const pick = weightedPicker(
    engagements.map((_, index) => index),
    engagements.map(weightOf),
  );
  for (let k = 0; k < total; k++) counts[pick(random)]++;
  return counts;
}

const pickLinks = weightedPicker([0, 1, 2], [50, 35, 15]);
const pickActions = weightedPicker([0, 1, 2], [45, 35, 20]);
const overdueStatus = weightedPicker<ActionStatus>(["done", "dropped", "in_progress", "open"], [60, 10, 15, 15]);
const upcomingStatus = weightedPicker<ActionStatus>(["open", "in_progress", "done"], [60, 35, 5]);

const actionStatus = (dueOn: string, today: string, random: Random) =>
  dueOn < today ? overdueStatus(random) : upcomingStatus(random);

/** Writes one engagement's entries with their capabilities, links, actions and timeline events; returns the entry ids. */
async function addEntries(
  sink: RowSink,
  ctx: ScaleContext,
  e: EngagementPlan,
  count: number,
  written: WrittenEntries,
): Promise<void> {
  const { random, reference, calendar } = ctx;
  const openedOn = e.openedAt.slice(0, 10);
  const lastDay = e.endedAt ? e.endedAt.slice(0, 10) : calendar.yesterday;
  const asked = e.request.capabilities;
  const taught = [...new Set([...asked, ...e.offer.capabilities])];
  const timeline: Row<"engagement_event">[] = [];
  for (let k = 0; k < count; k++) {
    const id = random.uuid();
    const organisation = random.chance(0.65) ? e.request.organisation : e.offer.organisation;
    const author = random.pick(organisation.users).id;
    const createdAt = stampAfter(e.openedAt, dayBetween(openedOn, lastDay, random), random);
    const createdOn = createdAt.slice(0, 10);
    const updatedAt = random.chance(0.1)
      ? stampAfter(createdAt, earliest(calendar.yesterday, plusDays(createdOn, random.int(1, 20))), random)
      : createdAt;
    const tags = random.sample(random.chance(0.7) ? asked : taught, random.int(1, 3));
    const codes = tags.map((index) => reference.capabilities[index].code);
    const text = learningText(codes, random);
    const shared = !random.chance(PRIVATE_SHARE);
    await sink.add("learning_entry", {
      id,
      engagement_id: e.id,
      organisation_id: organisation.id,
      author_id: author,
      title: text.title,
      insight: text.insight,
      visibility: shared ? "shared" : "private",
      created_at: createdAt,
      updated_at: updatedAt,
    });
    for (const index of tags)
      await sink.add("learning_capability", { entry_id: id, capability_id: reference.capabilities[index].id });
    for (let position = 0, links = pickLinks(random); position < links; position++) {
      const link = linkText(codes, random);
      await sink.add("learning_link", {
        id: random.uuid(),
        entry_id: id,
        title: link.title,
        url: `https://qi.example.org/${slug(organisation.name)}/${link.document}`,
        position,
      });
    }
    for (let a = pickActions(random); a > 0; a--) {
      const action = actionText(codes, random);
      const dueOn = plusDays(createdOn, random.int(14, 120));
      const status = actionStatus(dueOn, calendar.today, random);
      const changedAt =
        status === "open"
          ? createdAt
          : stampAfter(
              createdAt,
              latest(createdOn, earliest(calendar.yesterday, plusDays(createdOn, random.int(3, 90)))),
              random,
            );
      await sink.add("learning_action", {
        id: random.uuid(),
        entry_id: id,
        engagement_id: e.id,
        description: action.description,
        owner: action.owner,
        due_on: dueOn,
        status,
        updated_by: author,
        updated_at: changedAt,
      });
      if (status !== "open") {
        // Worded as the service words it; the timeline never repeats what a private entry says.
        const note = shared
          ? `Action "${action.description}": status ${actionStatusLabel("open")} to ${actionStatusLabel(status)}`
          : "An action on a private learning entry was updated";
        timeline.push({
          id: random.uuid(),
          engagement_id: e.id,
          session_id: null,
          kind: "action_updated",
          note,
          actor_id: author,
          created_at: changedAt,
        });
      }
    }
    const note = shared ? `Learning recorded: ${text.title}` : "A private learning entry was recorded";
    await sink.add("engagement_event", {
      id: random.uuid(),
      engagement_id: e.id,
      session_id: null,
      kind: "learning_recorded",
      note,
      actor_id: author,
      created_at: createdAt,
    });
    for (const event of timeline.splice(0)) await sink.add("engagement_event", event);
    written.entryIds.push(id);
    if (shared) written.shared++;
  }
}

export interface WrittenEntries {
  entryIds: string[];
  /** How many of them are shared, and so go into the search index. */
  shared: number;
  rows: number;
}

/** Entries per transaction: large enough to keep commits rare, small enough to keep memory flat. */
const ENTRIES_PER_TRANSACTION = 2_000;

export async function writeLearning(
  db: Kysely<Database>,
  ctx: ScaleContext,
  engagements: EngagementPlan[],
  counts: number[],
  phase: PhaseRun,
): Promise<WrittenEntries> {
  const written: WrittenEntries = { entryIds: [], shared: 0, rows: 0 };
  let next = 0;
  while (next < engagements.length) {
    let batch = 0;
    const from = next;
    while (next < engagements.length && batch < ENTRIES_PER_TRANSACTION) batch += counts[next++];
    written.rows += await db.transaction().execute(async (trx) => {
      const sink = new RowSink(trx);
      for (let index = from; index < next; index++)
        if (counts[index] > 0) await addEntries(sink, ctx, engagements[index], counts[index], written);
      await sink.flush();
      return sink.written;
    });
    phase.advance(batch);
  }
  return written;
}
