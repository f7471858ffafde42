import { isRouteErrorResponse, useRouteError } from "@remix-run/react";

interface ErrorPage {
  title: string;
  body: string;
}

export const ERROR_PAGES: Record<number, ErrorPage> = {
  400: { title: "Something was wrong with that request", body: "Go back and check what you entered." },
  403: {
    title: "You do not have permission to see this page",
    body: "If you think you should, ask your organisation's administrator or a coordinator.",
  },
  404: {
    title: "Page not found",
    body: "If you typed the web address, check it is correct. If you pasted it, check you copied the entire address.",
  },
  429: { title: "Too many attempts", body: "Wait a few minutes, then try again." },
};

export const SERVICE_PROBLEM: ErrorPage = {
  title: "Sorry, there is a problem with the service",
  body: "Try again later. If the problem continues, contact the Peerlink team.",
};

/** The status of whatever a loader or action threw: a thrown response's own, anything else 500. */
export function useErrorStatus(): number {
  const error = useRouteError();
  return isRouteErrorResponse(error) ? error.status : 500;
}

/** "Engagement not found" and the like, as the guard that threw the 404 named it; null for a generic one. */
function useNamedMissing(): string | null {
  const error = useRouteError();
  if (!isRouteErrorResponse(error) || error.status !== 404 || typeof error.data !== "string") return null;
  return /^[A-Z][A-Za-z ]{0,60} not found$/.test(error.data) && error.data !== ERROR_PAGES[404].title
    ? error.data
    : null;
}

export function ErrorPageBody({ status, missing }: { status: number; missing?: string }) {
  const page = ERROR_PAGES[status] ?? SERVICE_PROBLEM;
  // The stack trace goes to the server log, never to the page.
  return (
    <>
      <h1>{status === 404 && missing ? missing : page.title}</h1>
      <p>{page.body}</p>
      <p>
        <a href="/">Go to the Peerlink home page</a>
      </p>
    </>
  );
}

/**
 * The error boundary of a page about one thing (an engagement, an offer…). It renders inside the
 * signed-in layout, so the header stays as it was, and names what is missing: what the guard named
 * (the engagement of a session page, say), else the page's own thing:
 * `export const ErrorBoundary = () => <ResourceErrorBoundary missing="Offer not found" />`.
 */
export function ResourceErrorBoundary({ missing }: { missing: string }) {
  const named = useNamedMissing();
  return <ErrorPageBody status={useErrorStatus()} missing={named ?? missing} />;
}
