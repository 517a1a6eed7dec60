// Caches the application shell so Pastel opens offline; API calls and media always go to the network.
const SHELL = 'pastel-shell-v2';
// The server writes the release's files here: the ones it serves, found from index.html through
// the modules' own imports (the one list of client files).
const FILES = ['/', '/manifest.webmanifest', '/icons/icon-192.png'].concat(/*FILES*/[]);

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(FILES)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== SHELL).map((k) => caches.delete(k))))
    // Open pages are controlled at once, so a notification click can reach them.
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.pathname.startsWith('/api/') || url.pathname.startsWith('/media/')) return;
  event.respondWith(fetch(event.request).catch(() => caches.match(event.request)));
});

// Web Push: the server sends {kind, title, body, tag, url, icon?, follow?, lang}, already in the
// user's language and following their settings (no snap content, chat text only if opted in).
self.addEventListener('push', (event) => {
  let message;
  try { message = event.data ? event.data.json() : {}; } catch { message = {body: event.data ? event.data.text() : ''}; }
  const fr = message.lang === 'fr';
  const options = {
    body: message.body || '', lang: message.lang || 'en', icon: message.icon || undefined,
    // One notification per tag (the RFC 8030 Topic): a second new snap replaces the first.
    tag: message.tag || undefined, renotify: Boolean(message.tag),
    data: {url: message.url || '/', follow: message.follow || null},
  };
  // A visitor's follow of a public account can be stopped from the notification itself.
  if (message.follow) options.actions = [{action: 'unfollow', title: fr ? 'Ne plus être notifié' : 'Stop notifications'}];
  event.waitUntil(self.registration.showNotification(message.title || 'Pastel', options));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const {url, follow} = event.notification.data || {};
  if (event.action === 'unfollow' && follow) {
    event.waitUntil(self.registration.pushManager.getSubscription().then((subscription) => subscription && fetch('/api/v1/push/subscriptions', {
      method: 'DELETE', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({...subscription.toJSON(), follow}),
    })));
    return;
  }
  event.waitUntil(openScreen(url || '/'));
});

/// Shows `url` in an open Pastel window if there is one (the page routes it), else opens one.
async function openScreen(url) {
  const target = new URL(url, self.location.origin);
  const windows = await self.clients.matchAll({type: 'window', includeUncontrolled: true});
  const open = windows.find((client) => new URL(client.url).origin === target.origin);
  if (!open) return self.clients.openWindow(target.href);
  open.postMessage({type: 'pastel.open', url: target.href});
  // Focus needs the click's user activation; a click always has it, a test's synthetic one not.
  try { await open.focus(); } catch { /* the window is shown anyway */ }
  return open;
}
