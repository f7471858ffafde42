import os from "node:os";
import { describe, expect, it } from "vitest";
import { ConfigurationError, mfaRequiredRoles, oidcSettings, passwordSignInAllowed, readConfig } from "~/config.server";

const problemsWith = (env: Record<string, string>): string[] => {
  try {
    readConfig(env);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
};

describe("configuration", () => {
  it("has a working default for every variable", () => {
    expect(readConfig({})).toEqual({
      NODE_ENV: "development",
      DATABASE_URL: undefined,
      DATABASE_POOL_SIZE: 10,
      PORT: 3000,
      HOST: "0.0.0.0",
      // One server process per core unless told otherwise.
      WEB_CONCURRENCY: os.availableParallelism(),
      SESSION_IDLE_MINUTES: 30,
      SESSION_ABSOLUTE_HOURS: 12,
      SIGN_IN_MAX_FAILURES: 5,
      SIGN_IN_WINDOW_MINUTES: 15,
      TRUST_PROXY: 0,
      PEERLINK_SEED_DEMO: null,
      SMTP_URL: undefined,
      FOLLOW_UP_MONTHS: 6,
      LEARNING_SEARCH_CACHE_SECONDS: 30,
      DASHBOARD_CACHE_SECONDS: 60,
      PUBLIC_URL: undefined,
      MAIL_FROM: "Peerlink <no-reply@peerlink.nhs.uk>",
      NOTIFY_API_KEY: undefined,
      NOTIFY_TEMPLATE_ID: undefined,
      NOTIFY_BASE_URL: "https://api.notifications.service.gov.uk",
      OUTBOX_POLL_SECONDS: 5,
      MATCH_ANSWER_WORKING_DAYS: 10,
      OIDC_LABEL: "Sign in with NHSmail",
      PASSWORD_SIGN_IN: true,
      MFA_REQUIRED_ROLES: null,
    });
  });

  it("requires two-factor sign-in for coordinators and administrators in production only, unless told otherwise", () => {
    expect(
      mfaRequiredRoles(readConfig({ NODE_ENV: "production", PUBLIC_URL: "https://peerlink.example.nhs.uk" })),
    ).toEqual(["coordinator", "admin"]);
    expect(mfaRequiredRoles(readConfig({}))).toEqual([]);
    expect(
      mfaRequiredRoles(
        readConfig({
          NODE_ENV: "production",
          PUBLIC_URL: "https://peerlink.example.nhs.uk",
          MFA_REQUIRED_ROLES: "none",
        }),
      ),
    ).toEqual([]);
    expect(mfaRequiredRoles(readConfig({ MFA_REQUIRED_ROLES: "coordinator, org_admin" }))).toEqual([
      "coordinator",
      "org_admin",
    ]);
    expect(problemsWith({ MFA_REQUIRED_ROLES: "coordinator,boss" })[0]).toMatch(/^MFA_REQUIRED_ROLES must be/);
  });

  it("sets up the identity provider only with all its settings, and never shows the client secret", () => {
    expect(oidcSettings(readConfig({}))).toBeNull();
    const problems = problemsWith({ OIDC_ISSUER: "https://login.example.nhs.uk", OIDC_CLIENT_SECRET: "s3cret" });
    expect(problems.map((p) => p.split(" ")[0]).sort()).toEqual(["OIDC_CLIENT_ID", "PUBLIC_URL"]);
    expect(problemsWith({ OIDC_ISSUER: "login.example" })[0]).toMatch(/^OIDC_ISSUER must be/);
    const full = readConfig({
      OIDC_ISSUER: "https://login.example.nhs.uk/",
      OIDC_CLIENT_ID: "peerlink",
      OIDC_CLIENT_SECRET: "s3cret",
      PUBLIC_URL: "https://peerlink.example/",
      PASSWORD_SIGN_IN: "0",
    });
    expect(oidcSettings(full)).toMatchObject({
      issuer: "https://login.example.nhs.uk/",
      publicUrl: "https://peerlink.example",
    });
    expect(passwordSignInAllowed(full)).toBe(false);
    // Passwords cannot be switched off with no other way in.
    expect(passwordSignInAllowed(readConfig({ PASSWORD_SIGN_IN: "0" }))).toBe(true);
  });

  it("reads good values, and treats an empty value as unset", () => {
    const settings = readConfig({
      NODE_ENV: "production",
      DATABASE_URL: "postgres://peerlink:secret@db.example:5432/peerlink",
      DATABASE_POOL_SIZE: "25",
      PORT: "8080",
      HOST: "127.0.0.1",
      SESSION_ABSOLUTE_HOURS: "1.5",
      TRUST_PROXY: "true",
      PEERLINK_SEED_DEMO: "0",
      SMTP_URL: "smtps://mailer:pw@mail.example:465",
      FOLLOW_UP_MONTHS: "12",
      LEARNING_SEARCH_CACHE_SECONDS: "0",
      DASHBOARD_CACHE_SECONDS: "",
      PUBLIC_URL: "https://peerlink.example.nhs.uk",
    });
    expect(settings).toMatchObject({
      NODE_ENV: "production",
      DATABASE_URL: "postgres://peerlink:secret@db.example:5432/peerlink",
      DATABASE_POOL_SIZE: 25,
      PORT: 8080,
      HOST: "127.0.0.1",
      SESSION_ABSOLUTE_HOURS: 1.5,
      TRUST_PROXY: 1,
      PEERLINK_SEED_DEMO: false,
      SMTP_URL: "smtps://mailer:pw@mail.example:465",
      FOLLOW_UP_MONTHS: 12,
      LEARNING_SEARCH_CACHE_SECONDS: 0,
      DASHBOARD_CACHE_SECONDS: 60,
    });
    expect(
      readConfig({ TRUST_PROXY: "1", PEERLINK_SEED_DEMO: "1", DATABASE_URL: "file:./data/other.db" }),
    ).toMatchObject({ TRUST_PROXY: 1, PEERLINK_SEED_DEMO: true, DATABASE_URL: "file:./data/other.db" });
  });

  it("reads TRUST_PROXY as a count of trusted proxies", () => {
    expect(
      [
        ["2", 2],
        ["0", 0],
        ["true", 1],
        ["false", 0],
      ].map(([text]) => readConfig({ TRUST_PROXY: String(text) }).TRUST_PROXY),
    ).toEqual([2, 0, 1, 0]);
  });

  it.each([
    ["PORT", "abc", 'PORT must be a whole number from 1 to 65535, got "abc"'],
    ["PORT", "70000", 'PORT must be a whole number from 1 to 65535, got "70000"'],
    ["PORT", "0", 'PORT must be a whole number from 1 to 65535, got "0"'],
    ["HOST", "local host", 'HOST must be a host name or IP address to listen on, like 127.0.0.1, got "local host"'],
    ["NODE_ENV", "staging", 'NODE_ENV must be one of development, production, test, got "staging"'],
    [
      "DATABASE_URL",
      "mysql://db/peerlink",
      'DATABASE_URL must be file:PATH for SQLite or postgres://user:password@host:port/database for PostgreSQL, got "mysql://db/peerlink"',
    ],
    [
      "DATABASE_URL",
      "file:",
      'DATABASE_URL must be file:PATH for SQLite or postgres://user:password@host:port/database for PostgreSQL, got "file:"',
    ],
    ["DATABASE_POOL_SIZE", "ten", 'DATABASE_POOL_SIZE must be a whole number from 1 to 1000, got "ten"'],
    ["DATABASE_POOL_SIZE", "2.5", 'DATABASE_POOL_SIZE must be a whole number from 1 to 1000, got "2.5"'],
    ["SESSION_IDLE_MINUTES", "-5", 'SESSION_IDLE_MINUTES must be a whole number from 1 to 1000000, got "-5"'],
    ["SESSION_ABSOLUTE_HOURS", "0", 'SESSION_ABSOLUTE_HOURS must be a number of hours above 0, got "0"'],
    ["SIGN_IN_MAX_FAILURES", "many", 'SIGN_IN_MAX_FAILURES must be a whole number from 1 to 1000000, got "many"'],
    ["SIGN_IN_WINDOW_MINUTES", "15m", 'SIGN_IN_WINDOW_MINUTES must be a whole number from 1 to 1000000, got "15m"'],
    [
      "TRUST_PROXY",
      "yes",
      'TRUST_PROXY must be the number of trusted proxies from 0 to 99, or true (one) or false (none), got "yes"',
    ],
    ["PEERLINK_SEED_DEMO", "true", 'PEERLINK_SEED_DEMO must be one of 0, 1, got "true"'],
    [
      "SMTP_URL",
      "mail.example:25",
      'SMTP_URL must be an smtp:// or smtps:// URL, like smtp://user:password@mail.example:587, got "mail.example:25"',
    ],
    [
      "SMTP_URL",
      "https://mail.example",
      'SMTP_URL must be an smtp:// or smtps:// URL, like smtp://user:password@mail.example:587, got "https://mail.example"',
    ],
    ["FOLLOW_UP_MONTHS", "48", 'FOLLOW_UP_MONTHS must be a whole number from 1 to 36, got "48"'],
    ["MATCH_ANSWER_WORKING_DAYS", "0", 'MATCH_ANSWER_WORKING_DAYS must be a whole number from 1 to 60, got "0"'],
    [
      "LEARNING_SEARCH_CACHE_SECONDS",
      "soon",
      'LEARNING_SEARCH_CACHE_SECONDS must be a number of seconds, 0 or more (0 turns keeping off), got "soon"',
    ],
    [
      "DASHBOARD_CACHE_SECONDS",
      "-1",
      'DASHBOARD_CACHE_SECONDS must be a number of seconds, 0 or more (0 turns keeping off), got "-1"',
    ],
    ["WEB_CONCURRENCY", "0", 'WEB_CONCURRENCY must be a whole number from 1 to 256, got "0"'],
  ])("refuses %s=%s, naming it and saying what it expects", (name, value, message) => {
    expect(problemsWith({ [name]: value })).toEqual([message]);
  });

  it("lists every bad variable at once", () => {
    expect(problemsWith({ PORT: "abc", TRUST_PROXY: "yes", FOLLOW_UP_MONTHS: "6" })).toEqual([
      'PORT must be a whole number from 1 to 65535, got "abc"',
      'TRUST_PROXY must be the number of trusted proxies from 0 to 99, or true (one) or false (none), got "yes"',
    ]);
  });

  it("never repeats a password from a bad URL", () => {
    const [smtp] = problemsWith({ SMTP_URL: "http://mailer:hunter2@mail.example" });
    expect(smtp).toContain("SMTP_URL");
    expect(smtp).not.toContain("hunter2");
    const [database] = problemsWith({ DATABASE_URL: "mysql://peerlink:hunter2@db/peerlink" });
    expect(database).toContain("DATABASE_URL");
    expect(database).not.toContain("hunter2");
  });
});
