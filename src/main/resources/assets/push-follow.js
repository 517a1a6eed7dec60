// "Follow without an account" on a public page: a notification when this account posts a public
// story, through Web Push, for a visitor who never signs up. The explanation shows first; the
// browser's permission is asked only when the visitor taps the button. Removable here and from
// any notification (its "Stop notifications" action).
(() => {
  const section = document.querySelector('.follow');
  if (!section || !('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) return;
  const account = section.dataset.account;
  const fr = (navigator.language || 'en').toLowerCase().startsWith('fr');
  const say = fr ? {
    why: `Recevez une notification quand @${account} publie une story, sans créer de compte. Votre navigateur demandera l'autorisation.`,
    on: 'Me notifier des stories', off: 'Ne plus être notifié', following: 'Vous serez notifié des nouvelles stories.',
    stopped: 'Vous ne serez plus notifié.', denied: 'Les notifications sont bloquées pour ce site dans le navigateur.',
    failed: "Impossible d'activer les notifications.",
  } : {
    why: `Get a notification when @${account} posts a story, without creating an account. Your browser will ask for permission.`,
    on: 'Notify me of new stories', off: 'Stop notifications', following: 'You will be notified of new stories.',
    stopped: 'You will not be notified any more.', denied: 'Notifications are blocked for this site in the browser.',
    failed: 'Notifications could not be turned on.',
  };
  const why = section.querySelector('.follow-why');
  const on = section.querySelector('.follow-on');
  const off = section.querySelector('.follow-off');
  const status = section.querySelector('.follow-status');
  why.textContent = say.why;
  on.textContent = say.on;
  off.textContent = say.off;
  const bytes = (b64) => Uint8Array.from(atob(b64.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  const send = (method, path, body) => fetch(`/api/v1/${path}`, {method, headers: {'Content-Type': 'application/json'},
    body: JSON.stringify(body)}).then((r) => { if (!r.ok) throw new Error(String(r.status)); return r.status === 204 ? null : r.json(); });
  const show = (following) => { on.hidden = following; off.hidden = !following; };

  const ready = navigator.serviceWorker.register('/sw.js').then(() => navigator.serviceWorker.ready);
  ready.then(async (registration) => {
    section.hidden = false;
    const subscription = await registration.pushManager.getSubscription();
    if (!subscription || Notification.permission !== 'granted') return show(false);
    const {follows} = await send('POST', 'push/subscriptions/follows', subscription.toJSON());
    show(follows.includes(account));
  }).catch(() => {});

  on.addEventListener('click', async () => {
    try {
      const permission = await Notification.requestPermission();
      if (permission !== 'granted') { status.textContent = say.denied; return; }
      const registration = await ready;
      const {publicKey} = await fetch('/api/v1/push/key').then((r) => r.json());
      const subscription = await registration.pushManager.getSubscription()
        || await registration.pushManager.subscribe({userVisibleOnly: true, applicationServerKey: bytes(publicKey)});
      await send('PUT', 'push/subscriptions', {...subscription.toJSON(), lang: fr ? 'fr' : 'en', follow: account});
      status.textContent = say.following;
      show(true);
    } catch {
      status.textContent = say.failed;
    }
  });

  off.addEventListener('click', async () => {
    try {
      const subscription = await (await ready).pushManager.getSubscription();
      if (subscription) await send('DELETE', 'push/subscriptions', {...subscription.toJSON(), follow: account});
      status.textContent = say.stopped;
      show(false);
    } catch {
      status.textContent = say.failed;
    }
  });
})();
