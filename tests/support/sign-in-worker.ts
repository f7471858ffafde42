/**
 * One process signing in many times at once, for the sign-in burst test:
 *   node --import tsx tests/support/sign-in-worker.ts
 * with DATABASE_URL, GO_FILE, EMAIL and ATTEMPTS (a JSON list of { password, client }) in the environment.
 * It connects, says "ready", waits for GO_FILE to appear so every worker starts together, sends every
 * attempt at the same moment, and prints the results as one line of JSON.
 */
import fs from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { connect } from "../../db/connect";
import { createAuth } from "../../app/auth/lucia.server";
import { signIn } from "../../app/models/account/sign-in.server";

const { DATABASE_URL, GO_FILE, EMAIL, ATTEMPTS } = process.env;
if (!DATABASE_URL || !GO_FILE || !EMAIL || !ATTEMPTS)
  throw new Error("DATABASE_URL, GO_FILE, EMAIL and ATTEMPTS are required");
const attempts = JSON.parse(ATTEMPTS) as { password: string; client: string }[];

const connection = connect(DATABASE_URL);
const auth = createAuth(connection.db, { idleMinutes: 30, absoluteHours: 12, production: false });
try {
  // Open the connection before the start so that the sign-ins, not the connecting, race.
  await connection.db.selectFrom("app_user").select("id").execute();
  process.stdout.write("ready\n");
  while (!fs.existsSync(GO_FILE)) await sleep(2);
  const results = await Promise.all(
    attempts.map(({ password, client }) =>
      signIn(connection.db, auth, { email: EMAIL, password, client }, { maxFailures: 5, windowMinutes: 15 }),
    ),
  );
  process.stdout.write(`${JSON.stringify(results.map((r) => (r.ok ? "signed-in" : r.reason)))}\n`);
} finally {
  await connection.close();
}
