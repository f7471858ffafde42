import type { MailDelivery } from "../../db/schema";

/**
 * The kinds of message a person chooses for, each covering related notifications (by their kind).
 * Account mail (invitations, passwords) is not listed: it is always sent at once.
 */
export const MESSAGE_GROUPS = {
  matches: {
    label: "Matches: approved, answered, and answers overdue",
    kinds: ["match_approved", "match_accepted", "match_declined", "match_answer_overdue", "match_cancelled"],
  },
  requests: {
    label: "Requests: questions from coordinators and new requests near you",
    kinds: ["request_needs_info", "new_request_nearby"],
  },
  sessions: {
    label: "Sessions: planned, moved, cancelled, held, and the day before",
    kinds: ["session_planned", "session_moved", "session_cancelled", "session_held", "session_tomorrow"],
  },
  engagements: {
    label: "Engagements: questionnaire, ending and feedback",
    kinds: ["questionnaire_due", "engagement_ended", "feedback_open", "feedback_closing", "feedback_visible"],
  },
  impact: {
    label: "Impact: follow-up re-assessments and results",
    kinds: ["follow_up_due", "follow_up_overdue", "impact_measured"],
  },
  offers: { label: "Offers: a paused offer published again", kinds: ["offer_resumed"] },
  pioneerStatus: {
    label: "Pioneer status: requests and decisions",
    kinds: ["pioneer_status_requested", "pioneer_status_decided"],
  },
} as const satisfies Record<string, { label: string; kinds: readonly string[] }>;

export type MessageGroup = keyof typeof MESSAGE_GROUPS;
export const MESSAGE_GROUP_NAMES = Object.keys(MESSAGE_GROUPS) as MessageGroup[];
export const DELIVERIES: readonly MailDelivery[] = ["immediate", "digest", "app"];
export const DEFAULT_DELIVERY: MailDelivery = "immediate";

export const DELIVERY_LABELS: Record<MailDelivery, string> = {
  immediate: "Mail me at once",
  digest: "Include in one mail each morning",
  app: "Only show in Peerlink",
};
