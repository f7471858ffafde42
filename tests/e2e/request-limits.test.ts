import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawRequest, signInCookie } from "./support/http";
import { startServer, type RunningServer } from "./support/server";

const MB = 1024 * 1024;
let server: RunningServer;
let baseUrl: string;
let adminCookie: string;

// A server of its own: these requests try to exhaust it.
beforeAll(async () => {
  server = await startServer();
  baseUrl = server.baseUrl;
  adminCookie = await signInCookie(baseUrl, "admin@example.org");
});
afterAll(async () => server?.stop());

const formHeaders = () => ({ "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl });

describe("request bodies are capped before they are read", () => {
  it("refuses a form whose Content-Length is over 1 MB without waiting for the body", async () => {
    // Claims 200 MB and sends one byte: an answer can only come from the declared length.
    const answer = await rawRequest(baseUrl, {
      path: "/login",
      headers: { ...formHeaders(), "Content-Length": String(200 * MB) },
      chunks: ["e"],
    });
    expect(answer.status).toBe(413);
    expect(answer.body).toMatch(/larger than 1 MB/);
  });

  it("refuses a chunked form body once it passes 1 MB", async () => {
    const chunk = Buffer.alloc(256 * 1024, "a");
    const answer = await rawRequest(baseUrl, {
      path: "/login",
      // As a browser sends it: on a connection kept open, so the server reads the rest rather than resetting it.
      headers: { ...formHeaders(), "Transfer-Encoding": "chunked", Connection: "keep-alive" },
      chunks: Array(40).fill(chunk),
    });
    expect(answer.status).toBe(413);
  });

  it("lets the ODS upload, and only it, take more than 1 MB", async () => {
    const boundary = "----peerlink-limit-test";
    const file = Buffer.alloc(2 * MB, "x\n");
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const headers = {
      "Content-Type": `multipart/form-data; boundary=${boundary}`,
      Origin: baseUrl,
      Cookie: adminCookie,
    };
    const upload = await fetch(`${baseUrl}/admin/import`, { method: "POST", headers, body, redirect: "manual" });
    expect(upload.status).toBeLessThan(500);
    expect(upload.status).not.toBe(413);
    const elsewhere = await fetch(`${baseUrl}/organisations/new`, {
      method: "POST",
      headers,
      body,
      redirect: "manual",
    });
    expect(elsewhere.status).toBe(413);
    const tooLarge = await rawRequest(baseUrl, {
      path: "/admin/import",
      headers: { ...headers, "Content-Length": String(21 * MB) },
      chunks: ["-"],
    });
    expect(tooLarge.status).toBe(413);
  });

  it("still signs in with an ordinary form after refusing large ones", async () => {
    await expect(signInCookie(baseUrl, "requester@example.org")).resolves.toMatch(/=/);
  });
});

describe("a form post must be a form", () => {
  for (const [label, type] of [
    ["no content type", undefined],
    ["JSON", "application/json"],
    ["plain text", "text/plain"],
  ] as const) {
    it(`answers a POST with ${label} with 415`, async () => {
      const headers: Record<string, string> = { Origin: baseUrl, Cookie: adminCookie };
      if (type) headers["Content-Type"] = type;
      const res = await fetch(`${baseUrl}/organisations/new`, {
        method: "POST",
        headers,
        body: type ? "{}" : undefined,
        redirect: "manual",
      });
      expect(res.status).toBe(415);
    });
  }
});

describe("the ODS upload cannot take the server down", () => {
  const upload = (name: string, contents: Buffer) => {
    const form = new FormData();
    form.set("file", new Blob([new Uint8Array(contents)], { type: "text/csv" }), name);
    return fetch(`${baseUrl}/admin/import`, {
      method: "POST",
      headers: { Origin: baseUrl, Cookie: adminCookie },
      body: form,
      redirect: "manual",
    });
  };

  it("answers five million lines of x with a short refusal, and still answers /healthz", async () => {
    const res = await upload("etr.csv", Buffer.from("x\n".repeat(5_000_000)));
    const page = await res.text();
    expect(res.status).toBe(400);
    expect(page).toContain("not an ODS etr.csv file");
    // The page holds one message, not one per line.
    expect(page.length).toBeLessThan(200_000);
    const health = await fetch(`${baseUrl}/healthz`);
    expect(health.status).toBe(200);
  });

  it("says a text file of notes is not an etr.csv file rather than importing nothing", async () => {
    const res = await upload(
      "notes.txt",
      Buffer.from("Board visit notes\nAgreed to check the ICB list, then import\n"),
    );
    const page = await res.text();
    expect(page).toContain("not an ODS etr.csv file");
    expect(page).not.toContain("organisations added");
  });
});
