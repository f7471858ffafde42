import { addMonths } from "../lib/dates";
import type { EngagementStatus, SessionStatus } from "../../db/schema";

/**
 * What may happen inside an engagement, and when. Session times are local times in England written
 * YYYY-MM-DDTHH:MM: the time people agreed, compared as text with "now" in England.
 */

/** A time of day as `<input type="time">` sends it. */
export const isTimeOfDay = (text: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(text);

export const localDateTime = (date: string, time: string) => `${date}T${time}`;

/** A session has started once its local start time has come in England. */
export const hasStarted = (startsAt: string, nowLocal: string) => startsAt <= nowLocal;

/** A new or moved session must start after now. */
export const startsInFuture = (startsAt: string, nowLocal: string) => startsAt > nowLocal;

export const MIN_DURATION_MINUTES = 15;
export const MAX_DURATION_MINUTES = 24 * 60;

export interface SessionState {
  status: SessionStatus;
  starts_at: string;
}

export interface SessionActions {
  /** Record that it took place, with attendance: only once it has started. */
  hold: boolean;
  cancel: boolean;
  move: boolean;
}

/**
 * What one of the two trusts may record about a session now. A planned session can be cancelled or
 * moved at any time, before it or after it was missed; it can be recorded as held once it has
 * started. A held or cancelled session is final, and nothing changes once the engagement has ended.
 */
export function sessionActions(
  session: SessionState,
  engagementStatus: EngagementStatus,
  nowLocal: string,
): SessionActions {
  const open = engagementStatus === "active" && session.status === "planned";
  return { hold: open && hasStarted(session.starts_at, nowLocal), cancel: open, move: open };
}

export const NO_SESSION_ACTIONS: SessionActions = { hold: false, cancel: false, move: false };

/** Why a session action is refused now, in words for the page; null when it is allowed. */
export function sessionActionProblem(
  action: keyof SessionActions,
  session: SessionState,
  engagementStatus: EngagementStatus,
  nowLocal: string,
): string | null {
  if (engagementStatus !== "active") return "This engagement has ended, so its sessions can no longer change.";
  if (session.status !== "planned") return `This session was already recorded as ${session.status}.`;
  if (action === "hold" && !hasStarted(session.starts_at, nowLocal))
    return "A session can be recorded as held once it has started.";
  return null;
}

export type SessionDisplayStatus = "planned" | "to_record" | "held" | "cancelled";

/** A planned session whose time has passed is waiting for someone to say what happened. */
export function sessionDisplayStatus(session: SessionState, nowLocal: string): SessionDisplayStatus {
  if (session.status === "planned" && hasStarted(session.starts_at, nowLocal)) return "to_record";
  return session.status;
}

/** The next session still to come, earliest first. */
export function nextSession<T extends SessionState>(sessions: T[], nowLocal: string): T | null {
  return (
    sessions
      .filter((s) => s.status === "planned" && !hasStarted(s.starts_at, nowLocal))
      .sort((a, b) => a.starts_at.localeCompare(b.starts_at))[0] ?? null
  );
}

/** A link people can safely be sent to: https, with a host. */
export function isHttpsLink(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "https:" && url.hostname.length > 0;
  } catch {
    return false;
  }
}

export interface SessionPlace {
  isVirtual: boolean;
  location: string;
  videoLink: string;
}

/**
 * Where people meet: in person needs a place, a virtual session an https video link. An in-person
 * session may also have a link for those joining remotely, and that too must be https.
 */
export function placeProblems(place: SessionPlace): { location?: string; videoLink?: string } {
  const problems: { location?: string; videoLink?: string } = {};
  const location = place.location.trim();
  const link = place.videoLink.trim();
  if (!place.isVirtual && location === "") problems.location = "Enter where the session takes place";
  if (place.isVirtual && link === "") problems.videoLink = "Enter the video link for this virtual session";
  else if (link !== "" && !isHttpsLink(link)) problems.videoLink = "Enter a video link starting with https://";
  return problems;
}

export const totalPeople = (counts: Record<string, number>) => Object.values(counts).reduce((sum, n) => sum + n, 0);

export type EndingKind = "completed" | "stopped";

/** Completing needs a session that took place; stopping needs a reason. */
export function endingProblem(kind: EndingKind, heldSessions: number, reason: string): string | null {
  if (kind === "completed" && heldSessions === 0)
    return "Record at least one session as held before completing the engagement. If none will take place, stop it instead.";
  if (kind === "stopped" && reason.trim() === "") return "Enter why the engagement is stopping";
  return null;
}

/** When the requester's follow-up re-assessment falls due: the end date plus the configured months. */
export function followUpDueOn(endDate: string, months: number): string {
  return addMonths(endDate, months);
}

/** The questionnaire helps the pioneer prepare, so it can change only until the first session is held. */
export function questionnaireOpen(engagementStatus: EngagementStatus, heldSessions: number): boolean {
  return engagementStatus === "active" && heldSessions === 0;
}

/** "1 hour 30 minutes". */
export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts = [
    hours ? `${hours} hour${hours === 1 ? "" : "s"}` : "",
    rest ? `${rest} minute${rest === 1 ? "" : "s"}` : "",
  ].filter(Boolean);
  return parts.length ? parts.join(" ") : "0 minutes";
}
