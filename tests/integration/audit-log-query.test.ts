import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "~/auth/policy";
import { recordAuditEvent } from "~/models/audit/record.server";
import { auditEventBatches, auditedOrganisations, listAuditEvents } from "~/models/audit/events.server";
import { readAuditFilters } from "~/schemas/audit";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";
import { organisation, user } from "../support/factories";

const admin: Actor = { id: "admin", role: "admin", organisationId: null, scope: null };
const coordinator: Actor = {
  id: "coord",
  role: "coordinator",
  organisationId: null,
  scope: { kind: "national", code: null },
};

const filtersOf = (query: string) => {
  const read = readAuditFilters(new URLSearchParams(query));
  if (!read.ok) throw new Error(JSON.stringify(read.errors));
  return read.filters;
};

describe.each(testEngines())("reading the audit log on %s", (engine) => {
  let t: TestDatabase;

  beforeEach(async () => {
    t = await freshDatabase(engine);
    await organisation(t.db, { id: "RF4", name: "Barking Trust" });
    await organisation(t.db, { id: "RWK", name: "East London Trust" });
    await user(t.db, { id: "admin", role: "admin", name: "Grace Hopper", email: "grace@example.org" });
    await user(t.db, {
      id: "ada",
      role: "member",
      organisation_id: "RF4",
      name: "Ada Lovelace",
      email: "ada@example.org",
    });
    await user(t.db, { id: "coord", role: "coordinator", name: "Cora Coord", email: "cora@example.org" });
    // 23:30 UTC on 31 May is 00:30 on 1 June in England (BST).
    await recordAuditEvent(
      t.db,
      {
        kind: "sign_in_failed",
        actorId: null,
        subjectUserId: "ada",
        clientAddress: "10.0.0.1",
        detail: "wrong password",
      },
      "2026-05-31T23:30:00.000Z",
    );
    await recordAuditEvent(
      t.db,
      { kind: "sign_in_succeeded", actorId: "ada", subjectUserId: "ada", detail: "with a password" },
      "2026-06-02T09:00:00.000Z",
    );
    await recordAuditEvent(
      t.db,
      { kind: "organisation_changed", actorId: "admin", organisationId: "RWK", detail: "details changed" },
      "2026-06-03T09:00:00.000Z",
    );
    await recordAuditEvent(
      t.db,
      { kind: "organisation_changed", actorId: null, organisationId: "RF4", detail: "ODS import" },
      "2026-06-04T09:00:00.000Z",
    );
  });
  afterEach(async () => t.dispose());

  const details = async (query: string) =>
    (await listAuditEvents(t.db, admin, filtersOf(query), 1)).events.map((e) => e.detail);

  it("lists newest first with names joined at read time, and says who stands in when no one acted", async () => {
    const { events, total } = await listAuditEvents(t.db, admin, filtersOf(""), 1);
    expect(total).toBe(4);
    expect(events.map((e) => e.detail)).toEqual(["ODS import", "details changed", "with a password", "wrong password"]);
    expect(events[0]).toMatchObject({
      who: "Peerlink",
      organisation: "Barking Trust",
      kindLabel: "Organisation changed",
    });
    expect(events[1]).toMatchObject({ who: "Grace Hopper (grace@example.org)", organisation: "East London Trust" });
    expect(events[3]).toMatchObject({
      who: "someone not signed in",
      about: "Ada Lovelace (ada@example.org)",
      clientAddress: "10.0.0.1",
    });
  });

  it("filters by person, as actor or subject, by part of a name or email in any case", async () => {
    expect(await details("person=LOVELACE")).toEqual(["with a password", "wrong password"]);
    expect(await details("person=grace@EXAMPLE")).toEqual(["details changed"]);
    expect(await details("person=100%")).toEqual([]);
    // A NUL byte, which PostgreSQL would refuse in a query, is dropped like any untypeable character.
    expect(await details("person=Love%00lace")).toEqual(["with a password", "wrong password"]);
  });

  it("filters by organisation and by kind", async () => {
    expect(await details("organisation=RF4")).toEqual(["ODS import"]);
    expect(await details("kind=sign_in_failed")).toEqual(["wrong password"]);
    expect(await details("kind=organisation_changed&organisation=RWK")).toEqual(["details changed"]);
  });

  it("filters by England's dates, both days included", async () => {
    expect(await details("from=2026-06-01&to=2026-06-01")).toEqual(["wrong password"]);
    expect(await details("to=2026-05-31")).toEqual([]);
    expect(await details("from=2026-06-03")).toEqual(["ODS import", "details changed"]);
  });

  it("pages the list and writes every match in batches", async () => {
    const page2 = await listAuditEvents(t.db, admin, filtersOf(""), 2, 3);
    expect(page2).toMatchObject({ total: 4, events: [{ detail: "wrong password" }] });
    const batches: string[][] = [];
    for await (const batch of auditEventBatches(t.db, admin, filtersOf(""), 3))
      batches.push(batch.map((e) => e.detail ?? ""));
    expect(batches).toEqual([["ODS import", "details changed", "with a password"], ["wrong password"]]);
  });

  it("offers the organisations in the log, and refuses anyone but an administrator", async () => {
    expect(await auditedOrganisations(t.db, admin)).toEqual([
      { id: "RF4", name: "Barking Trust" },
      { id: "RWK", name: "East London Trust" },
    ]);
    await expect(listAuditEvents(t.db, coordinator, filtersOf(""), 1)).rejects.toMatchObject({ name: "Forbidden" });
    await expect(auditEventBatches(t.db, coordinator, filtersOf("")).next()).rejects.toMatchObject({
      name: "Forbidden",
    });
  });

  it("answers wrong filters with a message for the field", () => {
    const read = readAuditFilters(new URLSearchParams("kind=made_up&from=2026-02-31&to=2026-01-01"));
    expect(read).toMatchObject({
      ok: false,
      errors: { kind: "Select a kind of event from the list", from: expect.stringMatching(/real date/) },
    });
    const backwards = readAuditFilters(new URLSearchParams("from=2026-06-02&to=2026-06-01"));
    expect(backwards).toMatchObject({ ok: false, errors: { to: expect.stringMatching(/after the first day/) } });
  });
});
