import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { recordAuditEvent } from "~/models/audit/record.server";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";

describe.each(testEngines())("the audit log on %s", (engine) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await freshDatabase(engine);
  });
  afterEach(async () => t.dispose());

  it("appends an event with who, when, from where and what", async () => {
    await recordAuditEvent(
      t.db,
      {
        kind: "role_changed",
        actorId: "admin-1",
        subjectUserId: "user-1",
        clientAddress: "10.0.0.1",
        detail: "member → coordinator",
      },
      "2026-12-04T10:00:00.000Z",
    );
    const rows = await t.db.selectFrom("audit_event").selectAll().execute();
    expect(rows).toEqual([
      expect.objectContaining({
        kind: "role_changed",
        actor_id: "admin-1",
        subject_user_id: "user-1",
        organisation_id: null,
        client_address: "10.0.0.1",
        detail: "member → coordinator",
        occurred_at: "2026-12-04T10:00:00.000Z",
      }),
    ]);
  });

  it("refuses to change or delete an event, whatever code asks", async () => {
    await recordAuditEvent(t.db, { kind: "sign_in_failed", actorId: null, detail: "wrong password" });
    await expect(t.db.updateTable("audit_event").set({ detail: "nothing happened" }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(t.db.deleteFrom("audit_event").execute()).rejects.toThrow(/append-only/);
    const rows = await t.db.selectFrom("audit_event").select("detail").execute();
    expect(rows).toEqual([{ detail: "wrong password" }]);
  });
});
