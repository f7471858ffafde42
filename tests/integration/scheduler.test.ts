import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { MailTransport } from "~/mail/transport.server";
import { serviceJobs } from "~/scheduler/jobs.server";
import { everySeconds } from "~/scheduler/schedule";
import { RETRY_AFTER_MS, runDueJobs, type Job } from "~/scheduler/scheduler.server";
import { raceChildren } from "../support/child-workers";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";

const quiet = () => undefined;

describe.each(testEngines())("the scheduler on %s", (engine) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await freshDatabase(engine);
  });
  afterEach(async () => t.dispose());

  it("runs each due job exactly once when two processes check at the same time", async () => {
    const now = "2027-03-01T08:00:00.000Z";
    const outcomes = await raceChildren("tests/support/scheduler-worker.ts", [
      { DATABASE_URL: t.url, OWNER: "process-a", NOW: now },
      { DATABASE_URL: t.url, OWNER: "process-b", NOW: now },
    ]);
    expect(
      outcomes.map((o) => o.code),
      outcomes.map((o) => o.output).join("\n"),
    ).toEqual([0, 0]);
    const ran = outcomes.flatMap((o) => (o.result as { ran: string[] }).ran).sort();
    expect(ran).toEqual(["alpha", "bravo", "charlie", "delta", "echo"]);
    const rows = await t.db
      .selectFrom("job")
      .select(["name", "runs", "locked_by", "next_run_at"])
      .orderBy("name")
      .execute();
    expect(rows.map((r) => [r.name, r.runs, r.locked_by])).toEqual(ran.map((name) => [name, 1, null]));
    // 08:00 in England on 2 March is 08:00 GMT.
    expect(new Set(rows.map((r) => r.next_run_at))).toEqual(new Set(["2027-03-02T08:00:00.000Z"]));
  });

  it("retries a failed run a minute later instead of losing it, and logs the reason", async () => {
    let calls = 0;
    const flaky: Job = {
      name: "flaky",
      schedule: everySeconds(86_400),
      run: async () => {
        calls++;
        if (calls === 1) throw new Error("database briefly unavailable");
        return "done";
      },
    };
    const start = new Date("2027-03-01T08:00:00.000Z");
    const first = await runDueJobs(t.db, [flaky], { owner: "p", now: () => start, log: quiet });
    expect(first).toEqual([{ job: "flaky", ok: false, summary: "database briefly unavailable" }]);
    const failed = await t.db.selectFrom("job").selectAll().executeTakeFirstOrThrow();
    expect(failed).toMatchObject({
      failures: 1,
      runs: 0,
      last_error: "database briefly unavailable",
      locked_by: null,
      next_run_at: new Date(start.getTime() + RETRY_AFTER_MS).toISOString(),
    });
    expect(
      await runDueJobs(t.db, [flaky], { owner: "p", now: () => new Date(start.getTime() + 30_000), log: quiet }),
    ).toEqual([]);
    const retried = await runDueJobs(t.db, [flaky], {
      owner: "p",
      now: () => new Date(start.getTime() + RETRY_AFTER_MS),
      log: quiet,
    });
    expect(retried).toEqual([{ job: "flaky", ok: true, summary: "done" }]);
    expect(await t.db.selectFrom("job").select(["runs", "failures", "last_error"]).executeTakeFirstOrThrow()).toEqual({
      runs: 1,
      failures: 1,
      last_error: null,
    });
  });

  it("leaves a job leased by a crashed process until its lease runs out", async () => {
    let calls = 0;
    const job: Job = { name: "leased", schedule: everySeconds(60), leaseMs: 5 * 60_000, run: async () => void calls++ };
    const start = new Date("2027-03-01T08:00:00.000Z");
    await runDueJobs(t.db, [job], { owner: "p", now: () => start, log: quiet });
    expect(calls).toBe(1);
    await t.db
      .updateTable("job")
      .set({ locked_by: "crashed", locked_until: new Date(start.getTime() + 5 * 60_000).toISOString() })
      .execute();
    await runDueJobs(t.db, [job], { owner: "p", now: () => new Date(start.getTime() + 2 * 60_000), log: quiet });
    expect(calls).toBe(1);
    await runDueJobs(t.db, [job], { owner: "p", now: () => new Date(start.getTime() + 6 * 60_000), log: quiet });
    expect(calls).toBe(2);
  });

  it("over a simulated day, including the spring clock change, runs the daily jobs once each and delivery every few seconds (measured)", async () => {
    const sent: string[] = [];
    const transport: MailTransport = {
      description: "counting",
      send: async (mail) => {
        sent.push(mail.id);
        return { ok: true };
      },
    };
    let simulated = new Date("2027-03-27T12:00:00.000Z").getTime();
    const end = simulated + 24 * 3_600_000;
    const clock = () => new Date(simulated);
    const jobs = serviceJobs({ transport, workerId: "sim", now: clock });
    const runs = new Map<string, number>();
    // Every 30 s rather than every second, so a day takes seconds to simulate; delivery is then due at every check.
    const stepMs = 30_000;
    for (; simulated < end; simulated += stepMs) {
      for (const record of await runDueJobs(t.db, jobs, { owner: "sim", now: clock, log: quiet })) {
        expect(record.ok, record.summary).toBe(true);
        runs.set(record.job, (runs.get(record.job) ?? 0) + 1);
      }
    }
    const figures = Object.fromEntries([...runs].sort());
    console.log(
      `[figure] ${engine} simulated day from 2027-03-27 12:00 UTC, checked every 30 s: ${JSON.stringify(figures)}`,
    );
    expect(figures).toEqual({
      // Each runs once when first registered (12:00, a run missed while no server was up) and once at its time.
      "daily-digest": 2,
      "feedback-reminders": 2,
      "follow-up-reminders": 2,
      "lapse-unanswered-matches": 2,
      "match-answer-reminders": 2,
      "offers-resume": 2,
      "questionnaire-reminders": 2,
      "session-reminders": 2,
      outbox: (24 * 3_600_000) / stepMs,
    });
    const daily = await t.db
      .selectFrom("job")
      .select(["name", "last_started_at"])
      .where("name", "in", ["daily-digest", "session-reminders"])
      .orderBy("name")
      .execute();
    // 07:00 and 08:00 in England on Sunday 28 March are BST: 06:00 and 07:00 UTC.
    expect(daily).toEqual([
      { name: "daily-digest", last_started_at: "2027-03-28T06:00:00.000Z" },
      { name: "session-reminders", last_started_at: "2027-03-28T07:00:00.000Z" },
    ]);
  }, 300_000);
});
