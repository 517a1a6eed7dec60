// Caches the application shell so Pastel opens offline; API calls and media always go to the network.
const SHELL = 'pastel-shell-v2';
// The server writes the release's files here, from the one list it serves (web/files.txt).
const FILES = ['/', '/manifest.webmanifest', '/icons/icon-192.png'].concat(/*FILES*/[]);

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(FILES)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== SHELL).map((k) => caches.delete(k)))));
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.pathname.startsWith('/api/') || url.pathname.startsWith('/media/')) return;
  event.respondWith(fetch(event.request).catch(() => caches.match(event.request)));
});
