import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Schedule } from "./schedule";

export interface JobContext {
  db: Kysely<Database>;
  now: Date;
}

export interface Job {
  /** The job's row in the `job` table. */
  name: string;
  schedule: Schedule;
  /** Must be safe to run again: a run that failed half-way is retried. Returns a short summary for the log. */
  run(context: JobContext): Promise<string | void>;
  /** How long a run may hold the job; a crashed runner's lease runs out after this. */
  leaseMs?: number;
}

const DEFAULT_LEASE_MS = 10 * 60_000;
/** A failed run is tried again after this, not at its next regular time, so no run is lost. */
export const RETRY_AFTER_MS = 60_000;

export interface RunRecord {
  job: string;
  ok: boolean;
  summary: string;
}

const registered = new WeakMap<Kysely<Database>, WeakSet<readonly Job[]>>();

/** Adds a row for each job not yet in the table, due at once; once per list of jobs and database. */
async function registerJobs(db: Kysely<Database>, jobs: readonly Job[], now: Date) {
  const seen = registered.get(db) ?? new WeakSet();
  registered.set(db, seen);
  if (seen.has(jobs)) return;
  for (const job of jobs) {
    await db
      .insertInto("job")
      .values({
        name: job.name,
        next_run_at: now.toISOString(),
        locked_by: null,
        locked_until: null,
        last_started_at: null,
        last_finished_at: null,
        last_error: null,
      })
      .onConflict((oc) => oc.column("name").doNothing())
      .execute();
  }
  seen.add(jobs);
}

/**
 * Runs each job that is due, once across every process on the database: a job is taken with a
 * guarded update that only one process wins (the row is due and its lease is free or expired),
 * and the winner alone runs it, then sets its next time and frees the lease.
 */
export async function runDueJobs(
  db: Kysely<Database>,
  jobs: readonly Job[],
  input: { owner: string; now?: () => Date; log?: (line: string) => void },
): Promise<RunRecord[]> {
  const clock = input.now ?? (() => new Date());
  const log = input.log ?? ((line: string) => console.log(line));
  const start = clock();
  await registerJobs(db, jobs, start);
  const due = await db
    .selectFrom("job")
    .select("name")
    .where("next_run_at", "<=", start.toISOString())
    .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", start.toISOString())]))
    .execute();
  const dueNames = new Set(due.map((d) => d.name));
  const records: RunRecord[] = [];
  for (const job of jobs) {
    if (!dueNames.has(job.name)) continue;
    const takenAt = clock();
    const taken = await db
      .updateTable("job")
      .set({
        locked_by: input.owner,
        locked_until: new Date(takenAt.getTime() + (job.leaseMs ?? DEFAULT_LEASE_MS)).toISOString(),
        last_started_at: takenAt.toISOString(),
      })
      .where("name", "=", job.name)
      .where("next_run_at", "<=", takenAt.toISOString())
      .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", takenAt.toISOString())]))
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) !== 1) continue;

    const mine = () => db.updateTable("job").where("name", "=", job.name).where("locked_by", "=", input.owner);
    try {
      const summary = (await job.run({ db, now: takenAt })) ?? "";
      const finished = clock();
      await mine()
        .set((eb) => ({
          next_run_at: job.schedule(finished).toISOString(),
          locked_by: null,
          locked_until: null,
          last_finished_at: finished.toISOString(),
          last_error: null,
          runs: eb("runs", "+", 1),
        }))
        .execute();
      if (summary) log(`Job ${job.name}: ${summary}`);
      records.push({ job: job.name, ok: true, summary });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const finished = clock();
      await mine()
        .set((eb) => ({
          next_run_at: new Date(finished.getTime() + RETRY_AFTER_MS).toISOString(),
          locked_by: null,
          locked_until: null,
          last_error: reason,
          failures: eb("failures", "+", 1),
        }))
        .execute();
      console.error(`Job ${job.name} failed, to be tried again in a minute: ${reason}`);
      records.push({ job: job.name, ok: false, summary: reason });
    }
  }
  return records;
}

export interface RunningScheduler {
  /** Stops ticking and waits for a run in progress to finish. */
  stop(): Promise<void>;
}

/** Checks for due jobs every tick, one check at a time: a tick that comes during a check is skipped. */
export function startScheduler(
  db: Kysely<Database>,
  jobs: readonly Job[],
  input: { owner: string; tickMs: number; log?: (line: string) => void },
): RunningScheduler {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  let stopped = false;
  const tick = () => {
    if (stopped || busy) return;
    busy = true;
    running = runDueJobs(db, jobs, { owner: input.owner, log: input.log })
      .catch((error: unknown) =>
        console.error(`Scheduler check failed: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => {
        busy = false;
      });
  };
  const timer = setInterval(tick, input.tickMs);
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
