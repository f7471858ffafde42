import { describe, expect, it } from "vitest";
import { answerError, asResponse, refusalErrors } from "~/lib/error-response.server";
import { Forbidden, NotFound, Refused } from "~/lib/errors";

/** What a route's catch hands back or throws, as the browser would see it. */
async function answered(error: unknown, options?: Parameters<typeof answerError>[2]) {
  try {
    const response = answerError(error, { title: "As typed" }, options);
    return { thrown: false, status: response.status, body: await response.json() };
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    return { thrown: true, status: thrown.status, body: await thrown.text() };
  }
}

describe("answering the error family", () => {
  it("turns a missing thing into a thrown 404 that names it", async () => {
    expect(await answered(new NotFound("Engagement"))).toEqual({
      thrown: true,
      status: 404,
      body: "Engagement not found",
    });
  });

  it("turns a refusal of permission into a thrown 403", async () => {
    expect(await answered(new Forbidden("Only the two trusts taking part can do this."))).toEqual({
      thrown: true,
      status: 403,
      body: "Only the two trusts taking part can do this.",
    });
  });

  it("puts a refusal's message next to the field its code maps to, with the values as typed", async () => {
    const result = await answered(new Refused("The end date must be after the start date", { code: "window_order" }), {
      fields: { window_order: "windowEnd" },
    });
    expect(result).toEqual({
      thrown: false,
      status: 400,
      body: { errors: { windowEnd: "The end date must be after the start date" }, values: { title: "As typed" } },
    });
  });

  it("shows a refusal with no mapped field for the whole form, with the form's own status", async () => {
    const result = await answered(new Refused("This engagement has ended", { code: "ended" }), {
      fields: { other: "x" },
      status: 400,
      formStatus: 409,
    });
    expect(result).toMatchObject({ status: 409, body: { errors: { form: "This engagement has ended" } } });
    const onField = await answered(new Refused("Enter a reason", { code: "reason" }), {
      fields: { reason: "reason" },
      status: 400,
      formStatus: 409,
    });
    expect(onField).toMatchObject({ status: 400, body: { errors: { reason: "Enter a reason" } } });
  });

  it("lists each detail of a refusal against its own field, in place of the summary, codes mapped by a function", () => {
    const error = new Refused("Two problems", {
      code: "evidence",
      details: [
        { code: "evidence:a", message: "A needs evidence" },
        { code: "evidence:b", message: "B needs evidence" },
      ],
    });
    expect(
      refusalErrors(error, (code) => (code.startsWith("evidence:") ? `evidence-${code.slice(9)}` : undefined)),
    ).toEqual({
      "evidence-a": "A needs evidence",
      "evidence-b": "B needs evidence",
    });
  });

  it("throws anything else on unchanged, so a fault is logged rather than shown as a form message", () => {
    const fault = new TypeError("boom");
    expect(() => refusalErrors(fault)).toThrow(fault);
  });
});

describe("errors outside a form", () => {
  it("become the 404 or 403 response to throw, and anything else stays itself", () => {
    expect((asResponse(new NotFound("Matching round")) as Response).status).toBe(404);
    expect((asResponse(new Forbidden()) as Response).status).toBe(403);
    const fault = new Error("boom");
    expect(asResponse(fault)).toBe(fault);
  });
});
