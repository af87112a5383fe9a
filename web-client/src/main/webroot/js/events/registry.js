// The extension point for room events. A feature registers, per event `type`, a reducer that folds
// the event into a room's timeline (adding or updating items), and, per item `kind`, a renderer
// that turns an item into DOM. Decision cards (decision_*) and meeting events (meeting_*) plug in
// here later without touching the room view. Unknown types never crash: they become a neutral line.

const reducers = new Map();
const renderers = new Map();

/** reducer(timeline, event, {live}) */
export function onRoomEvent(type, reducer) {
  if (reducers.has(type)) throw new Error(`two reducers for room event "${type}"`);
  reducers.set(type, reducer);
}

/** renderer(item, ctx) -> Node */
export function renderItemKind(kind, renderer) {
  if (renderers.has(kind)) throw new Error(`two renderers for item kind "${kind}"`);
  renderers.set(kind, renderer);
}

export function reducerFor(type) {
  return reducers.get(type) || unknownEvent;
}

export function rendererFor(kind) {
  return renderers.get(kind) || renderers.get('unknown');
}

/** A room event this client does not understand (a newer server): shown, never dropped silently. */
export function unknownEvent(timeline, event) {
  timeline.addItem({ key: `e:${event.seq}`, seq: event.seq, kind: 'unknown', data: event });
}
