import { useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";

/**
 * After client-side navigation a browser keeps focus where it was, so nothing tells a screen reader
 * the page changed. Move focus to the new page's banner or error summary (when an action reported back), else its
 * heading, else the main content: where a full page load with the skip link would take you.
 */
export function useFocusOnNavigation() {
  const { key, hash } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      // From here on links navigate in the page and focus follows; journeys wait for this mark.
      document.documentElement.dataset.hydrated = "true";
      return;
    }
    if (hash) return; // an in-page link already says where to go
    const main = document.getElementById("maincontent");
    // A submission is a navigation too: its outcome, good or bad, comes before the page.
    const outcome = main?.querySelector<HTMLElement>("[data-notification-banner], .nhsuk-error-summary");
    if (outcome) return outcome.focus();
    const heading = main?.querySelector<HTMLElement>("h1");
    if (heading) {
      heading.tabIndex = -1;
      return heading.focus();
    }
    main?.focus();
  }, [key, hash]);
}
