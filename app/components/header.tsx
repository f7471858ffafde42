import { Form, Link, useLocation } from "@remix-run/react";
import type { NavItem } from "./navigation";
import { NotificationCount } from "./notification-count";

const NHS_LOGO_PATH =
  "M200 0v80H0V0h200Zm-27.5 5.5c-14.5 0-29 5-29 22 0 10.2 7.7 13.5 14.7 16.3l.7.3c5.4 2 10.1 3.9 10.1 8.4 0 6.5-8.5 7.5-14 7.5s-12.5-1.5-16-3.5L135 70c5.5 2 13.5 3.5 20 3.5 15.5 0 32-4.5 32-22.5 0-19.5-25.5-16.5-25.5-25.5 0-5.5 5.5-6.5 12.5-6.5a35 35 0 0 1 14.5 3l4-13.5c-4.5-2-12-3-20-3Zm-131 2h-22l-14 65H22l9-45h.5l13.5 45h21.5l14-65H64l-9 45h-.5l-13-45Zm63 0h-18l-13 65h17l6-28H117l-5.5 28H129l13.5-65H125L119.5 32h-20l5-24.5Z";

export interface HeaderUser {
  name: string;
  organisationName: string | null;
  unreadNotifications: number;
}

export function Header({ user, navigation }: { user: HeaderUser | null; navigation: NavItem[] }) {
  const { pathname } = useLocation();
  const isCurrent = (href: string) =>
    href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <header className="nhsuk-header" role="banner">
      <div className="nhsuk-header__container nhsuk-width-container">
        <div className="nhsuk-header__service">
          <Link className="nhsuk-header__service-logo" to="/" aria-label="Peerlink homepage">
            <svg
              className="nhsuk-header__logo"
              xmlns="http://www.w3.org/2000/svg"
              viewBox="0 0 200 80"
              height="40"
              width="100"
              focusable="false"
              role="img"
              aria-label="NHS"
            >
              <title>NHS</title>
              <path fill="currentcolor" d={NHS_LOGO_PATH} />
            </svg>
            <span className="nhsuk-header__service-name">Peerlink</span>
          </Link>
        </div>
        <nav className="nhsuk-header__account" aria-label="Account">
          <ul className="nhsuk-header__account-list">
            {user ? (
              <>
                <NotificationCount unread={user.unreadNotifications} />
                <li className="nhsuk-header__account-item">
                  <Link className="nhsuk-header__account-link" to="/account">
                    {user.name}
                    {user.organisationName ? `, ${user.organisationName}` : ""}
                  </Link>
                </li>
                <li className="nhsuk-header__account-item">
                  <Form className="nhsuk-header__account-form" action="/logout" method="post">
                    <button className="nhsuk-header__account-button" type="submit">
                      Sign out
                    </button>
                  </Form>
                </li>
              </>
            ) : (
              <li className="nhsuk-header__account-item">
                <Link className="nhsuk-header__account-link" to="/login">
                  Sign in
                </Link>
              </li>
            )}
          </ul>
        </nav>
      </div>
      {navigation.length > 0 ? (
        <>
          <nav className="nhsuk-header__navigation peerlink-navigation--wide" aria-label="Menu">
            <div className="nhsuk-header__navigation-container nhsuk-width-container">
              <NavigationList navigation={navigation} isCurrent={isCurrent} />
            </div>
          </nav>
          {/* On a phone the menu folds behind one button; <details> opens and closes without JavaScript. */}
          <nav className="nhsuk-header__navigation peerlink-navigation--narrow" aria-label="Menu">
            <details className="nhsuk-width-container peerlink-menu" key={pathname}>
              <summary className="peerlink-menu__toggle">Menu</summary>
              <NavigationList navigation={navigation} isCurrent={isCurrent} />
            </details>
          </nav>
        </>
      ) : null}
    </header>
  );
}

function NavigationList({ navigation, isCurrent }: { navigation: NavItem[]; isCurrent: (href: string) => boolean }) {
  return (
    <ul className="nhsuk-header__navigation-list">
      {navigation.map((item) => (
        <li
          className={`nhsuk-header__navigation-item${isCurrent(item.href) ? " nhsuk-header__navigation-item--current" : ""}`}
          key={item.href}
        >
          <Link
            className="nhsuk-header__navigation-link"
            to={item.href}
            aria-current={isCurrent(item.href) ? "page" : undefined}
          >
            {item.label}
          </Link>
        </li>
      ))}
    </ul>
  );
}
