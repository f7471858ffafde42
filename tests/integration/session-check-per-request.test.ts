import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getSignedIn } from "~/auth/guards.server";
import { createAuth, type Auth } from "~/auth/lucia.server";
import { requestScope } from "~/lib/request-scope.server";
import { signIn } from "~/models/account/sign-in.server";
import { createUser } from "~/models/account/users.server";
import { freshDatabase, testEngines, type TestDatabase } from "../support/engines";

const settings = { idleMinutes: 30, absoluteHours: 12, production: false };
const PASSWORD = "river-lantern-orchard";
const holder = globalThis as unknown as { __peerlink?: { connection: unknown; auth: Auth } };

describe.each(testEngines())("the session check of one page request on %s", (engine) => {
  let t: TestDatabase;
  let cookie: string;
  let checks: number;

  beforeEach(async () => {
    t = await freshDatabase(engine);
    const auth = createAuth(t.db, settings);
    await createUser(t.db, { email: "admin@example.org", name: "Ada Admin", password: PASSWORD, role: "admin" });
    const result = await signIn(
      t.db,
      auth,
      { email: "admin@example.org", password: PASSWORD, client: "10.0.0.1" },
      { maxFailures: 5, windowMinutes: 15 },
    );
    if (!result.ok) throw new Error("sign-in failed");
    cookie = result.cookie.split(";")[0];
    checks = 0;
    // The app's auth, counting its session checks.
    holder.__peerlink = {
      connection: { db: t.db },
      auth: { ...auth, validate: (id: string) => (checks++, auth.validate(id)) },
    };
  });
  afterEach(async () => {
    delete holder.__peerlink;
    await t.dispose();
  });

  // Remix gives the root loader and the page's loader a Request each, as here.
  const loaderRequest = () => new Request("http://localhost/dashboard", { headers: { Cookie: cookie } });

  it("checks the session once for all the loaders of one request", async () => {
    const [root, page] = await requestScope.run(new Map(), () =>
      Promise.all([getSignedIn(loaderRequest()), getSignedIn(loaderRequest())]),
    );
    expect(root?.user.email).toBe("admin@example.org");
    expect(page?.user.id).toBe(root?.user.id);
    expect(checks).toBe(1);
  });

  it("checks again on the next request, so a session ended meanwhile is refused", async () => {
    await requestScope.run(new Map(), () => getSignedIn(loaderRequest()));
    await t.db.deleteFrom("auth_session").execute();
    expect(await requestScope.run(new Map(), () => getSignedIn(loaderRequest()))).toBeNull();
    expect(checks).toBe(2);
  });
});
