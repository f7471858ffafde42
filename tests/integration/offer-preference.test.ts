import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRequest, type RequestFields } from "~/models/request/requests.server";
import { getRequest } from "~/models/request/queries.server";
import { Refused } from "~/lib/errors";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";
import { offer } from "../support/factories";
import { people, seedPioneerWorld } from "../support/pioneer-fixture";

import type { Actor } from "~/auth/policy";

const fields: RequestFields = {
  title: "Run charts on the wards",
  outcome: "Every ward team reads its own charts",
  capabilityIds: ["cap-measure"],
  audienceCodes: ["managers"],
  formatCodes: ["site_visit"],
  windowStart: "2099-03-01",
  windowEnd: "2099-06-30",
  virtualOk: true,
  travelLimit: "region",
  budget: "free",
  priority: "medium",
};

describe.each(testEngines())("asking for an offer on %s", (engine) => {
  let t: TestDatabase;

  beforeEach(async () => {
    t = await freshDatabase(engine);
    await seedPioneerWorld(t.db);
    const pioneerOffer = (id: string, status: "published" | "paused" | "closed", paused_until: string | null = null) =>
      offer(t.db, {
        id,
        title: `Offer ${id}`,
        organisation_id: "RWK",
        format_code: "site_visit",
        created_by: "pioneer",
        status,
        paused_until,
      });
    await pioneerOffer("open", "published");
    await pioneerOffer("paused", "paused", "2099-12-31");
    await pioneerOffer("resumed", "paused", "2020-01-01");
    await pioneerOffer("closed", "closed");
  });
  afterEach(async () => t.dispose());

  const file = (preferredOfferId: string | null, submit = true, actor: Actor = people.member, organisationId = "RF4") =>
    createRequest(t.db, { organisationId, actor, fields, submit, preferredOfferId, today: "2026-12-04" });
  const requestCount = async () =>
    Number(
      (
        await t.db
          .selectFrom("help_request")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("saves the offer as the request's preference, which its page names with the pioneer", async () => {
    const id = await file("open");
    const request = await getRequest(t.db, id);
    expect(request).toMatchObject({
      preferred_offer_id: "open",
      preferred_offer_title: "Offer open",
      preferred_offer_organisation_name: "Trust RWK",
    });
  });

  it("files a request with no preference as before", async () => {
    const request = await getRequest(t.db, await file(null, false));
    expect(request).toMatchObject({ preferred_offer_id: null, preferred_offer_title: null });
  });

  it("accepts an offer whose pause is over, as offers list it", async () => {
    expect((await getRequest(t.db, await file("resumed")))?.preferred_offer_id).toBe("resumed");
  });

  it.each(["paused", "closed"])("refuses a %s offer with a message for the field, and files nothing", async (id) => {
    const refusal = await file(id).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(Refused);
    expect(refusal).toMatchObject({ code: "preferred_offer" });
    expect((refusal as Refused).message).toMatch(/no longer taking requests/);
    expect(await requestCount()).toBe(0);
  });

  it("refuses an offer that does not exist, or the requester's own organisation's", async () => {
    await expect(file("no-such-offer")).rejects.toMatchObject({ code: "preferred_offer" });
    await expect(file("open", true, people.pioneer, "RWK")).rejects.toMatchObject({ code: "preferred_offer" });
    expect(await requestCount()).toBe(0);
  });
});
