import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseForm, readForm } from "~/lib/forms";

const post = (body: BodyInit | undefined, type?: string) =>
  new Request("http://peerlink.test/form", { method: "POST", body, headers: type ? { "Content-Type": type } : {} });

describe("readForm", () => {
  it("removes NUL and other control characters from every value and name, keeping tab, CR and LF", async () => {
    const form = await readForm(
      post(new URLSearchParams({ "ti\u0000tle": "A\u0000B\u0007C\u001bD\u007f", notes: "one\r\ntwo\tthree" })),
    );
    expect(form.get("title")).toBe("ABCD");
    expect(form.get("notes")).toBe("one\r\ntwo\tthree");
  });

  it("cleans multipart forms the same way", async () => {
    const body = new FormData();
    body.set("name", "Trust\u0000name");
    expect((await readForm(post(body))).get("name")).toBe("Trustname");
  });

  it.each([
    ["no content type", undefined, undefined],
    ["JSON", JSON.stringify({ name: "x" }), "application/json"],
    ["plain text", "name=x", "text/plain"],
  ])("answers a body with %s with 415", async (_label, body, type) => {
    const thrown = await readForm(post(body, type)).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(415);
  });

  it("answers a multipart body that cannot be read with 400", async () => {
    const thrown = await readForm(post("not multipart at all", "multipart/form-data; boundary=zzz")).catch(
      (e: unknown) => e,
    );
    expect((thrown as Response).status).toBe(400);
  });
});

describe("parseForm", () => {
  it("never echoes a refused value of enormous size back into the page", () => {
    const data = new FormData();
    data.set("email", `${"a".repeat(50_000)}@example.org`);
    const result = parseForm(z.object({ email: z.string().max(254, "Email too long") }), data);
    expect(result).toMatchObject({ ok: false, errors: { email: "Email too long" }, values: { email: "" } });
  });
});
