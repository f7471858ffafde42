import http from "node:http";
import type net from "node:net";
import Provider from "oidc-provider";

export interface TestIdentity {
  email?: string;
  emailVerified?: boolean;
  name?: string;
}

export interface ProviderClient {
  /** Where the provider may send the browser back to, with the code. */
  redirectUri: string;
  postLogoutRedirectUri: string;
  /** Claims by subject; a subject not listed has no email. */
  users: Record<string, TestIdentity>;
}

export interface RunningProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Sets the client and its users; the app's address is known only once its server is up. */
  configure(client: ProviderClient): void;
  stop(): Promise<void>;
}

/**
 * A real OpenID provider in this process, on a free port, with one confidential client. Its
 * development login page takes any login name and password: the name is the subject.
 */
export async function startOidcProvider(): Promise<RunningProvider> {
  let handler: ((req: http.IncomingMessage, res: http.ServerResponse) => void) | undefined;
  const server = http.createServer((req, res) => {
    if (handler) return handler(req, res);
    res.statusCode = 503;
    res.end("not configured yet");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = "peerlink-test";
  const clientSecret = "peerlink-test-secret-that-is-long-enough";
  return {
    issuer,
    clientId,
    clientSecret,
    configure({ redirectUri, postLogoutRedirectUri, users }) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: clientId,
            client_secret: clientSecret,
            redirect_uris: [redirectUri],
            post_logout_redirect_uris: [postLogoutRedirectUri],
            grant_types: ["authorization_code"],
            response_types: ["code"],
          },
        ],
        claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
        findAccount: async (_ctx: unknown, sub: string) => ({
          accountId: sub,
          claims: async () => {
            const user = users[sub] ?? {};
            return { sub, name: user.name, email: user.email, email_verified: user.emailVerified ?? false };
          },
        }),
        pkce: { required: () => true },
        features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
        cookies: { keys: [`test-${port}-${Date.now()}`] },
      });
      handler = provider.callback();
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
