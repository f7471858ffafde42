/**
 * Another app server's write, in a process of its own, for the kept-search test:
 *   node --import tsx tests/support/make-private-worker.ts
 * with DATABASE_URL, ENTRY_ID and ACTOR (an Actor as JSON) in the environment. It makes the entry
 * private through the models, as that server would, and prints "done". With TITLE set it gives the
 * entry that title and keeps it shared instead.
 */
import { connect } from "../../db/connect";
import type { Actor } from "../../app/auth/policy";
import { updateLearning } from "../../app/models/learning/entries.server";

const { DATABASE_URL, ENTRY_ID, ACTOR, TITLE } = process.env;
if (!DATABASE_URL || !ENTRY_ID || !ACTOR) throw new Error("DATABASE_URL, ENTRY_ID and ACTOR are required");

const connection = connect(DATABASE_URL);
try {
  const entry = await connection.db
    .selectFrom("learning_entry")
    .select(["title", "insight"])
    .where("id", "=", ENTRY_ID)
    .executeTakeFirstOrThrow();
  const capabilities = await connection.db
    .selectFrom("learning_capability")
    .select("capability_id")
    .where("entry_id", "=", ENTRY_ID)
    .execute();
  await updateLearning(connection.db, {
    actor: JSON.parse(ACTOR) as Actor,
    entryId: ENTRY_ID,
    fields: {
      title: TITLE ?? entry.title,
      insight: entry.insight,
      capabilityIds: capabilities.map((c) => c.capability_id),
      visibility: TITLE ? "shared" : "private",
      links: [],
    },
  });
  process.stdout.write("done\n");
} finally {
  await connection.close();
}
