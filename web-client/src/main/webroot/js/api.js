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
    throw new QuorateError(json?.error || (response.status === 401 ? 'not_authenticated' : 'internal'),
      json?.message || response.statusText, json?.field || null, response.status);
  }
  return json;
}

export function login(username, password) {
  return call('POST', '/api/login', { body: { username, password } });
}

export class Api {
  constructor(token, onSignedOut) {
    this.token = token;
    this.onSignedOut = onSignedOut;
  }

  async #call(method, path, body) {
    try {
      return await call(method, path, { token: this.token, body });
    } catch (e) {
      if (e.code === 'not_authenticated') this.onSignedOut?.(e);
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

  me() {
    return this.get('/api/me');
  }

  logout() {
    return this.post('/api/logout');
  }
}
