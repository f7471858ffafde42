/**
 * One process lapsing overdue matches, for the lapse race test:
 *   node --import tsx tests/support/lapse-worker.ts
 * with DATABASE_URL, GO_FILE and NOW (an ISO time) in the environment. It calls the job's work
 * directly, without the scheduler's lease, so only the guarded write keeps two processes apart.
 */
import fs from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { connect } from "../../db/connect";
import { lapseOverdueMatches } from "../../app/models/matching/lapse.server";

const { DATABASE_URL, GO_FILE, NOW } = process.env;
if (!DATABASE_URL || !GO_FILE || !NOW) throw new Error("DATABASE_URL, GO_FILE and NOW are required");

const connection = connect(DATABASE_URL);
try {
  await connection.db.selectFrom("outreach_match").select("id").execute();
  process.stdout.write("ready\n");
  while (!fs.existsSync(GO_FILE)) await sleep(2);
  const lapsed = await lapseOverdueMatches(connection.db, new Date(NOW));
  process.stdout.write(`${JSON.stringify({ lapsed })}\n`);
} finally {
  await connection.close();
}
