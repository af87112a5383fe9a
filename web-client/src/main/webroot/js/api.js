// REST reads and the sign-in endpoints (see /openapi.yaml). Errors become QuorateError with the
// server's typed code, so views describe them the same way as WebSocket errors.

import { QuorateError } from './protocol/errors.js';

async function call(method, path, { token, body } = {}) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new QuorateError('network', 'network error');
  }
  if (response.status === 204) return null;
  let json = null;
  try {
    json = await response.json();
  } catch (e) {
    json = null;
  }
  if (!response.ok) {
    const fallback = { 401: 'not_authenticated', 503: 'unavailable' }[response.status] || 'internal';
    throw new QuorateError(json?.error || fallback,
      json?.message || response.statusText, json?.field || null, response.status);
  }
  return json;
}

export function login(username, password) {
  return call('POST', '/api/login', { body: { username, password } });
}

export class Api {
  /** onStore(reachable): a 503 `unavailable` means the server cannot reach its store, never that we were signed out. */
  constructor(token, onSignedOut, onStore) {
    this.token = token;
    this.onSignedOut = onSignedOut;
    this.onStore = onStore;
  }

  async #call(method, path, body) {
    try {
      const result = await call(method, path, { token: this.token, body });
      this.onStore?.(true);
      return result;
    } catch (e) {
      if (e.code === 'not_authenticated') this.onSignedOut?.(e);
      if (e.code === 'unavailable') this.onStore?.(false);
      throw e;
    }
  }

  get(path) {
    return this.#call('GET', path);
  }

  post(path, body) {
    return this.#call('POST', path, body);
  }

  put(path, body) {
    return this.#call('PUT', path, body);
  }

  delete(path) {
    return this.#call('DELETE', path);
  }

  me() {
    return this.get('/api/me');
  }

  logout() {
    return this.post('/api/logout');
  }
}
