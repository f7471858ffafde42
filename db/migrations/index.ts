import type { Migration } from "kysely";
import * as foundation from "./2026-11-29-01-foundation";
import * as assessmentsRequestsOffers from "./2026-11-29-02-assessments-requests-offers";
import * as matching from "./2026-11-29-03-matching";
import * as engagementsLearning from "./2026-11-29-04-engagements-learning";
import * as signInReservations from "./2026-12-04-01-sign-in-reservations";
import * as pioneerStatusRequests from "./2026-12-04-03-pioneer-status-requests";
import * as recoveryCalendar from "./2026-12-04-08-recovery-calendar";
import * as mailScheduler from "./2026-12-04-07-mail-scheduler";
import * as matchAnswerDue from "./2026-12-04-11-match-answer-due";
import * as identity from "./2026-12-04-13-identity";
import * as keptDataAndEngagementLearning from "./2026-12-04-14-kept-data-and-engagement-learning";
import * as auditEvent from "./2026-12-04-15-audit-event";
import * as accountAdmin from "./2026-12-04-16-account-admin";
import * as forms from "./2026-12-04-18-forms";
import * as offerPreference from "./2026-12-04-19-offer-preference";
import * as proposalByRequest from "./2026-12-04-24-proposal-by-request";
import * as roundWhatIf from "./2026-12-04-25-round-what-if";
import * as roundPlaces from "./2026-12-04-26-round-places";
import * as interestAndNeed from "./2026-12-04-27-interest-and-need";
import * as sharedCapacity from "./2026-12-04-28-shared-capacity";
import * as matchByProposal from "./2026-12-04-29-match-by-proposal";

/** Every migration, by name; names sort in the order they run. Listed, not globbed, so bundlers see them. */
export const migrations: Record<string, Migration> = {
  "2026-11-29-01-foundation": foundation,
  "2026-11-29-02-assessments-requests-offers": assessmentsRequestsOffers,
  "2026-11-29-03-matching": matching,
  "2026-11-29-04-engagements-learning": engagementsLearning,
  "2026-12-04-01-sign-in-reservations": signInReservations,
  "2026-12-04-03-pioneer-status-requests": pioneerStatusRequests,
  "2026-12-04-07-mail-scheduler": mailScheduler,
  "2026-12-04-08-recovery-calendar": recoveryCalendar,
  "2026-12-04-11-match-answer-due": matchAnswerDue,
  "2026-12-04-13-identity": identity,
  "2026-12-04-14-kept-data-and-engagement-learning": keptDataAndEngagementLearning,
  "2026-12-04-15-audit-event": auditEvent,
  "2026-12-04-16-account-admin": accountAdmin,
  "2026-12-04-18-forms": forms,
  "2026-12-04-19-offer-preference": offerPreference,
  "2026-12-04-24-proposal-by-request": proposalByRequest,
  "2026-12-04-25-round-what-if": roundWhatIf,
  "2026-12-04-26-round-places": roundPlaces,
  "2026-12-04-27-interest-and-need": interestAndNeed,
  "2026-12-04-28-shared-capacity": sharedCapacity,
  "2026-12-04-29-match-by-proposal": matchByProposal,
};
