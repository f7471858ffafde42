import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLoaderData,
  useLocation,
  useRouteError,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { Footer } from "./components/footer";
import { Header, type HeaderUser } from "./components/header";
import { navigationFor } from "./components/navigation";
import { useNonce } from "./components/nonce";
import { NotificationBanner, type Flash } from "./components/notification-banner";
import { useFocusOnNavigation } from "./components/route-focus";
import { takeFlash } from "./lib/flash.server";
import { getSignedIn } from "./auth/guards.server";
import { getDb } from "./db.server";
import { unreadCount } from "./models/notification/notifications.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: "/assets/nhsuk-frontend.min.css" },
  { rel: "stylesheet", href: "/app.css" },
  { rel: "icon", href: "/assets/images/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Peerlink - NHS peer learning and outreach" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const signedIn = await getSignedIn(request);
  const { flash, clear } = await takeFlash(request);
  const init = clear ? { headers: { "Set-Cookie": clear } } : undefined;
  if (!signedIn) return json({ user: null, role: null, pioneer: false, flash }, init);
  // Name and organisation come with the session; only the unread count needs a query.
  const { user } = signedIn;
  const unreadNotifications = await unreadCount(getDb(), user.id);
  return json(
    { user: { name: user.name, organisationName: user.belongsToName, unreadNotifications }, role: signedIn.actor.role, pioneer: signedIn.actor.organisationIsPioneer === true, flash },
    init,
  );
}

function Document({
  children,
  user,
  role,
  pioneer = false,
  flash = null,
}: {
  children: ReactNode;
  user: HeaderUser | null;
  role: Parameters<typeof navigationFor>[0];
  pioneer?: boolean;
  flash?: Flash | null;
}) {
  const nonce = useNonce();
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="nhsuk-skip-link" href="#maincontent">
          Skip to main content
        </a>
        <Header user={user} navigation={navigationFor(role, { pioneer })} />
        <div className="nhsuk-width-container">
          <main className="nhsuk-main-wrapper" id="maincontent" tabIndex={-1}>
            <NotificationBanner flash={flash} />
            {children}
          </main>
        </div>
        <Footer />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { user, role, pioneer, flash } = useLoaderData<typeof loader>();
  const { key } = useLocation();
  useFocusOnNavigation();
  return (
    <Document user={user} role={role} pioneer={pioneer} flash={flash}>
      {/* A fresh page for every navigation, as without JavaScript: a form that created something is empty again. */}
      <Outlet key={key} />
    </Document>
  );
}

const ERROR_PAGES: Record<number, { title: string; body: string }> = {
  400: { title: "Something was wrong with that request", body: "Go back and check what you entered." },
  403: { title: "You do not have permission to see this page", body: "If you think you should, ask your organisation's administrator or a coordinator." },
  404: { title: "Page not found", body: "If you typed the web address, check it is correct. If you pasted it, check you copied the entire address." },
  429: { title: "Too many attempts", body: "Wait a few minutes, then try again." },
};

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const page = ERROR_PAGES[status] ?? {
    title: "Sorry, there is a problem with the service",
    body: "Try again later. If the problem continues, contact the Peerlink team.",
  };
  // The stack trace goes to the server log, never to the page.
  return (
    <Document user={null} role={null}>
      <h1>{page.title}</h1>
      <p>{page.body}</p>
      <p>
        <a href="/">Go to the Peerlink home page</a>
      </p>
    </Document>
  );
}
