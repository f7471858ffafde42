import type { Kysely } from "kysely";
import * as client from "openid-client";
import type { Database } from "../../../db/schema";
import { newSecretToken, sha256Hex } from "../../auth/hash.server";
import type { Auth } from "../../auth/lucia.server";
import { redirectUriOf, type OidcSettings } from "../../auth/oidc-client.server";
import { linkIdentity, type LinkResult } from "./oidc-identity.server";
import { recordSignedIn, recordSignInFailed, startSession } from "./sign-in.server";

/** Time allowed at the provider's sign-in page before the trip must start again. */
const AUTHORISATION_MINUTES = 10;

/**
 * Starts a sign-in at the provider: authorisation code with PKCE, state and nonce. The three are
 * kept on the server under the hash of a random token that goes in the browser's cookie, so the
 * browser carries nothing it could alter to pass the checks on return.
 */
export async function startOidcSignIn(
  db: Kysely<Database>,
  provider: client.Configuration,
  settings: OidcSettings,
  redirectTo: string,
  now = new Date(),
): Promise<{ url: string; token: string }> {
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const token = newSecretToken();
  await db.deleteFrom("oidc_authorisation").where("expires_at", "<=", now.toISOString()).execute();
  await db
    .insertInto("oidc_authorisation")
    .values({
      id: sha256Hex(token),
      state,
      nonce,
      code_verifier: codeVerifier,
      redirect_to: redirectTo,
      expires_at: new Date(now.getTime() + AUTHORISATION_MINUTES * 60_000).toISOString(),
    })
    .execute();
  const url = client.buildAuthorizationUrl(provider, {
    redirect_uri: redirectUriOf(settings),
    scope: "openid email profile",
    response_type: "code",
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return { url: url.href, token };
}

export type OidcSignInResult =
  | { ok: true; cookie: string; redirectTo: string }
  | { ok: false; reason: "expired" | "provider" }
  | (LinkResult & { ok: false });

const LINK_REFUSALS = {
  unverified: "email address not verified by the provider",
  unknown: "no account or invitation for this identity",
  disabled: "account disabled",
} as const;

/**
 * Finishes the trip: the pending authorisation is used up first (single use), then the code is
 * exchanged and the ID token checked by openid-client (signature against the provider's keys,
 * issuer, audience, expiry, nonce), then the identity is linked to an account.
 */
export async function finishOidcSignIn(
  db: Kysely<Database>,
  auth: Auth,
  provider: client.Configuration,
  {
    token,
    callbackUrl,
    userAgent,
    clientAddress = null,
  }: { token: string; callbackUrl: URL; userAgent?: string | null; clientAddress?: string | null },
  now = new Date(),
): Promise<OidcSignInResult> {
  const refused = async (reason: string, userId: string | null = null) =>
    recordSignInFailed(db, { userId, client: clientAddress, reason: `NHS identity: ${reason}` });
  if (!token) return { ok: false, reason: "expired" };
  const pending = await db
    .deleteFrom("oidc_authorisation")
    .where("id", "=", sha256Hex(token))
    .returningAll()
    .executeTakeFirst();
  if (!pending || pending.expires_at <= now.toISOString()) {
    await refused("sign-in took too long or was already used");
    return { ok: false, reason: "expired" };
  }

  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(provider, callbackUrl, {
      pkceCodeVerifier: pending.code_verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
  } catch {
    // A refused consent, a replayed or forged answer, or a bad token: all end the same way.
    await refused("the provider's answer was refused");
    return { ok: false, reason: "provider" };
  }
  const claims = tokens.claims();
  if (!claims || !tokens.id_token) {
    await refused("the provider gave no identity");
    return { ok: false, reason: "provider" };
  }
  let emailClaims: { email?: unknown; email_verified?: unknown } = {
    email: claims.email,
    email_verified: claims.email_verified,
  };
  if (typeof claims.email !== "string") {
    // Providers may keep the email for the userinfo endpoint; the library checks it is the same subject.
    try {
      emailClaims = await client.fetchUserInfo(provider, tokens.access_token, claims.sub);
    } catch {
      await refused("the provider's answer was refused");
      return { ok: false, reason: "provider" };
    }
  }
  const linked = await linkIdentity(
    db,
    {
      issuer: claims.iss,
      subject: claims.sub,
      email: typeof emailClaims.email === "string" ? emailClaims.email : undefined,
      emailVerified: emailClaims.email_verified === true,
    },
    clientAddress,
  );
  if (!linked.ok) {
    await refused(LINK_REFUSALS[linked.reason]);
    return linked;
  }
  const session = await startSession(auth, linked.userId, userAgent);
  await recordSignedIn(db, { userId: linked.userId, client: clientAddress, how: "with an NHS identity" });
  // Kept to end the provider's session too at sign-out.
  await db
    .insertInto("oidc_session")
    .values({ session_id: sha256Hex(session.sessionId), id_token: tokens.id_token })
    .execute();
  return { ok: true, cookie: session.cookie, redirectTo: pending.redirect_to };
}

/** Where to send the browser to end the provider's session too, when this session came from it and the provider offers that. */
export async function providerSignOutUrl(
  db: Kysely<Database>,
  provider: client.Configuration | null,
  sessionId: string,
  afterSignOut: string,
): Promise<string | null> {
  const row = await db
    .selectFrom("oidc_session")
    .select("id_token")
    .where("session_id", "=", sha256Hex(sessionId))
    .executeTakeFirst();
  if (!row || !provider?.serverMetadata().end_session_endpoint) return null;
  return client.buildEndSessionUrl(provider, { id_token_hint: row.id_token, post_logout_redirect_uri: afterSignOut })
    .href;
}
