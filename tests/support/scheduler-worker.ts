/**
 * One scheduler process for the scheduler race test:
 *   node --import tsx tests/support/scheduler-worker.ts
 * with DATABASE_URL, GO_FILE, OWNER and NOW (an ISO time) in the environment. Its jobs each take a
 * moment, so two processes overlap; it checks for due jobs several times and prints which jobs it ran.
 */
import fs from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { connect } from "../../db/connect";
import { dailyInEngland } from "../../app/scheduler/schedule";
import { runDueJobs, type Job } from "../../app/scheduler/scheduler.server";

const { DATABASE_URL, GO_FILE, OWNER, NOW } = process.env;
if (!DATABASE_URL || !GO_FILE || !OWNER || !NOW) throw new Error("DATABASE_URL, GO_FILE, OWNER and NOW are required");

const jobs: Job[] = ["alpha", "bravo", "charlie", "delta", "echo"].map((name) => ({
  name,
  schedule: dailyInEngland(8),
  run: () => sleep(100),
}));
const connection = connect(DATABASE_URL);
try {
  await connection.db.selectFrom("job").select("name").execute();
  process.stdout.write("ready\n");
  while (!fs.existsSync(GO_FILE)) await sleep(2);
  const ran: string[] = [];
  for (let check = 0; check < 5; check++) {
    const records = await runDueJobs(connection.db, jobs, {
      owner: OWNER,
      now: () => new Date(NOW),
      log: () => undefined,
    });
    ran.push(...records.filter((r) => r.ok).map((r) => r.job));
  }
  process.stdout.write(`${JSON.stringify({ ran })}\n`);
} finally {
  await connection.close();
}
