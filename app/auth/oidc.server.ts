import { isProduction, oidcSettings } from "../config.server";
import { notFound } from "./guards.server";
import { providerConfiguration, type OidcSettings } from "./oidc-client.server";

/** The provider's settings and configuration, or a 404 when no provider is set up. */
export async function requireProvider(): Promise<{
  settings: OidcSettings;
  provider: Awaited<ReturnType<typeof providerConfiguration>>;
}> {
  const settings = oidcSettings();
  if (!settings) throw notFound();
  try {
    return { settings, provider: await providerConfiguration(settings, isProduction()) };
  } catch {
    throw new Response(
      "The NHS sign-in service cannot be reached just now. Try again in a few minutes, or sign in with your password.",
      { status: 503 },
    );
  }
}

/** The provider's configuration if one is set up and reachable; sign-out goes on without it. */
export async function providerIfAny() {
  const settings = oidcSettings();
  if (!settings) return null;
  return providerConfiguration(settings, isProduction()).catch(() => null);
}
