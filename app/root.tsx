import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useNavigation,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { ErrorPageBody, useErrorStatus } from "./components/error-boundary";
import { Footer } from "./components/footer";
import { Header, type HeaderUser } from "./components/header";
import { navigationFor } from "./components/navigation";
import { useNonce } from "./components/nonce";
import autocompleteStyles from "accessible-autocomplete/dist/accessible-autocomplete.min.css";
import { NotificationBanner, type Flash } from "./components/notification-banner";
import { useFocusOnNavigation } from "./components/route-focus";
import { takeFlash } from "./lib/flash.server";
import { getSignedIn } from "./auth/guards.server";
import { getDb } from "./db.server";
import { unreadCount } from "./models/notification/notifications.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: "/assets/nhsuk-frontend.min.css" },
  { rel: "stylesheet", href: autocompleteStyles },
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
    {
      user: { name: user.name, organisationName: user.belongsToName, unreadNotifications },
      role: signedIn.actor.role,
      pioneer: signedIn.actor.organisationIsPioneer === true,
      flash,
    },
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

/**
 * The page is rebuilt for each navigation. An action's answer (its errors, say) is shown while the
 * loaders revalidate, so the rebuild happens then, not when they finish: rebuilding later would
 * wipe what someone typed in between.
 */
function usePageKey(): string {
  const location = useLocation();
  const navigation = useNavigation();
  // A post to an index route adds "?index", so the page is known by its path alone.
  const answeredHere =
    navigation.state === "loading" &&
    navigation.formMethod !== undefined &&
    navigation.formMethod.toUpperCase() !== "GET" &&
    navigation.location.pathname === location.pathname;
  return answeredHere ? navigation.location.key : location.key;
}

export default function App() {
  const { user, role, pioneer, flash } = useLoaderData<typeof loader>();
  const pageKey = usePageKey();
  useFocusOnNavigation();
  return (
    <Document user={user} role={role} pioneer={pioneer} flash={flash}>
      {/* A fresh page for every navigation, as without JavaScript: a form that created something is empty again. */}
      <Outlet key={pageKey} />
    </Document>
  );
}

export function ErrorBoundary() {
  // The root loader's data is there unless the root loader itself failed: a signed-in user's error page stays signed in.
  const data = useRouteLoaderData<typeof loader>("root");
  return (
    <Document user={data?.user ?? null} role={data?.role ?? null} pioneer={data?.pioneer ?? false}>
      <ErrorPageBody status={useErrorStatus()} />
    </Document>
  );
}
