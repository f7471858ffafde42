/** The result of the last action, shown at the top of the page it returned to. */
export interface Flash {
  kind: "success" | "error";
  text: string;
  /** Further lines, e.g. each proposal a bulk approval could not approve and why. */
  items?: string[];
}

export function MatchFlash({ flash }: { flash?: Flash | null }) {
  if (!flash) return null;
  const success = flash.kind === "success";
  return (
    <div
      className={`nhsuk-notification-banner${success ? " nhsuk-notification-banner--success" : ""}`}
      role={success ? "alert" : "region"}
      aria-labelledby="match-flash-title"
      data-module="nhsuk-notification-banner"
    >
      <div className="nhsuk-notification-banner__header">
        <h2 className="nhsuk-notification-banner__title" id="match-flash-title">
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
