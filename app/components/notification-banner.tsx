import { useEffect, useId, useRef } from "react";

/** The result of the last action, shown at the top of the page it returned to. */
export interface Flash {
  kind: "success" | "error";
  text: string;
  /** Further lines, e.g. each proposal a bulk approval could not approve and why. */
  items?: string[];
}

/**
 * The NHS.UK notification banner. A success (or a partial result) is an alert and takes focus when it
 * appears, so keyboard and screen reader users learn the outcome before anything else on the page.
 */
export function NotificationBanner({ flash }: { flash?: Flash | null }) {
  const titleId = useId();
  const banner = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (flash) banner.current?.focus();
  }, [flash]);
  if (!flash) return null;
  const success = flash.kind === "success";
  return (
    <div
      ref={banner}
      className={`nhsuk-notification-banner${success ? " nhsuk-notification-banner--success" : ""}`}
      role={success ? "alert" : "region"}
      aria-labelledby={titleId}
      data-module="nhsuk-notification-banner"
      data-notification-banner=""
      tabIndex={-1}
    >
      <div className="nhsuk-notification-banner__header">
        <h2 className="nhsuk-notification-banner__title" id={titleId}>
          {success ? "Success" : "Important"}
        </h2>
      </div>
      <div className="nhsuk-notification-banner__content">
        <p className="nhsuk-notification-banner__heading">{flash.text}</p>
        {flash.items?.length ? (
          <ul className="nhsuk-list nhsuk-list--bullet">
            {flash.items.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
