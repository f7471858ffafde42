import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import {
  answerAndResubmit,
  askForInformation,
  createRequest,
  markCompleted,
  markInProgress,
  markMatched,
  submitRequest,
  updateRequest,
  withdrawRequest,
  editRefusal,
  MATCH_APPROVED_MESSAGE,
  type RequestFields,
} from "~/models/request/requests.server";
import {
  browseOpenRequests,
  getRequest,
  latestAssessmentScores,
  listOrganisationRequests,
  type BrowseFilters,
} from "~/models/request/queries.server";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";
import { Forbidden, NotFound, Refused } from "~/lib/errors";
import type { Actor } from "~/auth/policy";
import { audienceLevel, capability, coordinatingBody, match, offer, offerFormat, user } from "../support/factories";
import { people, seedPioneerWorld } from "../support/pioneer-fixture";

const now = new Date().toISOString();

const fields = (overrides: Partial<RequestFields> = {}): RequestFields => ({
  title: "Measurement for improvement on the wards",
  outcome: "Every ward team reads its own run charts",
  capabilityIds: ["cap-measure"],
  audienceCodes: ["managers"],
  formatCodes: ["site_visit"],
  windowStart: "2099-03-01",
  windowEnd: "2099-06-30",
  virtualOk: true,
  travelLimit: "region",
  budget: "free",
  priority: "medium",
  ...overrides,
});

/**
 * The pioneer world (RF4 asks, RWK is a pioneer, RM3 is in the North West) with a national
 * coordinator, more capabilities, a board audience and virtual sessions.
 */
async function seed(db: Kysely<Database>) {
  await seedPioneerWorld(db);
  await coordinatingBody(db, { id: "body-national", name: "National team", scope: "national", scope_code: null });
  await user(db, {
    id: "national",
    name: "Nat Coordinator",
    password_hash: "not-used",
    role: "coordinator",
    coordinating_body_id: "body-national",
    created_at: now,
  });
  await capability(db, {
    id: "cap-mapping",
    code: "QSIR-PM",
    name: "Process mapping",
    domain_id: "dom-qsir",
    position: 2,
    created_at: now,
  });
  await capability(db, {
    id: "cap-flow",
    code: "FLOW",
    name: "Flow",
    domain_id: "dom-qsir",
    position: 3,
    created_at: now,
  });
  await audienceLevel(db, { code: "board", name: "Board", position: 1 });
  await offerFormat(db, { code: "virtual", name: "Virtual session", position: 7, is_virtual: 1 });
}

/** The seeded people as their sessions describe them. */
const actors = {
  ...people,
  national: {
    id: "national",
    role: "coordinator",
    organisationId: null,
    scope: { kind: "national", code: null },
  } satisfies Actor,
};

