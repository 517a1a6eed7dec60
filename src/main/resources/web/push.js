// Notifications on this device (Web Push): the explanation, the permission asked only after the
// user taps the button, the subscription sent to the server, and what notifies (settings).
import {api, session} from './api.js';
import {lang} from './i18n.js';
import {el, showError, errorBox} from './ui.js';

const texts = {
  en: {
    title: 'Notifications',
    why: 'Get a notification on this device when you receive a snap or a message, when someone asks to be your friend, '
      + 'and for the stories you choose, even when Pastel is closed. Your browser will ask for permission; you can turn it off here at any time.',
    on: 'Turn on notifications on this device', off: 'Turn off on this device', enabled: 'Notifications are on for this device.',
    denied: 'Notifications are blocked for this site in the browser settings.', unsupported: 'This browser cannot receive notifications.',
    snaps: 'Snaps received', chat: 'Chat messages', chatText: 'Show the message text', friends: 'Friend requests and acceptances',
    friendStories: "Friends' stories", subscriptionStories: 'Stories of accounts I subscribe to', community: 'Community submissions approved or declined',
    screenshots: 'Screenshots of my snaps', previews: 'Show who sent it (on the lock screen too)',
  },
  fr: {
    title: 'Notifications',
    why: 'Recevez une notification sur cet appareil quand vous recevez un snap ou un message, quand quelqu’un veut devenir votre ami·e, '
      + 'et pour les stories de votre choix, même quand Pastel est fermé. Votre navigateur demandera l’autorisation ; vous pouvez tout couper ici à tout moment.',
    on: 'Activer les notifications sur cet appareil', off: 'Désactiver sur cet appareil', enabled: 'Les notifications sont activées sur cet appareil.',
    denied: 'Les notifications sont bloquées pour ce site dans les réglages du navigateur.', unsupported: 'Ce navigateur ne peut pas recevoir de notifications.',
    snaps: 'Snaps reçus', chat: 'Messages', chatText: 'Afficher le texte des messages', friends: "Demandes d'ami et acceptations",
    friendStories: 'Stories de mes ami·es', subscriptionStories: 'Stories des comptes auxquels je suis abonné·e', community: 'Contributions acceptées ou refusées',
    screenshots: "Captures d'écran de mes snaps", previews: "Afficher qui l'envoie (aussi sur l'écran verrouillé)",
  },
};
const SETTINGS = ['snaps', 'chat', 'chatText', 'friends', 'friendStories', 'subscriptionStories', 'community', 'screenshots', 'previews'];

const say = (key) => (texts[lang()] || texts.en)[key];
const supported = () => 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;

function bytes(base64url) {
  const text = atob(base64url.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

/// This browser's push subscription, made with the server's current key (a rotated key means a
/// new subscription); sent to the server with the user's language.
export async function subscribe() {
  const registration = await navigator.serviceWorker.ready;
  const {publicKey} = await api('GET', 'push/key');
  let subscription = await registration.pushManager.getSubscription();
  const current = subscription?.options?.applicationServerKey;
  if (subscription && current && btoa(String.fromCharCode(...new Uint8Array(current))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '') !== publicKey) {
    await subscription.unsubscribe();
    subscription = null;
  }
  if (!subscription) {
    subscription = await registration.pushManager.subscribe({userVisibleOnly: true, applicationServerKey: bytes(publicKey)});
  }
  await api('PUT', 'push/subscriptions', {...subscription.toJSON(), lang: lang()});
  return subscription;
}

/// Keeps the server's copy of this device's subscription fresh (language, key) once allowed.
export async function refresh() {
  if (!supported() || Notification.permission !== 'granted' || !session.token) return;
  const registration = await navigator.serviceWorker.ready;
  if (await registration.pushManager.getSubscription()) await subscribe().catch(() => {});
}

/// What the settings show: whether this browser can and does receive, and the user's settings.
export async function loadNotificationSettings() {
  const state = {supported: supported(), permission: 'default', subscribed: false, registration: null};
  if (state.supported) {
    state.registration = await navigator.serviceWorker.ready;
    state.permission = Notification.permission;
    state.subscribed = state.permission === 'granted' && Boolean(await state.registration.pushManager.getSubscription());
  }
  return {...state, settings: await api('GET', 'push/settings')};
}

/// The settings section, built from what loadNotificationSettings found: explanation first,
/// permission only on the button's tap, then the toggles. Each action updates its own nodes.
export function renderNotificationSettings({supported: canPush, permission, subscribed, registration, settings}) {
  const t = say;
  const box = errorBox();
  const status = el('p', {class: 'status', role: 'status'});
  const section = el('section', {class: 'card', id: 'notifications'}, el('h2', {text: t('title')}), el('p', {class: 'why', text: t('why')}));
  if (!canPush) {
    section.append(el('p', {text: t('unsupported')}));
  } else {
    if (permission === 'denied') status.textContent = t('denied');
    else if (subscribed) status.textContent = t('enabled');
    const on = el('button', {type: 'button', id: 'push-on', text: t('on'), hidden: subscribed, onclick: async () => {
      try {
        // Asked here, in the tap's handler: never on load, never without the explanation above.
        const answer = await Notification.requestPermission();
        if (answer !== 'granted') { status.textContent = t('denied'); return; }
        await subscribe();
        status.textContent = t('enabled');
        on.hidden = true; off.hidden = false;
      } catch (error) { showError(box, error); }
    }});
    const off = el('button', {type: 'button', id: 'push-off', class: 'ghost', text: t('off'), hidden: !subscribed, onclick: async () => {
      try {
        const subscription = await registration.pushManager.getSubscription();
        if (subscription) {
          await api('DELETE', 'push/subscriptions', subscription.toJSON());
          await subscription.unsubscribe();
        }
        status.textContent = '';
        off.hidden = true; on.hidden = false;
      } catch (error) { showError(box, error); }
    }});
    section.append(status, on, off, box);
  }
  const list = el('ul', {class: 'list settings'}, SETTINGS.map((key) => {
    const id = `push-${key}`;
    const input = el('input', {type: 'checkbox', id, checked: settings[key], onchange: async () => {
      try { await api('PATCH', 'push/settings', {[key]: input.checked}); } catch (error) { input.checked = !input.checked; showError(box, error); }
    }});
    return el('li', {}, input, el('label', {for: id, text: t(key)}));
  }));
  section.append(list);
  return section;
}

/// The section loaded and built in one go, for a screen that shows it as a part (the profile).
export async function notificationSettings() {
  return renderNotificationSettings(await loadNotificationSettings());
}

/// A notification click in an open window: the service worker names the screen to show.
export function listenForClicks() {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.startMessages();
  navigator.serviceWorker.addEventListener('message', (event) => {
    if (event.data?.type !== 'pastel.open') return;
    const target = new URL(event.data.url, location.origin);
    if (target.pathname === location.pathname) location.hash = target.hash;
    else location.href = target.href;
  });
}
