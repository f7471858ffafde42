import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Forbidden, Refused } from "~/lib/errors";
import {
  askForPioneerStatus,
  decidePioneerStatus,
  pioneerStatusFor,
} from "~/models/organisation/pioneer-status.server";
import type { Actor } from "~/auth/policy";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";
import { people, seedPioneerWorld } from "../support/pioneer-fixture";

const REASON = "Our theatres cut cancellations by a third with QSIR; we can show others how.";

describe.each(testEngines())("asking for and granting pioneer status on %s", (engine) => {
  let t: TestDatabase;

  beforeEach(async () => {
    t = await freshDatabase(engine);
    await seedPioneerWorld(t.db);
  });
  afterEach(async () => t.dispose());

  const isPioneer = async (id: string) =>
    (await t.db.selectFrom("organisation").select("offers_outreach").where("id", "=", id).executeTakeFirstOrThrow())
      .offers_outreach === 1;
  const requests = () =>
    t.db
      .selectFrom("pioneer_status_request")
      .select(["organisation_id", "status", "reason", "decided_by", "decision_note"])
      .orderBy("requested_at")
      .execute();
  const notified = async (kind: string) =>
    (
      await t.db
        .selectFrom("notification")
        .select(["user_id", "body"])
        .where("kind", "=", kind)
        .orderBy("user_id")
        .execute()
    ).map((n) => n.user_id);
  const ask = (actor: Actor = people.requester, reason = REASON) =>
    askForPioneerStatus(t.db, { actor, organisationId: "RF4", reason });

  it("records the trust's request with its reason and tells the administrators and coordinators responsible, without making it a pioneer", async () => {
    await ask();
    expect(await requests()).toEqual([
      { organisation_id: "RF4", status: "pending", reason: REASON, decided_by: null, decision_note: "" },
    ]);
    expect(await isPioneer("RF4")).toBe(false);
    expect(await notified("pioneer_status_requested")).toEqual(["admin", "london"]);
  });

  it("refuses a request without a reason, a second one while the first waits, and one from anyone but the trust's administrator", async () => {
    await expect(ask(people.requester, "   ")).rejects.toMatchObject({ code: "reason" });
    expect(await requests()).toEqual([]);
    await expect(ask(people.member)).rejects.toBeInstanceOf(Forbidden);
    await expect(ask(people.london)).rejects.toBeInstanceOf(Forbidden);
    await expect(
      askForPioneerStatus(t.db, { actor: people.northwest, organisationId: "RF4", reason: REASON }),
    ).rejects.toBeInstanceOf(Forbidden);
    await ask();
    await expect(ask()).rejects.toBeInstanceOf(Refused);
    await expect(
      askForPioneerStatus(t.db, { actor: people.pioneer, organisationId: "RWK", reason: REASON }),
    ).rejects.toMatchObject({ message: "Your organisation is already a pioneer" });
    expect(await requests()).toHaveLength(1);
  });

  it("keeps one waiting request when two are sent at the same moment", async () => {
    const outcomes = await Promise.allSettled([ask(), ask(), ask()]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    for (const o of outcomes) if (o.status === "rejected") expect(o.reason).toBeInstanceOf(Refused);
    expect(await requests()).toHaveLength(1);
  });

  it("lets a coordinator in scope grant it, which makes the trust a pioneer and tells its people; nobody else decides", async () => {
    const id = await ask();
    for (const outsider of [people.nwcoord, people.requester, people.pioneer]) {
      await expect(
        decidePioneerStatus(t.db, { actor: outsider, requestId: id, decision: "grant", note: "" }),
      ).rejects.toBeInstanceOf(Forbidden);
    }
    expect(await isPioneer("RF4")).toBe(false);
    await decidePioneerStatus(t.db, { actor: people.london, requestId: id, decision: "grant", note: "" });
    expect(await isPioneer("RF4")).toBe(true);
    expect(await requests()).toMatchObject([{ status: "granted", decided_by: "london" }]);
    expect(await notified("pioneer_status_decided")).toEqual(["member", "requester"]);
    await expect(
      decidePioneerStatus(t.db, { actor: people.admin, requestId: id, decision: "refuse", note: "Too late" }),
    ).rejects.toMatchObject({ message: "This request has already been decided" });
    expect(await isPioneer("RF4")).toBe(true);
  });

  it("needs a reason to refuse, then tells the trust why, and the trust may ask again", async () => {
    const id = await ask();
    await expect(
      decidePioneerStatus(t.db, { actor: people.admin, requestId: id, decision: "refuse", note: " " }),
    ).rejects.toMatchObject({ code: "note" });
    expect(await requests()).toMatchObject([{ status: "pending" }]);
    await decidePioneerStatus(t.db, {
      actor: people.admin,
      requestId: id,
      decision: "refuse",
      note: "Show a re-assessment at established first",
    });
    expect(await isPioneer("RF4")).toBe(false);
    const [decision] = await t.db
      .selectFrom("notification")
      .select(["user_id", "body"])
      .where("kind", "=", "pioneer_status_decided")
      .execute();
    expect(decision.body).toContain("Show a re-assessment at established first");
    await ask();
    expect((await requests()).map((r) => r.status)).toEqual(["refused", "pending"]);
  });

  it("shows the request to the trust's administrator and those who decide, and to nobody else", async () => {
    await ask();
    expect(await pioneerStatusFor(t.db, people.requester, "RF4")).toMatchObject({
      latest: { status: "pending", reason: REASON, requestedBy: "Rita Requester" },
      canAsk: false,
      canDecide: false,
    });
    expect(await pioneerStatusFor(t.db, people.london, "RF4")).toMatchObject({
      latest: { status: "pending" },
      canDecide: true,
    });
    expect(await pioneerStatusFor(t.db, people.admin, "RF4")).toMatchObject({ canDecide: true });
    for (const outsider of [people.member, people.pioneer, people.northwest, people.nwcoord])
      expect(await pioneerStatusFor(t.db, outsider, "RF4")).toBeNull();
    expect(await pioneerStatusFor(t.db, people.northwest, "RM3")).toEqual({
      latest: null,
      canAsk: true,
      canDecide: false,
    });
  });
});
