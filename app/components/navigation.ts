import type { UserRole } from "../../db/schema";

export interface NavItem {
  href: string;
  label: string;
}

/** The header menu for each role; a link here is only a convenience, the route guards decide access. */
export function navigationFor(role: UserRole | null): NavItem[] {
  switch (role) {
    case null:
      return [];
    case "member":
    case "org_admin":
      return [
        { href: "/", label: "Home" },
        { href: "/my-organisation", label: "My organisation" },
        { href: "/organisations", label: "Organisations" },
      ];
    case "coordinator":
      return [
        { href: "/", label: "Home" },
        { href: "/organisations", label: "Organisations" },
        { href: "/invitations/new", label: "Invite" },
      ];
    case "admin":
      return [
        { href: "/", label: "Home" },
        { href: "/organisations", label: "Organisations" },
        { href: "/admin/users", label: "Users" },
        { href: "/admin/import", label: "Import ODS" },
        { href: "/admin/outbox", label: "Outbox" },
      ];
  }
}
