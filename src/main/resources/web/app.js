// Pastel's web client: the composition root. Each screen is a module with a small contract:
//   load(params)            fetches what it shows (a promise)
//   render(data, root, p)   builds its DOM once into a long-lived container
//   onEvent(event)          a realtime event: a targeted update (one node), never a rebuild
//   leave()                 stops what it started (camera, timers)
// and `tab` (the tab it belongs to; none hides the tab bar).
import {connectEvents, session} from './api.js';
import {lang, plural, setLang, t, translate} from './i18n.js';
import {describe, el, toast} from './ui.js';
import * as auth from './auth.js';
import * as camera from './camera.js';
import * as inbox from './inbox.js';
import * as chat from './chat.js';
import * as stories from './stories.js';
import * as friends from './friends.js';
import * as discover from './discover.js';
import * as profile from './profile.js';
import * as insights from './insights.js';
import * as official from './official.js';
import * as teaminbox from './teaminbox.js';
import * as admin from './admin.js';
import * as account from './account.js';
import {listenForClicks, loadNotificationSettings, refresh as refreshPush, renderNotificationSettings} from './push.js';

/// Notification settings (push.js) as a screen of their own, on the screen contract: load fetches,
/// render builds the DOM (the profile shows the same section).
const notifications = {name: 'notifications', tab: 'profile', load: () => loadNotificationSettings(),
  render: (data, root) => root.append(renderNotificationSettings(data))};

const routes = [
  [/^#\/signin$/, auth.signIn], [/^#\/signup$/, auth.signUp], [/^#\/camera$/, camera], [/^#\/inbox$/, inbox],
  [/^#\/chat\/([^/?]+)(?:\?as=([^/]+))?$/, chat], [/^#\/stories$/, stories], [/^#\/friends$/, friends], [/^#\/add\/([^/]+)$/, friends],
  [/^#\/discover$/, discover], [/^#\/profile$/, profile], [/^#\/insights$/, insights], [/^#\/official$/, official],
  [/^#\/official\/inbox$/, teaminbox],
  [/^#\/notifications$/, notifications], [/^#\/u\/([^/]+)$/, account], [/^#\/admin$/, admin],
];

const view = document.getElementById('view');
const tabs = document.getElementById('tabs');
let current = null;
let stopEvents = null;
let renders = 0;

function route() {
  const signedIn = Boolean(session.token);
  let hash = location.hash || (signedIn ? '#/camera' : '#/signin');
  if (!signedIn && !['#/signin', '#/signup'].includes(hash)) hash = '#/signin';
  for (const [pattern, screen] of routes) {
    const match = hash.match(pattern);
    if (match && (signedIn || screen.open)) return {screen, params: match.slice(1).map((p) => p && decodeURIComponent(p))};
  }
  return {screen: signedIn ? camera : auth.signIn, params: []};
}

export async function render() {
  // Screens load asynchronously: only the latest navigation may draw, whatever finishes first.
  const ticket = ++renders;
  const {screen, params} = route();
  translate();
  try {
    const data = await screen.load(params);
    if (ticket !== renders) return;
    current?.leave?.();
    current = screen;
    const root = el('div', {class: `screen screen-${screen.name || 'x'}`});
    view.replaceChildren(root);
    screen.render(data, root, params);
    showTabs(screen.tab);
    if (screen === inbox) badge(0);
  } catch (error) {
    if (ticket !== renders) return;
    current?.leave?.();
    current = null;
    view.replaceChildren(el('p', {class: 'error card', role: 'alert', text: describe(error)}));
  }
  if (session.token && !stopEvents) stopEvents = connectEvents(onEvent);
}

function showTabs(tab) {
  tabs.hidden = !session.token || !tab;
  document.body.classList.toggle('with-tabs', !tabs.hidden);
  document.body.classList.toggle('on-camera', tab === 'camera');
  for (const link of tabs.querySelectorAll('a')) {
    if (link.dataset.tab === tab) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
}

// New snaps and messages seen elsewhere than the chat tab are counted on its icon.
let unseen = 0;
function badge(count) {
  unseen = count;
  const node = document.getElementById('tab-badge');
  node.hidden = !count;
  node.textContent = String(count);
  node.setAttribute('aria-label', plural('inbox.unseen', count));
}

function onEvent(event) {
  if (event.type === 'chat.message' && event.account) officialMessage(event);
  else if ((event.type === 'snap.received' || event.type === 'chat.message') && current !== inbox
      && !(current === chat && location.hash === `#/chat/${encodeURIComponent(event.from)}`)) badge(unseen + 1);
  if (event.type === 'snap.received' && current !== inbox) toast(t('inbox.newSnap', {name: event.from}));
  if (event.type === 'chat.message' && !event.account && current !== chat && current !== inbox) toast(t('chat.newMessage', {name: event.from}));
  if (event.type === 'friend.request' && current !== friends) toast(t('friends.newRequest', {name: event.fromDisplayName || event.from}));
  if (event.type === 'submission.approved') toast(t('community.approved', {name: '@' + event.account}));
  if (event.type === 'submission.rejected') toast(t('community.rejected', {name: '@' + event.account}));
  current?.onEvent?.(event);
}

/// A message to an official account the person manages: told unless its inbox or that
/// conversation is on screen (the manager's own chat badge is for their own messages).
function officialMessage(event) {
  const open = current === teaminbox || (current === chat && location.hash.startsWith(`#/chat/${encodeURIComponent(event.from)}?as=`));
  if (!open) toast(t('official.newMessage', {account: '@' + event.account, name: event.from}));
}

/// Signing out: the session ends on the server, the socket closes, the sign-in screen shows.
export async function signOut() {
  await import('./api.js').then(({api}) => api('DELETE', 'sessions/current')).catch(() => {});
  session.token = null;
  stopEvents?.();
  stopEvents = null;
  location.hash = '#/signin';
}

/// A new language: the screen is drawn again and the push subscription follows (notifications
/// are worded by the server in the subscription's language).
export function changeLanguage(code) {
  setLang(code);
  render();
  refreshPush();
}

/// After sign-up or sign-in: a subscription asked for on a public page is completed first, and
/// its account's profile opens; otherwise the camera.
export async function signedIn(token) {
  session.token = token;
  location.hash = (await account.completeIntent().catch(() => null)) || '#/camera';
}

document.documentElement.lang = lang();
window.addEventListener('hashchange', render);
if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js').then(refreshPush).catch(() => {});
listenForClicks();
render();
