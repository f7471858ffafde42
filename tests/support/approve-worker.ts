/**
 * One approving coordinator in a process of its own, for the capacity race test:
 *   node --import tsx tests/support/approve-worker.ts
 * with DATABASE_URL, GO_FILE, PROPOSAL_ID and COORDINATOR (an Actor as JSON) in the environment.
 * It connects, says "ready", waits for GO_FILE to appear so every worker starts together, approves,
 * and prints the result as one line of JSON.
 */
import fs from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { connect } from "../../db/connect";
import type { Actor } from "../../app/auth/policy";
import { approveProposal } from "../../app/models/matching/decisions.server";
import { Refused } from "../../app/lib/errors";

const { DATABASE_URL, GO_FILE, PROPOSAL_ID, COORDINATOR } = process.env;
if (!DATABASE_URL || !GO_FILE || !PROPOSAL_ID || !COORDINATOR)
  throw new Error("DATABASE_URL, GO_FILE, PROPOSAL_ID and COORDINATOR are required");

const connection = connect(DATABASE_URL);
try {
  // Open the connection before the start so that the approvals, not the connecting, race.
  await connection.db.selectFrom("match_proposal").select("id").where("id", "=", PROPOSAL_ID).execute();
  process.stdout.write("ready\n");
  while (!fs.existsSync(GO_FILE)) await sleep(2);
  // One line the test reads: the match made, or the rule that refused it.
  const result = await approveProposal(connection.db, {
    proposalId: PROPOSAL_ID,
    coordinator: JSON.parse(COORDINATOR) as Actor,
  }).then(
    (matchId) => ({ ok: true, matchId }),
    (error: unknown) => {
      if (error instanceof Refused) return { ok: false, reason: error.message };
      throw error;
    },
  );
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await connection.close();
}
