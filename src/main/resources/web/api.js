// The HTTP API and the event socket, as every outside client uses them.
import {t} from './i18n.js';

export const session = {
  get token() { return localStorage.getItem('pastel.token'); },
  set token(value) { value ? localStorage.setItem('pastel.token', value) : localStorage.removeItem('pastel.token'); },
};

export class ApiError extends Error {
  constructor(problem) {
    super(problem.detail || problem.title || t('error.generic'));
    this.problem = problem;
  }
}

export async function api(method, path, body, raw) {
  const headers = {};
  if (session.token) headers.Authorization = `Bearer ${session.token}`;
  let payload;
  if (raw) { payload = raw; } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await fetch(`/api/v1/${path}`, {method, headers, body: payload});
  if (response.status === 204) return null;
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    if (response.status === 401 && session.token) { session.token = null; location.hash = '#/signin'; }
    throw new ApiError(data);
  }
  return data;
}

/// One WebSocket per signed-in client; reconnects with a growing delay.
export function connectEvents(onEvent) {
  let delay = 500;
  let socket;
  const open = () => {
    if (!session.token) return;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    socket = new WebSocket(`${scheme}://${location.host}/api/v1/events?access_token=${encodeURIComponent(session.token)}`);
    // Events sent while the socket was down are lost: on each (re)connection the client is told
    // to refetch what it shows.
    socket.onopen = () => { delay = 500; onEvent({type: 'events.open'}); };
    socket.onmessage = (message) => onEvent(JSON.parse(message.data));
    socket.onclose = () => { setTimeout(open, delay); delay = Math.min(delay * 2, 15000); };
  };
  open();
  return () => { if (socket) { socket.onclose = null; socket.close(); } };
}
