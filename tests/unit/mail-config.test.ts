import { afterEach, describe, expect, it } from "vitest";
import { config, publicUrl, resetConfigForTests } from "~/config.server";
import { composeBody } from "~/mail/compose.server";
import { classifyNotifyError, classifySmtpError } from "~/mail/transport.server";
import { retryDelayMs } from "~/models/notification/delivery.server";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetConfigForTests();
});

function withEnv(env: Record<string, string | undefined>) {
  process.env = { ...saved, ...env };
  resetConfigForTests();
}

describe("mail settings", () => {
  it("requires PUBLIC_URL in production, and defaults to localhost and the port otherwise", () => {
    withEnv({ NODE_ENV: "production", PUBLIC_URL: undefined });
    expect(() => config()).toThrow("PUBLIC_URL is required in production");
    withEnv({ NODE_ENV: "development", PUBLIC_URL: undefined, PORT: "4000" });
    expect(publicUrl()).toBe("http://localhost:4000");
    withEnv({ NODE_ENV: "production", PUBLIC_URL: "https://peerlink.example.nhs.uk/" });
    expect(publicUrl()).toBe("https://peerlink.example.nhs.uk");
  });

  it("refuses a Notify key without a template, and an SMTP URL of another scheme", () => {
    withEnv({ NOTIFY_API_KEY: "key", NOTIFY_TEMPLATE_ID: undefined });
    expect(() => config()).toThrow("NOTIFY_TEMPLATE_ID must be set together with NOTIFY_API_KEY");
    withEnv({ SMTP_URL: "http://mail.example.org" });
    expect(() => config()).toThrow("SMTP_URL must be an smtp:// or smtps:// URL");
  });
});

describe("mail failures", () => {
  it("treats SMTP 5xx as permanent and 4xx or a lost connection as temporary", () => {
    expect(classifySmtpError({ responseCode: 550, response: "550 No such user" })).toEqual({
      ok: false,
      permanent: true,
      reason: "550 No such user",
    });
    expect(classifySmtpError({ responseCode: 451, response: "451 Try later" })).toMatchObject({ permanent: false });
    expect(classifySmtpError({ message: "connect ECONNREFUSED 127.0.0.1:25" })).toMatchObject({ permanent: false });
  });

  it("treats Notify 400 and 403 as permanent, and 429, 5xx and no answer as temporary", () => {
    expect(classifyNotifyError({ response: { status: 400 } })).toMatchObject({ permanent: true });
    expect(classifyNotifyError({ response: { status: 403 } })).toMatchObject({ permanent: true });
    expect(classifyNotifyError({ response: { status: 429 } })).toMatchObject({ permanent: false });
    expect(classifyNotifyError({ response: { status: 503 } })).toMatchObject({ permanent: false });
    expect(classifyNotifyError({ message: "socket hang up" })).toMatchObject({ permanent: false });
  });

  it("backs off exponentially up to an hour", () => {
    expect([1, 2, 3, 4, 7, 8, 12].map((n) => retryDelayMs(n) / 60_000)).toEqual([1, 2, 4, 8, 60, 60, 60]);
  });
});

describe("a message's text", () => {
  it("makes the link absolute and says why it was sent and where to change that", () => {
    withEnv({ PUBLIC_URL: "https://peerlink.example.nhs.uk" });
    const body = composeBody({
      body: "A session was moved.",
      link: "/engagements/e1",
      why: "You received this because you take part.",
      choosable: true,
    });
    expect(body).toBe(
      "A session was moved.\n\nOpen it in Peerlink: https://peerlink.example.nhs.uk/engagements/e1\n\n--\nYou received this because you take part. To choose whether messages like this come at once, in a daily digest or only in Peerlink, go to https://peerlink.example.nhs.uk/account",
    );
  });
});
