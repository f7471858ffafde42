import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "~/auth/policy";
import { formValues } from "~/lib/forms";
import {
  engagementLearning,
  recordLearning,
  updateLearning,
  updateLearningAction,
} from "~/models/learning/entries.server";
import { readLearningEntry } from "~/models/learning/queries.server";
import { learningSearch } from "~/models/learning/search/index.server";
import { parseNewLearning } from "~/schemas/learning";
import { actors, entryFields, indexedRows, record, seedLearning } from "../support/learning-fixture";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";
import { Forbidden, NotFound, Refused } from "~/lib/errors";

const form = (fields: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields))
    for (const v of ([] as string[]).concat(value)) data.append(name, v);
  return data;
};

describe.each(testEngines())("the learning log on %s", (engine) => {
  let t: TestDatabase;
  let e: { e1: string; e2: string; e3: string };
  beforeEach(async () => {
    t = await freshDatabase(engine);
    e = await seedLearning(t.db);
  });
  afterEach(async () => t.dispose());

  const counts = async () => ({
    entries: (await t.db.selectFrom("learning_entry").select("id").execute()).length,
    capabilities: (await t.db.selectFrom("learning_capability").select("entry_id").execute()).length,
    links: (await t.db.selectFrom("learning_link").select("id").execute()).length,
    actions: (await t.db.selectFrom("learning_action").select("id").execute()).length,
    events: (await t.db.selectFrom("engagement_event").select("id").execute()).length,
    indexed: await indexedRows(t.db),
  });
  const events = (kind: "learning_recorded" | "action_updated") =>
    t.db
      .selectFrom("engagement_event")
      .select(["engagement_id", "actor_id", "note"])
      .where("kind", "=", kind)
      .orderBy("created_at")
      .execute();
  const search = (query: string) => learningSearch(t.db).search(t.db, { query, page: 1, pageSize: 20 });

  it("records an entry with its capabilities, links and actions, on the author's side, in the timeline and the index", async () => {
    const id = await recordLearning(t.db, {
      actor: actors.requesterMember,
      engagementId: e.e1,
      fields: entryFields({
        title: "Run charts at board",
        insight: "Twelve points before judging a change.",
        capabilityIds: ["c1", "c2"],
        links: [
          { title: "Run chart template", url: "https://example.org/run-chart.xlsx" },
          { title: "Board paper", url: "https://example.org/paper" },
        ],
        actions: [
          {
            description: "Replace RAG tables in the board report",
            owner: "Ann Lee, head of performance",
            dueOn: "2027-03-31",
          },
        ],
      }),
    });
    const entry = await readLearningEntry(t.db, id, actors.requesterMember);
    expect(entry).toMatchObject({
      title: "Run charts at board",
      visibility: "shared",
      organisationId: "RF4",
      organisationName: "Barking Trust",
      authorName: "Person reqm",
      requesterName: "Barking Trust",
      pioneerName: "East London Trust",
      capabilities: [{ id: "c1" }, { id: "c2" }],
      links: [
        { title: "Run chart template", url: "https://example.org/run-chart.xlsx" },
        { title: "Board paper", url: "https://example.org/paper" },
      ],
      actions: [
        {
          description: "Replace RAG tables in the board report",
          owner: "Ann Lee, head of performance",
          dueOn: "2027-03-31",
          status: "open",
          updatedByName: "Person reqm",
        },
      ],
    });
    expect(await events("learning_recorded")).toEqual([
      { engagement_id: e.e1, actor_id: "reqm", note: "Learning recorded: Run charts at board" },
    ]);
    expect((await search("template")).hits.map((h) => h.id)).toEqual([id]);
  });

  it("keeps a private entry's title out of the timeline, which coordinators read", async () => {
    await record(t.db, actors.pioneer, e.e1, { title: "Our budget gap", visibility: "private" });
    expect(await events("learning_recorded")).toEqual([
      { engagement_id: e.e1, actor_id: "pio", note: "A private learning entry was recorded" },
    ]);
  });

  it("refuses bad input and changes nothing", async () => {
    const before = await counts();
    const refusals: [Partial<Parameters<typeof entryFields>[0]>, string | undefined][] = [
      [{ title: "  " }, "title_missing"],
      [{ insight: "" }, "insight_missing"],
      [{ capabilityIds: [] }, "capabilities"],
      [{ capabilityIds: ["c1", "no-such-capability"] }, "capabilities"],
      [{ capabilityIds: ["old"] }, "capabilities"],
      [{ links: [{ title: "Script", url: "javascript:alert(1)" }] }, undefined],
      [{ actions: [{ description: "Do it", owner: "", dueOn: "2027-01-01" }] }, undefined],
      [{ actions: [{ description: "Do it", owner: "Sam", dueOn: "2027-02-30" }] }, undefined],
    ];
    for (const [overrides, code] of refusals) {
      const attempt = record(t.db, actors.requester, e.e1, overrides);
      await expect(attempt).rejects.toBeInstanceOf(Refused);
      await expect(attempt).rejects.toMatchObject({ code });
    }
    expect(await counts()).toEqual(before);
  });

  it("reads the form: blank rows are ignored, half-filled rows get a message on the missing box", () => {
    const ok = parseNewLearning(
      form({
        title: "Huddles",
        insight: "Short and daily.",
        capabilityIds: ["c1"],
        visibility: "private",
        "linkTitle-1": "",
        "linkUrl-1": "",
        "linkTitle-2": "Board photo",
        "linkUrl-2": "https://example.org/photo",
        "actionDescription-3": "Start huddles on ward 4",
        "actionOwner-3": "Sam",
        "actionDue-3": "2027-02-01",
      }),
    );
    expect(ok).toEqual({
      ok: true,
      data: {
        title: "Huddles",
        insight: "Short and daily.",
        capabilityIds: ["c1"],
        visibility: "private",
        links: [{ title: "Board photo", url: "https://example.org/photo" }],
        actions: [{ description: "Start huddles on ward 4", owner: "Sam", dueOn: "2027-02-01" }],
      },
    });
    const refused = parseNewLearning(
      form({
        title: "",
        insight: "Text",
        visibility: "everyone",
        "linkTitle-1": "No address",
        "linkUrl-2": "ftp://example.org/file",
        "linkTitle-2": "Wrong scheme",
        "actionDescription-1": "No owner or date",
        "actionOwner-2": "Only an owner",
        "actionDue-2": "2027-13-01",
      }),
    );
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.errors).toEqual({
      title: "Enter a title",
      capabilityIds: "Select at least one capability this learning is about",
      visibility: "Select who can read this entry",
      "linkUrl-1": "Enter the web address of link 1",
      "linkUrl-2": "Enter the web address of link 2 in full, starting with https://",
      "actionOwner-1": "Enter who owns action 1",
      "actionDue-1": "Enter the due date of action 1",
      "actionDescription-2": "Enter what action 2 is",
      "actionDue-2": "The due date of action 2 must be a real date, like 14/03/2027",
    });
    expect(refused.values).toEqual(
      formValues(
        form({
          title: "",
          insight: "Text",
          visibility: "everyone",
          "linkTitle-1": "No address",
          "linkUrl-2": "ftp://example.org/file",
          "linkTitle-2": "Wrong scheme",
          "actionDescription-1": "No owner or date",
          "actionOwner-2": "Only an owner",
          "actionDue-2": "2027-13-01",
        }),
      ),
    );
  });

  it("lets only the two trusts of the engagement record, while it runs and after it ended", async () => {
    const before = await counts();
    for (const outsider of [
      actors.salford,
      actors.derby,
      actors.coordinator,
      actors.londonCoordinator,
      actors.admin,
    ] as Actor[]) {
      await expect(record(t.db, outsider, e.e1)).rejects.toBeInstanceOf(Forbidden);
    }
    await expect(record(t.db, actors.requester, "no-such-engagement")).rejects.toBeInstanceOf(NotFound);
    expect(await counts()).toEqual(before);

    await t.db
      .updateTable("engagement")
      .set({ status: "completed", ended_at: "2027-03-01T10:00:00.000Z", ended_by: "req" })
      .where("id", "=", e.e1)
      .execute();
    const fromPioneer = await record(t.db, actors.pioneer, e.e1, { title: "After the end" });
    expect(
      (
        await t.db
          .selectFrom("learning_entry")
          .select("organisation_id")
          .where("id", "=", fromPioneer)
          .executeTakeFirstOrThrow()
      ).organisation_id,
    ).toBe("RWK");
  });

  it("shows a private entry only to the two trusts, through reads and search; a shared one to everyone", async () => {
    const secret = await record(t.db, actors.requester, e.e1, {
      title: "Staffing gaps we found",
      insight: "Confidential vacancy figures.",
      visibility: "private",
    });
    const open = await record(t.db, actors.requester, e.e1, {
      title: "Staffing huddles",
      insight: "Open lessons on vacancy cover.",
    });
    for (const insider of [actors.requester, actors.requesterMember, actors.pioneer] as Actor[]) {
      expect((await readLearningEntry(t.db, secret, insider))?.id).toBe(secret);
      expect((await engagementLearning(t.db, e.e1, insider)).entries.map((x) => x.id).sort()).toEqual(
        [secret, open].sort(),
      );
    }
    for (const outsider of [
      actors.salford,
      actors.derby,
      actors.coordinator,
      actors.londonCoordinator,
      actors.admin,
    ] as Actor[]) {
      expect(await readLearningEntry(t.db, secret, outsider)).toBeUndefined();
      expect((await readLearningEntry(t.db, open, outsider))?.id).toBe(open);
      expect((await engagementLearning(t.db, e.e1, outsider)).entries.map((x) => x.id)).toEqual([open]);
    }
    expect((await search("vacancy")).hits.map((h) => h.id)).toEqual([open]);
    expect((await search("confidential")).hits).toEqual([]);
  });

  it("lets either trust update an action, recording each change on the timeline", async () => {
    const id = await record(t.db, actors.requester, e.e1, {
      actions: [{ description: "Start daily huddles", owner: "Sam Jones", dueOn: "2027-02-01" }],
    });
    const [action] = (await readLearningEntry(t.db, id, actors.requester))!.actions;

    expect(
      await updateLearningAction(t.db, {
        actor: actors.pioneer,
        actionId: action.id,
        change: { status: "in_progress", owner: "Sam Jones", dueOn: "2027-02-01" },
      }),
    ).toBe(true);
    expect(
      await updateLearningAction(t.db, {
        actor: actors.requesterMember,
        actionId: action.id,
        change: { status: "done", owner: "Kim Ray", dueOn: "2027-02-15" },
      }),
    ).toBe(true);
    // The same values again change nothing and add nothing to the timeline.
    expect(
      await updateLearningAction(t.db, {
        actor: actors.requester,
        actionId: action.id,
        change: { status: "done", owner: "Kim Ray", dueOn: "2027-02-15" },
      }),
    ).toBe(false);

    expect((await readLearningEntry(t.db, id, actors.requester))!.actions[0]).toMatchObject({
      status: "done",
      owner: "Kim Ray",
      dueOn: "2027-02-15",
      updatedByName: "Person reqm",
    });
    expect(await events("action_updated")).toEqual([
      { engagement_id: e.e1, actor_id: "pio", note: 'Action "Start daily huddles": status Open to In progress' },
      {
        engagement_id: e.e1,
        actor_id: "reqm",
        note: 'Action "Start daily huddles": status In progress to Done; owner Sam Jones to Kim Ray; due date 2027-02-01 to 2027-02-15',
      },
    ]);
    // Done actions leave the engagement page's list of open ones.
    expect((await engagementLearning(t.db, e.e1, actors.pioneer)).entries[0].openActions).toEqual([]);

    for (const outsider of [actors.salford, actors.coordinator, actors.admin] as Actor[]) {
      await expect(
        updateLearningAction(t.db, {
          actor: outsider,
          actionId: action.id,
          change: { status: "open", owner: "X", dueOn: "2027-02-01" },
        }),
      ).rejects.toBeInstanceOf(Forbidden);
    }
    await expect(
      updateLearningAction(t.db, {
        actor: actors.pioneer,
        actionId: action.id,
        change: { status: "open", owner: " ", dueOn: "2027-02-01" },
      }),
    ).rejects.toBeInstanceOf(Refused);
    await expect(
      updateLearningAction(t.db, {
        actor: actors.pioneer,
        actionId: "no-such-action",
        change: { status: "open", owner: "X", dueOn: "2027-02-01" },
      }),
    ).rejects.toBeInstanceOf(NotFound);
    expect(await events("action_updated")).toHaveLength(2);
  });

  it("does not repeat a private entry's action on the timeline", async () => {
    const id = await record(t.db, actors.pioneer, e.e1, {
      visibility: "private",
      actions: [{ description: "Fix the budget gap", owner: "Finance lead", dueOn: "2027-04-01" }],
    });
    const [action] = (await readLearningEntry(t.db, id, actors.pioneer))!.actions;
    await updateLearningAction(t.db, {
      actor: actors.requester,
      actionId: action.id,
      change: { status: "dropped", owner: "Finance lead", dueOn: "2027-04-01" },
    });
    expect((await events("action_updated")).map((x) => x.note)).toEqual([
      "An action on a private learning entry was updated",
    ]);
  });

  it("lets only the author's side edit, replacing links and capabilities and keeping a retired capability it had", async () => {
    const id = await record(t.db, actors.requester, e.e1, {
      capabilityIds: ["c1", "c2"],
      links: [{ title: "Old link", url: "https://example.org/old" }],
    });
    // The capability is retired after the entry was tagged with it.
    await t.db
      .updateTable("capability")
      .set({ retired_at: "2027-02-01T00:00:00.000Z" })
      .where("id", "=", "c2")
      .execute();
    const edited = {
      ...entryFields(),
      title: "Edited title",
      capabilityIds: ["c2", "c3"],
      visibility: "private" as const,
      links: [{ title: "New link", url: "https://example.org/new" }],
    };

    for (const other of [actors.pioneer, actors.salford, actors.coordinator, actors.admin] as Actor[]) {
      await expect(updateLearning(t.db, { actor: other, entryId: id, fields: edited })).rejects.toBeInstanceOf(
        Forbidden,
      );
    }
    expect((await readLearningEntry(t.db, id, actors.requester))?.title).toBe("Daily huddles");

    await updateLearning(t.db, { actor: actors.requesterMember, entryId: id, fields: edited });
    expect(await readLearningEntry(t.db, id, actors.requester)).toMatchObject({
      title: "Edited title",
      visibility: "private",
      capabilities: [{ id: "c2" }, { id: "c3" }],
      links: [{ title: "New link", url: "https://example.org/new" }],
    });
    // A retired capability the entry did not have cannot be added.
    await expect(
      updateLearning(t.db, { actor: actors.requester, entryId: id, fields: { ...edited, capabilityIds: ["old"] } }),
    ).rejects.toBeInstanceOf(Refused);
    await expect(
      updateLearning(t.db, { actor: actors.requester, entryId: "no-such-entry", fields: edited }),
    ).rejects.toBeInstanceOf(NotFound);
  });

  it("lists an engagement's entries for its page, with open actions and whether the viewer may record", async () => {
    const first = await record(t.db, actors.requester, e.e1, {
      title: "First",
      actions: [
        { description: "Later action", owner: "A", dueOn: "2027-05-01" },
        { description: "Sooner action", owner: "B", dueOn: "2027-02-01" },
      ],
    });
    await record(t.db, actors.salford, e.e2, { title: "Other engagement" });
    const forPioneer = await engagementLearning(t.db, e.e1, actors.pioneer);
    expect(forPioneer).toMatchObject({
      engagementId: e.e1,
      mayRecord: true,
      entries: [
        { id: first, title: "First", organisationName: "Barking Trust", capabilities: ["Measurement for improvement"] },
      ],
    });
    expect(forPioneer.entries[0].openActions.map((a) => a.description)).toEqual(["Sooner action", "Later action"]);
    expect((await engagementLearning(t.db, e.e1, actors.londonCoordinator)).mayRecord).toBe(false);
    expect(await engagementLearning(t.db, "no-such-engagement", actors.pioneer)).toEqual({
      engagementId: "no-such-engagement",
      mayRecord: false,
      entries: [],
    });
  });
});
