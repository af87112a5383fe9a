// Every typed error code of the protocol (and REST API), as something a person can act on.
// Codes are stable (protocol/ErrorCode.java); an unknown future code still gets a sensible sentence.

const FIELD_NAMES = {
  body: 'the message text',
  reason: 'the reason',
  thread_root: 'the thread',
  query: 'the search text',
  q: 'the search text',
  username: 'the username',
  password: 'the password',
  seq: 'the read position',
  room: 'the room',
  message_id: 'the message',
  protocol_version: 'the protocol version',
  question: 'the question',
  kind: 'the kind of decision',
  visibility: 'who sees the ballots',
  closes_at: 'the closing time',
  closes_in_working_days: 'the number of Working Days',
  decision_id: 'the decision',
  choice: 'your choice',
  objectives: 'the General SEC Objectives',
  motion_text: 'the motion text',
  motion_version: 'the motion version',
  change: 'the change',
  meeting_id: 'the meeting',
  modification_id: 'the Modification',
  on_behalf_of: 'the member you vote for',
  track: 'the decision track',
};

export const ERROR_TEXT = {
  not_authenticated: () => 'Your session has ended. Please sign in again.',
  not_authorised: (m) => `You are not allowed to do that here${m ? ` (${m})` : ''}.`,
  not_found: (m) => `That could not be found; it may have been removed${m ? ` (${m})` : ''}.`,
  invalid: (m, field) => `Please check ${FIELD_NAMES[field] || field || 'what you entered'}: ${m || 'it is not valid'}.`,
  rate_limited: () => 'You are sending too quickly. Wait a moment, then try again.',
  conflict: (m) => `That clashes with a change made meanwhile${m ? `: ${m}` : ''}.`,
  decision_closed: () => 'This decision is closed: ballots can no longer be cast, changed or withdrawn.',
  unavailable: () => 'Store unreachable, retrying. Nothing was changed and you are still signed in.',
  internal: () => 'Something went wrong on the server. Nothing was changed; please try again.',
  network: () => 'Quorate could not be reached. Check your connection and try again.',
};

/** An error from the server (WebSocket "error" event or REST error body). */
export class QuorateError extends Error {
  constructor(code, message, field = null, status = null) {
    super(message || code);
    this.code = code;
    this.field = field;
    this.status = status;
  }

  /** The sentence shown to the user. */
  get description() {
    return describeError(this);
  }
}

export function describeError(err) {
  if (!err) return '';
  const code = err.code || 'internal';
  const text = ERROR_TEXT[code];
  if (text) return text(err.message && err.message !== code ? err.message : '', err.field);
  return `The server refused this (${code})${err.message ? `: ${err.message}` : ''}.`;
}
