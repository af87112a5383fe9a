// A minimal publish/subscribe hub: the store and the protocol client speak through it, views listen.
export class Emitter {
  #listeners = new Map();

  /** Registers a listener; returns the function that removes it. */
  on(type, fn) {
    if (!this.#listeners.has(type)) this.#listeners.set(type, new Set());
    this.#listeners.get(type).add(fn);
    return () => this.#listeners.get(type)?.delete(fn);
  }

  emit(type, detail) {
    for (const fn of [...(this.#listeners.get(type) || [])]) {
      try {
        fn(detail);
      } catch (e) {
        // One broken view must not stop the others (or the protocol client) from hearing the event.
        console.error(`listener for "${type}" failed`, e);
      }
    }
  }
}
