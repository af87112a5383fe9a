// What the decision card needs to say why my ballot is blocked by a proxy: the active appointments
// on my seats, read per body (GET /api/bodies/{id}/proxies) the first time a card of that body is
// drawn, and read again when a notification arrives (an appointment or revocation notifies both
// the member and the proxy). `changed` redraws the cards once they are known.

import { bodyByCode } from '../render/decision.js';
import { isActive } from './proxies.js';

export function seatNotes(session, changed) {
  const me = session.me;
  const byBody = new Map(); // body code -> appointments (or null while loading)

  async function load(code) {
    const body = bodyByCode(session.store, code);
    if (!body?.members?.some((m) => m.user_id === me.id && m.voting)) {
      byBody.set(code, []);
      return;
    }
    byBody.set(code, byBody.get(code) || null);
    try {
      byBody.set(code, await session.api.get(`/api/bodies/${body.id}/proxies`));
    } catch {
      byBody.set(code, []);
    }
    changed();
  }

  const off = session.store.on('notifications', () => {
    for (const code of byBody.keys()) load(code);
  });

  return {
    /** The appointment holding my seat for this decision now, if any. */
    proxyFor(st) {
      if (!byBody.has(st.body)) {
        load(st.body);
        return null;
      }
      return (byBody.get(st.body) || []).find((p) => p.principal_id === me.id && isActive(p)
        && (p.scope === 'period' || (p.scope === 'decision' && p.scope_id === st.id)
          || (p.scope === 'meeting' && st.meetingId != null && p.scope_id === st.meetingId))) || null;
    },
    destroy: off,
  };
}
