import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { askForInformation, answerAndResubmit, createRequest } from "~/models/request/requests.server";
import { getRequestFor } from "~/models/request/queries.server";
import {
  createOrganisation,
  getOrganisation,
  updateOrganisation,
  updateOwnProfile,
  type OrganisationFields,
} from "~/models/organisation/organisations.server";
import { Forbidden, NotFound } from "~/lib/errors";
import { ownProfileSchema } from "~/schemas/organisation";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";
import { people, seedPioneerWorld } from "../support/pioneer-fixture";

describe.each(testEngines())("what pioneers may read and declare on %s", (engine) => {
  let t: TestDatabase;

  beforeEach(async () => {
    t = await freshDatabase(engine);
    await seedPioneerWorld(t.db);
  });
  afterEach(async () => t.dispose());

  async function requestWithConversation() {
    const id = await createRequest(t.db, {
      organisationId: "RF4",
      actor: people.member,
      submit: true,
      fields: {
        title: "Run charts on the wards",
        outcome: "Every ward reads its own charts",
        capabilityIds: ["cap-measure"],
        audienceCodes: ["managers"],
        formatCodes: ["site_visit"],
        windowStart: "2099-03-01",
        windowEnd: "2099-06-30",
        virtualOk: true,
        travelLimit: "region",
        budget: "free",
        priority: "medium",
      },
    });
    await askForInformation(t.db, {
      requestId: id,
      coordinator: people.london,
      question: "Which wards have had a serious incident this year?",
    });
    await answerAndResubmit(t.db, {
      requestId: id,
      actor: people.requester,
      answer: "Wards 4 and 7, after the Smith complaint",
    });
    return id;
  }

  it("gives a pioneer what another trust asks for, without its conversation or staff names", async () => {
    const id = await requestWithConversation();
    const seen = await getRequestFor(t.db, people.pioneer, id);
    expect(seen.outcome).toBe("visible");
    if (seen.outcome !== "visible") return;
    expect(seen.request).toMatchObject({
      title: "Run charts on the wards",
      status: "submitted",
      historyShown: false,
      created_by: null,
    });
    expect(seen.request.events).toEqual([]);
    const everything = JSON.stringify(seen.request);
    for (const secret of ["serious incident", "Smith complaint", "Mo Member", "Rita Requester", "Lon Coordinator"])
      expect(everything).not.toContain(secret);
    expect(seen).toMatchObject({ owner: false, reviewer: false });
  });

  it("gives the trust itself and its coordinators the whole history", async () => {
    const id = await requestWithConversation();
    for (const actor of [people.member, people.london]) {
      const seen = await getRequestFor(t.db, actor, id);
      if (seen.outcome !== "visible") throw new Error(`expected ${actor.id} to see the request`);
      expect(seen.request.historyShown).toBe(true);
      expect(seen.request.events.map((e) => [e.to_status, e.actor_name])).toEqual([
        ["submitted", "Mo Member"],
        ["needs_info", "Lon Coordinator"],
        ["submitted", "Rita Requester"],
      ]);
    }
  });

  it("refuses a trust that is not a pioneer, and hides drafts from everyone else", async () => {
    const id = await requestWithConversation();
    expect((await getRequestFor(t.db, people.northwest, id)).outcome).toBe("forbidden");
    const draft = await createRequest(t.db, {
      organisationId: "RF4",
      actor: people.member,
      submit: false,
      fields: {
        title: "Draft",
        outcome: "",
        capabilityIds: ["cap-measure"],
        audienceCodes: ["managers"],
        formatCodes: ["site_visit"],
        windowStart: "2099-03-01",
        windowEnd: "2099-06-30",
        virtualOk: true,
        travelLimit: "region",
        budget: "free",
        priority: "low",
      },
    });
    expect((await getRequestFor(t.db, people.pioneer, draft)).outcome).toBe("not_found");
    expect((await getRequestFor(t.db, people.pioneer, "no-such-request")).outcome).toBe("not_found");
  });

  it("does not let a trust's own administrator tick itself into pioneer status", async () => {
    const form = ownProfileSchema.parse({ flags: ["seeksHelp", "offersOutreach"] });
    await updateOwnProfile(t.db, people.requester, "RF4", form);
    const row = await t.db
      .selectFrom("organisation")
      .select(["offers_outreach", "seeks_help"])
      .where("id", "=", "RF4")
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ offers_outreach: 0, seeks_help: 1 });
  });

  it("refuses organisation changes the policy does not allow, in the model itself", async () => {
    const seeks = { seeksHelp: true };
    // A member is not the trust's administrator; another trust's administrator is not this one's.
    await expect(updateOwnProfile(t.db, people.member, "RF4", seeks)).rejects.toBeInstanceOf(Forbidden);
    await expect(updateOwnProfile(t.db, people.northwest, "RF4", seeks)).rejects.toBeInstanceOf(Forbidden);
    await expect(updateOwnProfile(t.db, people.requester, "no-such-org", seeks)).rejects.toBeInstanceOf(NotFound);
    const before = await getOrganisation(t.db, "RF4");
    const fields: OrganisationFields = {
      odsCode: "RF4",
      name: "Renamed by its own administrator",
      type: before!.type,
      isFoundationTrust: false,
      regionCode: "Y56",
      icbCode: null,
      address: "",
      postcode: "",
      active: true,
      seeksHelp: true,
      offersOutreach: true,
    };
    // Identity, place and pioneer status are the administrators' to correct, not the trust's own.
    await expect(updateOrganisation(t.db, people.requester, "RF4", fields)).rejects.toBeInstanceOf(Forbidden);
    await expect(updateOrganisation(t.db, people.london, "RF4", fields)).rejects.toBeInstanceOf(Forbidden);
    const fresh = { ...fields, odsCode: "ZZZ" };
    await expect(createOrganisation(t.db, people.london, fresh)).rejects.toBeInstanceOf(Forbidden);
    await expect(createOrganisation(t.db, people.requester, fresh)).rejects.toBeInstanceOf(Forbidden);
    expect(await getOrganisation(t.db, "RF4")).toEqual(before);
    expect(await t.db.selectFrom("organisation").select("id").where("ods_code", "=", "ZZZ").execute()).toEqual([]);
  });
});
