import type { Insertable, Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { capability, capabilityDomain, offer, offerFormat } from "./factories";

type OfferChoices = Partial<Insertable<Database["offer"]>> & { created_by: string };

/**
 * What the matching tests offer: measurement for improvement (c1, in domain "dom") taught by two
 * published site visits, offerA from RWK and offerB from RXX. The trusts and the people named as
 * creators must exist already.
 */
export async function seedMeasurementOffers(
  db: Kysely<Database>,
  { now, offerA, offerB }: { now: string; offerA: OfferChoices; offerB: OfferChoices },
) {
  await capabilityDomain(db, { id: "dom", name: "Improvement" });
  await capability(db, {
    id: "c1",
    code: "QSIR-MFI",
    name: "Measurement for improvement",
    domain_id: "dom",
    position: 0,
    created_at: now,
  });
  await offerFormat(db, { code: "visit", name: "Site visit" });
  const stamped = { format_code: "visit", created_at: now, updated_at: now };
  await offer(db, { id: "offerA", organisation_id: "RWK", title: "Offer offerA", ...stamped, ...offerA });
  await offer(db, { id: "offerB", organisation_id: "RXX", title: "Offer offerB", ...stamped, ...offerB });
  await db
    .insertInto("offer_capability")
    .values([
      { offer_id: "offerA", capability_id: "c1", evidence: "" },
      { offer_id: "offerB", capability_id: "c1", evidence: "" },
    ])
    .execute();
}
