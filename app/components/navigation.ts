import type { UserRole } from "../../db/schema";

export interface NavItem {
  href: string;
  label: string;
}

/** The header menu for each role; a link here is only a convenience, the route guards decide access. */
export function navigationFor(role: UserRole | null, { pioneer = false }: { pioneer?: boolean } = {}): NavItem[] {
  switch (role) {
    case null:
      return [];
    case "member":
    case "org_admin":
      return [
        { href: "/", label: "Home" },
        { href: "/my-organisation", label: "My organisation" },
        { href: "/assessment", label: "Assessment" },
        { href: "/requests", label: "Our requests" },
        { href: "/matches", label: "Matches" },
        { href: "/engagements", label: "Engagements" },
        { href: "/learning", label: "Learning library" },
        { href: "/offers", label: "Offers" },
        ...(pioneer
          ? [
              { href: "/offers/mine", label: "Our offers" },
              { href: "/requests/open", label: "Open requests" },
            ]
          : []),
        { href: "/organisations", label: "Organisations" },
        ...(role === "org_admin" ? [{ href: "/admin/users", label: "People" }] : []),
      ];
    case "coordinator":
      return [
        { href: "/", label: "Home" },
        { href: "/dashboard", label: "Dashboard" },
        { href: "/matching", label: "Matching" },
        { href: "/requests/open", label: "Requests" },
        { href: "/engagements", label: "Engagements" },
        { href: "/learning", label: "Learning library" },
        { href: "/offers", label: "Offers" },
        { href: "/organisations", label: "Organisations" },
        { href: "/invitations/new", label: "Invite" },
      ];
    case "admin":
      return [
        { href: "/", label: "Home" },
        { href: "/dashboard", label: "Dashboard" },
        { href: "/organisations", label: "Organisations" },
        { href: "/engagements", label: "Engagements" },
        { href: "/learning", label: "Learning library" },
        { href: "/admin/framework", label: "Capability framework" },
        { href: "/admin/users", label: "Users" },
        { href: "/admin/import", label: "Import ODS" },
        { href: "/admin/outbox", label: "Outbox" },
        { href: "/admin/audit", label: "Audit log" },
      ];
  }
}
