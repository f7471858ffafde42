import * as client from "openid-client";

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  publicUrl: string;
  label: string;
}

const CALLBACK_PATH = "/auth/oidc/callback";
export const redirectUriOf = (settings: OidcSettings) => `${settings.publicUrl}${CALLBACK_PATH}`;

const discovered = new Map<string, Promise<client.Configuration>>();

/**
 * The provider's configuration from its discovery document, fetched once per process. A failed
 * fetch is forgotten so the next sign-in tries again. Plain http is allowed only outside
 * production, for a provider running on the same machine.
 */
export function providerConfiguration(settings: OidcSettings, production: boolean): Promise<client.Configuration> {
  const key = `${settings.issuer} ${settings.clientId}`;
  let pending = discovered.get(key);
  if (!pending) {
    const insecure = !production && new URL(settings.issuer).protocol === "http:";
    pending = client.discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, {
      // openid-client trusts the token endpoint's TLS by default; check the ID token's signature
      // against the provider's published keys as well, so a forged token is refused whatever the channel.
      execute: insecure
        ? [client.allowInsecureRequests, client.enableNonRepudiationChecks]
        : [client.enableNonRepudiationChecks],
    });
    pending.catch(() => discovered.delete(key));
    discovered.set(key, pending);
  }
  return pending;
}
