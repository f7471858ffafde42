// The matching pages named the banner first; it now serves every page.
export { NotificationBanner as MatchFlash, type Flash } from "./notification-banner";