describe.each(testEngines())("help requests on %s", (engine) => {
  let t: TestDatabase;

  beforeEach(async () => {
    t = await freshDatabase(engine);
    await seed(t.db);
  });
  afterEach(async () => t.dispose());

  const create = (
    submit: boolean,
    overrides: Partial<RequestFields> = {},
    organisationId = "RF4",
    actor: Actor = actors.requester,
  ) => createRequest(t.db, { organisationId, actor, fields: fields(overrides), submit });
  const statusOf = async (id: string) =>
    (await t.db.selectFrom("help_request").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;
  const eventCount = async (id: string) =>
    Number(
      (
        await t.db
          .selectFrom("help_request_event")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("request_id", "=", id)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const browse = (filters: Partial<BrowseFilters> = {}) =>
    browseOpenRequests(t.db, { page: 1, pageSize: 20, ...filters });

  it("creates a draft with what it asks for and an event, in one go", async () => {
    const id = await create(false, {
      capabilityIds: ["cap-measure", "cap-mapping", "cap-measure"],
      audienceCodes: ["board", "managers"],
    });
    const request = await getRequest(t.db, id);
    expect(request).toMatchObject({
      status: "draft",
      organisation_id: "RF4",
      organisation_name: "Trust RF4",
      region_code: "Y56",
      created_by: "requester",
      submitted_at: null,
      virtual_ok: 1,
    });
    expect(request!.capabilities.map((c) => c.code)).toEqual(["QSIR-MFI", "QSIR-PM"]);
    expect(request!.audiences.map((a) => a.code)).toEqual(["board", "managers"]);
    expect(request!.formats.map((f) => f.code)).toEqual(["site_visit"]);
    expect(request!.events).toMatchObject([
      { from_status: null, to_status: "draft", actor_name: "Rita Requester", note: "" },
    ]);
  });

  it("refuses unknown choices and a window that ends before it starts, writing nothing", async () => {
    await expect(create(false, { capabilityIds: ["no-such-capability"] })).rejects.toMatchObject({
      code: "capabilities",
    });
    await expect(create(false, { windowEnd: "2099-02-01" })).rejects.toMatchObject({
      code: "window_order",
      message: "The end date must be after the start date",
    });
    expect(await t.db.selectFrom("help_request").select("id").execute()).toEqual([]);
  });

  it("submits a draft, but not one whose window has already started", async () => {
    const id = await create(false);
    await expect(
      submitRequest(t.db, { requestId: id, actor: actors.member, today: "2099-03-02" }),
    ).rejects.toBeInstanceOf(Refused);
    expect(await statusOf(id)).toBe("draft");
    await submitRequest(t.db, { requestId: id, actor: actors.member, today: "2099-01-01" });
    const request = await getRequest(t.db, id);
    expect(request).toMatchObject({ status: "submitted" });
    expect(request!.submitted_at).not.toBeNull();
    expect(request!.events.map((e) => [e.from_status, e.to_status, e.actor_name])).toEqual([
      [null, "draft", "Rita Requester"],
      ["draft", "submitted", "Mo Member"],
    ]);
  });

  it("edits a draft in place and can submit it in the same step", async () => {
    const id = await create(false);
    await updateRequest(t.db, {
      requestId: id,
      actor: actors.requester,
      fields: fields({ title: "Flow across the hospital", capabilityIds: ["cap-flow"], formatCodes: ["virtual"] }),
      submit: true,
    });
    const request = await getRequest(t.db, id);
    expect(request).toMatchObject({ title: "Flow across the hospital", status: "submitted" });
    expect(request!.capabilities.map((c) => c.id)).toEqual(["cap-flow"]);
    expect(request!.formats.map((f) => f.code)).toEqual(["virtual"]);
    expect(request!.events.map((e) => [e.from_status, e.to_status])).toEqual([
      [null, "draft"],
      ["draft", "draft"],
      ["draft", "submitted"],
    ]);
  });

  it("a coordinator asks a question, the trust is mailed, answers and the request is back for matching", async () => {
    const id = await create(true);
    await askForInformation(t.db, {
      requestId: id,
      coordinator: actors.london,
      question: "Which wards would take part?",
    });
    expect(await statusOf(id)).toBe("needs_info");
    const mails = await t.db
      .selectFrom("outbox")
      .select(["to_address", "subject", "body"])
      .orderBy("to_address")
      .execute();
    expect(mails.map((m) => m.to_address)).toEqual(["member@example.org", "requester@example.org"]);
    expect(mails[0].body).toContain("Which wards would take part?");
    expect(mails[0].body).toContain(`/requests/${id}`);

    // Submitting again is not an answer.
    await expect(submitRequest(t.db, { requestId: id, actor: actors.member })).rejects.toThrow(
      "Answer the coordinator's question",
    );
    // While waiting, the trust may still change the request.
    await updateRequest(t.db, {
      requestId: id,
      actor: actors.member,
      fields: fields({ outcome: "Two pilot wards read run charts weekly" }),
    });
    await answerAndResubmit(t.db, { requestId: id, actor: actors.member, answer: "Wards 4 and 7" });
    const request = await getRequest(t.db, id);
    expect(request!.status).toBe("submitted");
    expect(request!.outcome).toBe("Two pilot wards read run charts weekly");
    expect(request!.events.map((e) => [e.from_status, e.to_status, e.actor_name, e.note])).toEqual([
      [null, "submitted", "Rita Requester", ""],
      ["submitted", "needs_info", "Lon Coordinator", "Which wards would take part?"],
      ["needs_info", "needs_info", "Mo Member", "outcome"],
      ["needs_info", "submitted", "Mo Member", "Wards 4 and 7"],
    ]);
    const toCoordinator = await t.db
      .selectFrom("outbox")
      .select("body")
      .where("to_address", "=", "london@example.org")
      .executeTakeFirstOrThrow();
    expect(toCoordinator.body).toContain("Wards 4 and 7");
  });

  it("withdraws with a reason, and a withdrawn request stays withdrawn", async () => {
    const id = await create(true);
    await withdrawRequest(t.db, { requestId: id, actor: actors.requester, reason: "Found help through our ICB" });
    const request = await getRequest(t.db, id);
    expect(request!.status).toBe("withdrawn");
    expect(request!.events.at(-1)).toMatchObject({
      from_status: "submitted",
      to_status: "withdrawn",
      note: "Found help through our ICB",
      actor_name: "Rita Requester",
    });
    await expect(withdrawRequest(t.db, { requestId: id, actor: actors.requester })).rejects.toThrow(
      "This request is withdrawn, so it cannot be withdrawn.",
    );
  });

  it("follows matching through to completion, and refuses what the lifecycle does not allow", async () => {
    const id = await create(true);
    await t.db.transaction().execute((trx) => markMatched(trx, id, "national"));
    await t.db.transaction().execute((trx) => markInProgress(trx, id, "national"));
    await t.db.transaction().execute((trx) => markCompleted(trx, id, "national", "Both visits held"));
    expect(await statusOf(id)).toBe("completed");
    const events = await eventCount(id);

    await expect(withdrawRequest(t.db, { requestId: id, actor: actors.requester, reason: "Too late" })).rejects.toThrow(
      "This request is completed, so it cannot be withdrawn.",
    );
    await expect(
      askForInformation(t.db, { requestId: id, coordinator: actors.national, question: "Why?" }),
    ).rejects.toBeInstanceOf(Refused);
    expect(await statusOf(id)).toBe("completed");
    expect(await eventCount(id)).toBe(events);
  });

  it("edits a submitted request, writing what changed to the timeline", async () => {
    const id = await create(true);
    await updateRequest(t.db, {
      requestId: id,
      actor: actors.member,
      fields: fields({ windowEnd: "2099-09-30", formatCodes: ["site_visit", "virtual"] }),
    });
    const request = await getRequest(t.db, id);
    expect(request).toMatchObject({ status: "submitted", window_end: "2099-09-30" });
    expect(request!.formats.map((f) => f.code).sort()).toEqual(["site_visit", "virtual"]);
    expect(request!.events.map((e) => [e.from_status, e.to_status, e.actor_name, e.note])).toEqual([
      [null, "submitted", "Rita Requester", ""],
      ["submitted", "submitted", "Mo Member", "formats, dates"],
    ]);
    expect(await editRefusal(t.db, { id, status: "submitted" })).toBeNull();
    // Saving without a change leaves the timeline alone.
    await updateRequest(t.db, {
      requestId: id,
      actor: actors.member,
      fields: fields({ windowEnd: "2099-09-30", formatCodes: ["virtual", "site_visit"] }),
    });
    expect(await eventCount(id)).toBe(2);
  });

  it("refuses changes once a match is approved or accepted, and says why", async () => {
    const id = await create(true);
    await offer(t.db, { id: "offer-rwk", organisation_id: "RWK", format_code: "site_visit", created_by: "pioneer" });
    await match(t.db, { id: "match-1", request_id: id, offer_id: "offer-rwk", approved_by: "national" });
    await expect(
      updateRequest(t.db, { requestId: id, actor: actors.requester, fields: fields({ title: "Changed" }) }),
    ).rejects.toThrow(MATCH_APPROVED_MESSAGE);
    expect(await editRefusal(t.db, { id, status: "submitted" })).toBe(MATCH_APPROVED_MESSAGE);
    expect((await getRequest(t.db, id))!.title).toBe("Measurement for improvement on the wards");
    expect(await eventCount(id)).toBe(1);

    // A declined match gives the request back to its trust to change.
    await t.db.updateTable("outreach_match").set({ status: "declined" }).where("id", "=", "match-1").execute();
    expect(await editRefusal(t.db, { id, status: "submitted" })).toBeNull();

    await t.db.transaction().execute((trx) => markMatched(trx, id, "national"));
    await expect(
      updateRequest(t.db, { requestId: id, actor: actors.requester, fields: fields({ title: "Changed" }) }),
    ).rejects.toThrow("This request is matched, so it can no longer be changed.");
  });

  it("refuses changes to a draft by a coordinator, and by anyone outside the trust", async () => {
    const draft = await create(false);
    await expect(
      askForInformation(t.db, { requestId: draft, coordinator: actors.national, question: "Anything?" }),
    ).rejects.toBeInstanceOf(Refused);
    await expect(t.db.transaction().execute((trx) => markMatched(trx, draft, "national"))).rejects.toBeInstanceOf(
      Refused,
    );
    await expect(submitRequest(t.db, { requestId: draft, actor: actors.pioneer })).rejects.toBeInstanceOf(NotFound);
    await expect(withdrawRequest(t.db, { requestId: draft, actor: actors.national })).rejects.toBeInstanceOf(NotFound);
    await expect(
      updateRequest(t.db, { requestId: draft, actor: actors.northwest, fields: fields() }),
    ).rejects.toBeInstanceOf(NotFound);
    expect(await statusOf(draft)).toBe("draft");
    expect(await eventCount(draft)).toBe(1);
  });

  it("only the organisation's own people file its requests", async () => {
    await expect(create(false, {}, "RF4", actors.northwest)).rejects.toBeInstanceOf(Forbidden);
    await expect(create(false, {}, "RF4", actors.national)).rejects.toBeInstanceOf(Forbidden);
    expect(await t.db.selectFrom("help_request").select("id").execute()).toEqual([]);
  });

  it("a coordinator outside the request's area cannot send it back with a question", async () => {
    const id = await create(true, {}, "RM3", actors.northwest);
    await expect(
      askForInformation(t.db, { requestId: id, coordinator: actors.london, question: "Which wards?" }),
    ).rejects.toBeInstanceOf(Forbidden);
    expect(await statusOf(id)).toBe("submitted");
    await askForInformation(t.db, { requestId: id, coordinator: actors.national, question: "Which wards?" });
    expect(await statusOf(id)).toBe("needs_info");
  });

  it("applies only one of two racing changes", async () => {
    const id = await create(false);
    const results = await Promise.allSettled([
      submitRequest(t.db, { requestId: id, actor: actors.requester }),
      submitRequest(t.db, { requestId: id, actor: actors.member }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(Refused);
    expect(await eventCount(id)).toBe(2);
  });

  it("lists an organisation's own requests, drafts included, a page at a time", async () => {
    for (let i = 0; i < 3; i++) await create(i % 2 === 0, { title: `Request ${i}` });
    await create(true, {}, "RM3", actors.northwest);
    const first = await listOrganisationRequests(t.db, "RF4", { page: 1, pageSize: 2 });
    const second = await listOrganisationRequests(t.db, "RF4", { page: 2, pageSize: 2 });
    expect(first.total).toBe(3);
    expect(first.rows).toHaveLength(2);
    expect(second.rows).toHaveLength(1);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.title))).toEqual(
      new Set(["Request 0", "Request 1", "Request 2"]),
    );
  });

  describe("browsing open requests", () => {
    it("never lists drafts, whatever status is asked for", async () => {
      const draft = await create(false);
      const submitted = await create(true);
      expect((await browse()).rows.map((r) => r.id)).toEqual([submitted]);
      expect((await browse({ status: "draft" })).rows).toEqual([]);
      expect((await browse()).rows.map((r) => r.id)).not.toContain(draft);
    });

    it("filters by capability, format, priority, region and status", async () => {
      const measure = await create(true, { capabilityIds: ["cap-measure"], priority: "high" });
      const flow = await create(true, { capabilityIds: ["cap-flow", "cap-mapping"], formatCodes: ["virtual"] });
      const northwest = await create(true, { capabilityIds: ["cap-measure"] }, "RM3", actors.northwest);
      const withdrawn = await create(true, { capabilityIds: ["cap-measure"] });
      await withdrawRequest(t.db, { requestId: withdrawn, actor: actors.requester });
      const ids = async (filters: Partial<BrowseFilters>) => (await browse(filters)).rows.map((r) => r.id).sort();

      expect(await ids({ capability: "QSIR-MFI" })).toEqual([measure, northwest].sort());
      expect(await ids({ capability: "QSIR-PM" })).toEqual([flow]);
      expect(await ids({ format: "virtual" })).toEqual([flow]);
      expect(await ids({ priority: "high" })).toEqual([measure]);
      expect(await ids({ region: "Y62" })).toEqual([northwest]);
      expect(await ids({ icb: "QMF", capability: "QSIR-MFI" })).toEqual([measure]);
      expect(await ids({ status: "withdrawn" })).toEqual([withdrawn]);
      const row = (await browse({ capability: "QSIR-PM" })).rows[0];
      expect(row).toMatchObject({
        organisation_name: "Trust RF4",
        region_name: "London",
        capabilities: ["Process mapping", "Flow"],
      });
    });

    it("shows a regional coordinator only their region, and a national one everything", async () => {
      const london = await create(true);
      const northwest = await create(true, {}, "RM3", actors.northwest);
      expect((await browse({ scope: { kind: "region", code: "Y56" } })).rows.map((r) => r.id)).toEqual([london]);
      expect((await browse({ scope: { kind: "icb", code: "QOP" } })).rows.map((r) => r.id)).toEqual([northwest]);
      expect((await browse({ scope: { kind: "national", code: null } })).total).toBe(2);
      // A regional scope with no code sees nothing rather than everything.
      expect((await browse({ scope: { kind: "region", code: null } })).total).toBe(0);
      // Asking for another region does not widen the scope.
      expect((await browse({ scope: { kind: "region", code: "Y56" }, region: "Y62" })).total).toBe(0);
    });

    it("narrows a pioneer's view to requests touching capabilities of its published offers", async () => {
      const offer = (id: string, status: "published" | "paused", capabilityId: string) => async () => {
        await t.db
          .insertInto("offer")
          .values({
            id,
            organisation_id: "RWK",
            title: `Offer ${id}`,
            description: "",
            format_code: "site_visit",
            capacity_per_quarter: 2,
            cost_model: "free",
            virtual_ok: 0,
            contact_name: "Pat",
            contact_email: "pat@example.org",
            status,
            paused_until: null,
            created_by: "pioneer",
            created_at: now,
            updated_at: now,
          })
          .execute();
        await t.db
          .insertInto("offer_capability")
          .values({ offer_id: id, capability_id: capabilityId, evidence: "" })
          .execute();
      };
      await offer("offer-measure", "published", "cap-measure")();
      await offer("offer-flow", "paused", "cap-flow")();
      const touching = await create(true, { capabilityIds: ["cap-mapping", "cap-measure"] });
      await create(true, { capabilityIds: ["cap-flow"] });
      await create(true, { capabilityIds: ["cap-mapping"] });
      const result = await browse({ touchingOffersOf: "RWK" });
      expect(result.rows.map((r) => r.id)).toEqual([touching]);
      expect(result.total).toBe(1);
      expect((await browse({ touchingOffersOf: "RM3" })).total).toBe(0);
    });

    it("sorts by priority or window start and pages without repeats", async () => {
      const low = await create(true, { priority: "low", windowStart: "2099-01-10", windowEnd: "2099-02-01" });
      const high = await create(true, { priority: "high", windowStart: "2099-05-01", windowEnd: "2099-06-01" });
      const medium = await create(true, { priority: "medium", windowStart: "2099-03-01", windowEnd: "2099-04-01" });
      const high2 = await create(true, { priority: "high", windowStart: "2099-02-01", windowEnd: "2099-03-01" });
      const medium2 = await create(true, { priority: "medium", windowStart: "2099-04-01", windowEnd: "2099-05-01" });

      const byPriority = (await browse({ sort: "priority" })).rows.map((r) => r.priority);
      expect(byPriority).toEqual(["high", "high", "medium", "medium", "low"]);
      expect((await browse({ sort: "window" })).rows.map((r) => r.id)).toEqual([low, high2, medium, medium2, high]);

      const pages = await Promise.all([1, 2, 3].map((page) => browse({ sort: "window", page, pageSize: 2 })));
      expect(pages.map((p) => p.rows.length)).toEqual([2, 2, 1]);
      expect(pages.every((p) => p.total === 5)).toBe(true);
      expect(pages.flatMap((p) => p.rows.map((r) => r.id))).toEqual([low, high2, medium, medium2, high]);
    });
  });

  it("reads the scores of the latest assessment, for suggestions", async () => {
    await t.db
      .insertInto("assessment")
      .values([
        {
          id: "old",
          organisation_id: "RF4",
          assessed_by: "requester",
          assessed_on: "2025-01-01",
          note: "",
          created_at: now,
        },
        {
          id: "new",
          organisation_id: "RF4",
          assessed_by: "requester",
          assessed_on: "2026-01-01",
          note: "",
          created_at: now,
        },
      ])
      .execute();
    await t.db
      .insertInto("assessment_score")
      .values([
        { assessment_id: "old", capability_id: "cap-flow", maturity: 1, evidence: "" },
        { assessment_id: "new", capability_id: "cap-flow", maturity: 4, evidence: "" },
        { assessment_id: "new", capability_id: "cap-measure", maturity: 2, evidence: "" },
      ])
      .execute();
    expect(await latestAssessmentScores(t.db, "RF4")).toEqual([
      { capabilityId: "cap-measure", maturity: 2, assessedOn: "2026-01-01" },
      { capabilityId: "cap-flow", maturity: 4, assessedOn: "2026-01-01" },
    ]);
    expect(await latestAssessmentScores(t.db, "RM3")).toEqual([]);
  });
});
