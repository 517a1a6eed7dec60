// Caches the application shell so Pastel opens offline; API calls and media always go to the network.
const SHELL = 'pastel-shell-v2';
const FILES = ['/', '/app/app.js', '/app/api.js', '/app/i18n.js', '/app/ui.js', '/app/official.js', '/app/camera.js', '/app/style.css', '/manifest.webmanifest'];

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
