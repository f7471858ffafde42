import { Link } from "@remix-run/react";

/**
 * The header's link to /notifications with the number unread, as an account-list item:
 * place it inside `<ul className="nhsuk-header__account-list">`. The count comes from
 * `unreadCount(db, userId)` in the root loader.
 */
export function NotificationCount({ unread }: { unread: number }) {
  return (
    <li className="nhsuk-header__account-item">
      <Link className="nhsuk-header__account-link" to="/notifications">
        Notifications
        {unread > 0 ? (
          <>
            {" "}
            <strong className="nhsuk-tag nhsuk-tag--white">{unread > 99 ? "99+" : unread}</strong>
            <span className="nhsuk-u-visually-hidden"> unread</span>
          </>
        ) : null}
      </Link>
    </li>
  );
}
