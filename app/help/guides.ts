/** What each kind of user does in Peerlink, in the order they usually do it. */
export const GUIDES = {
  member: {
    title: "Help for members of a trust",
    steps: [
      "Record your organisation's assessment: how mature it is in each capability.",
      "Create a request for help with a capability, saying what good would look like and when.",
      "When a coordinator matches your request with an offer, read the match and the engagement it starts.",
      "During the engagement, arrange sessions, answer the questionnaire and record what you learned.",
      "Re-assess afterwards, so the change shows as impact.",
    ],
  },
  "org-admin": {
    title: "Help for organisation administrators",
    steps: [
      "Everything a member does, and keep your organisation's details up to date.",
      "Invite colleagues from your organisation.",
      "Ask a coordinator for pioneer status, with your reason, when your trust is strong in some capabilities.",
      "As a pioneer, publish offers, say how many requests each can take per quarter, and accept or decline matches.",
    ],
  },
  coordinator: {
    title: "Help for coordinators",
    steps: [
      "Review requests from trusts in your area and ask them questions where needed.",
      "Run a matching round for your area, read why each proposal was made, then approve, change or reject it.",
      "Decide requests for pioneer status.",
      "Follow engagements and read the dashboard of outreach and impact, or download its tables as CSV.",
    ],
  },
  admin: {
    title: "Help for service administrators",
    steps: [
      "Keep the capability framework: domains and capabilities, retired but never deleted.",
      "Import organisations from ODS, invite coordinators and manage users.",
      "Check the outbox for messages that could not be sent.",
    ],
  },
} as const;

export type GuideRole = keyof typeof GUIDES;
export const isGuideRole = (role: string | undefined): role is GuideRole =>
  role !== undefined && Object.hasOwn(GUIDES, role);
