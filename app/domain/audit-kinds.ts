/** Every kind of event the audit log records, with the words its page and CSV use. */
export const AUDIT_KINDS = {
  sign_in_succeeded: "Signed in",
  sign_in_failed: "Sign-in failed",
  mfa_enrolled: "Two-factor sign-in set up",
  mfa_reset: "Two-factor sign-in reset",
  password_changed: "Password changed",
  password_reset: "Password reset",
  sso_linked: "NHS identity linked",
  role_changed: "Role changed",
  account_disabled: "Account disabled",
  account_enabled: "Account re-enabled",
  account_erased: "Person erased",
  session_ended: "Session ended",
  invitation_sent: "Invitation sent",
  invitation_withdrawn: "Invitation withdrawn",
  invitation_accepted: "Invitation accepted",
  organisation_changed: "Organisation changed",
  framework_changed: "Capability framework changed",
  pioneer_status_changed: "Pioneer status changed",
  matching_round_run: "Matching round run",
  match_overridden: "Match overridden",
} as const;

export type AuditKind = keyof typeof AUDIT_KINDS;

export const auditKinds = Object.keys(AUDIT_KINDS) as AuditKind[];

export function isAuditKind(value: string): value is AuditKind {
  return Object.hasOwn(AUDIT_KINDS, value);
}
