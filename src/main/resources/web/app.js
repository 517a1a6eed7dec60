// Pastel's web client: a camera-first single page on native ES modules, no build step.
import {api, connectEvents, session} from './api.js';
import {formatNumber, formatTime, lang, setLang, t, translate} from './i18n.js';
import {describe, el, errorBox, field, showError, toast} from './ui.js';
import {accountPicker, actingAccounts, chosenAccount, official} from './official.js';
import {camera} from './camera.js';
import {listenForClicks, notificationSettings, refresh} from './push.js';

const view = document.getElementById('view');
let stopEvents = null;
let inboxRefresh = null;

function signIn() {
  const errors = errorBox();
  const form = el('form', {class: 'card', 'aria-labelledby': 'signin-title'},
    el('h2', {id: 'signin-title', text: t('signin.title')}),
    field('username', 'text', 'field.username', {autocomplete: 'username'}),
    field('password', 'password', 'field.password', {autocomplete: 'current-password'}),
    errors,
    el('button', {type: 'submit', text: t('action.signin')}),
    el('a', {href: '#/signup', text: t('action.toSignup')}));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const data = await api('POST', 'sessions', {username: form.username.value, password: form.password.value});
      session.token = data.token;
      location.hash = '#/inbox';
    } catch (error) { showError(errors, error); }
  });
  return form;
}

function signUp() {
  const errors = errorBox();
  const form = el('form', {class: 'card', 'aria-labelledby': 'signup-title'},
    el('h2', {id: 'signup-title', text: t('signup.title')}),
    field('username', 'text', 'field.username', {autocomplete: 'username', minlength: 3, maxlength: 30}),
    field('displayName', 'text', 'field.displayName', {maxlength: 64}),
    field('birthDate', 'date', 'field.birthDate'),
    field('password', 'password', 'field.password', {autocomplete: 'new-password', minlength: 10}),
    errors,
    el('button', {type: 'submit', text: t('action.signup')}),
    el('a', {href: '#/signin', text: t('action.toSignin')}));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const body = {username: form.username.value, displayName: form.displayName.value,
        birthDate: form.birthDate.value, password: form.password.value};
      await api('POST', 'accounts', body);
      const data = await api('POST', 'sessions', {username: body.username, password: body.password});
      session.token = data.token;
      location.hash = '#/camera';
    } catch (error) { showError(errors, error); }
  });
  return form;
}

async function friends() {
  const errors = errorBox();
  const [list, requests] = await Promise.all([api('GET', 'friends'), api('GET', 'friends/requests')]);
  const add = el('form', {class: 'row'},
    el('label', {for: 'f-friend', class: 'sr-only', text: t('friends.add')}),
    el('input', {id: 'f-friend', name: 'username', placeholder: t('friends.add'), required: true}),
    el('button', {type: 'submit', text: t('action.add')}));
  add.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api('POST', 'friends/requests', {username: add.username.value});
      toast(t('friends.requested'));
      render();
    } catch (error) { showError(errors, error); }
  });
  const incoming = requests.incoming.map((r) => el('li', {},
    el('span', {text: `${r.from.displayName} (@${r.from.username})`}),
    el('button', {type: 'button', text: t('action.accept'), 'data-accept': r.from.username,
      onclick: async () => { await api('POST', `friends/requests/${r.id}/accept`); render(); }})));
  return el('section', {class: 'card'},
    el('h2', {text: t('friends.title')}), add, errors,
    incoming.length ? el('h3', {text: t('friends.incoming')}) : '', el('ul', {class: 'list'}, incoming),
    list.length ? el('ul', {class: 'list', id: 'friend-list'}, list.map((f) =>
      el('li', {'data-friend': f.username}, el('span', {text: `${f.displayName} (@${f.username})`}),
        el('a', {href: `#/chat/${encodeURIComponent(f.username)}`, text: t('nav.chat')}),
        el('button', {type: 'button', class: 'ghost', text: t('action.block'), onclick: async () => {
          await api('POST', 'blocks', {username: f.username});
          toast(t('friends.blocked'));
          render();
        }})))) : el('p', {text: t('friends.none')}));
}

async function inbox() {
  const snaps = await api('GET', 'snaps/received');
  const list = el('ul', {class: 'list', id: 'inbox-list'}, snaps.map((snap) => el('li', {'data-snap': snap.id, 'data-status': snap.status},
    el('span', {text: `${t('inbox.from', {name: snap.from})} · ${formatTime(snap.sentAt)}`}),
    el('span', {class: `status ${snap.status}`, text: t(`status.${snap.status}`)}),
    snap.status === 'gone' ? '' : el('button', {type: 'button', text: snap.status === 'new' ? t('action.view') : t('action.replay'),
      onclick: () => openSnap(snap, snap.status === 'new' ? 'open' : 'replay')}))));
  return el('section', {class: 'card'}, el('h2', {text: t('inbox.title')}), snaps.length ? list : el('p', {text: t('inbox.empty')}));
}

async function openSnap(snap, action) {
  let opened;
  try { opened = await api('POST', `snaps/${snap.id}/${action}`); } catch (error) { toast(describe(error)); render(); return; }
  const media = opened.kind === 'video'
    ? el('video', {src: opened.mediaUrl, autoplay: true, playsinline: true})
    : el('img', {src: opened.mediaUrl, alt: opened.caption || ''});
  const counter = el('p', {class: 'countdown', id: 'countdown', 'aria-live': 'polite'});
  const overlay = el('div', {class: 'viewer', role: 'dialog', 'aria-modal': 'true', tabindex: '-1'},
    media, opened.caption ? el('p', {class: 'caption', text: opened.caption}) : '', counter,
    el('p', {class: 'hint', text: t('viewer.screenshot')}));
  document.body.append(overlay);
  overlay.focus();
  const onHidden = () => { if (document.hidden) api('POST', `snaps/${snap.id}/screenshot`).catch(() => {}); };
  document.addEventListener('visibilitychange', onHidden);
  const close = () => { document.removeEventListener('visibilitychange', onHidden); overlay.remove(); render(); };
  overlay.addEventListener('click', close);
  let left = opened.viewSeconds;
  if (left > 0) {
    counter.textContent = String(left);
    const timer = setInterval(() => {
      left -= 1;
      counter.textContent = String(left);
      if (left <= 0) { clearInterval(timer); close(); }
    }, 1000);
  }
}

async function stories() {
  const [feed, me] = await Promise.all([api('GET', 'stories/feed'), api('GET', 'me')]);
  const ring = el('ul', {class: 'ring', id: 'story-ring'}, feed.map((entry) => el('li', {},
    el('button', {type: 'button', class: entry.allSeen ? 'seen' : 'unseen', 'data-account': entry.account,
      onclick: () => playStory(entry.account)}, entry.displayName))));
  const mine = await api('GET', `accounts/${me.username}/stories`);
  const own = el('ul', {class: 'list', id: 'my-story'}, mine.map((item) => el('li', {'data-item': item.id},
    el('span', {text: formatTime(item.postedAt)}),
    el('button', {type: 'button', class: 'ghost', text: t('story.viewers'), onclick: async (event) => {
      const viewers = await api('GET', `stories/${item.id}/viewers`);
      event.target.replaceWith(el('span', {class: 'viewers', text: viewers.length
        ? viewers.map((v) => v.username).join(', ') : t('story.noViewers')}));
    }}))));
  return el('section', {class: 'card'}, el('h2', {text: t('nav.stories')}),
    feed.length ? ring : el('p', {text: t('story.none')}),
    el('h3', {text: t('story.mine')}), own);
}

async function playStory(account) {
  const items = await api('GET', `accounts/${account}/stories`);
  if (!items.length) return;
  let index = -1;
  let shownAt = 0;
  let timer = null;
  const bars = el('div', {class: 'bars'}, items.map(() => el('span', {class: 'bar-item'})));
  const stage = el('div', {class: 'stage'});
  const reply = el('form', {class: 'row reply'},
    el('label', {for: 'f-reply', class: 'sr-only', text: t('story.reply')}),
    el('input', {id: 'f-reply', name: 'text', placeholder: t('story.reply'), maxlength: 2000}),
    el('button', {type: 'submit', text: t('action.send')}));
  const closeButton = el('button', {type: 'button', class: 'ghost close', text: '×', 'aria-label': t('story.close')});
  const overlay = el('div', {class: 'viewer story', role: 'dialog', 'aria-modal': 'true', tabindex: '-1',
    'aria-label': t('story.controls')}, closeButton, bars, stage, reply);
  document.body.append(overlay);
  overlay.focus();
  const report = (completed) => {
    if (index < 0) return Promise.resolve();
    return api('POST', `stories/${items[index].id}/views`, {watchedMs: Math.round(performance.now() - shownAt), completed})
      .catch(() => {});
  };
  // The ring is redrawn once the last view is recorded, so it shows the story as seen.
  const close = (pending) => { clearTimeout(timer); overlay.remove(); pending.then(render); };
  const next = (completed) => {
    const pending = report(completed);
    clearTimeout(timer);
    index += 1;
    if (index >= items.length) { close(pending); return; }
    bars.children[index].classList.add('active');
    const item = items[index];
    stage.replaceChildren(item.kind === 'video'
      ? el('video', {src: item.mediaUrl, autoplay: true, playsinline: true, onended: () => next(true)})
      : el('img', {src: item.mediaUrl, alt: item.caption || ''}));
    shownAt = performance.now();
    pausedAt = 0;
    remaining = 5000;
    if (item.kind !== 'video') timer = setTimeout(() => next(true), remaining);
  };
  // Tap to advance; hold to pause, release to go on. Keys: → or Enter next, space pause, Esc close.
  let remaining = 5000;
  let pausedAt = 0;
  let downAt = 0;
  const pause = () => {
    if (pausedAt) return;
    pausedAt = performance.now();
    clearTimeout(timer);
    remaining -= pausedAt - shownAt;
    stage.querySelector('video')?.pause();
  };
  const resume = () => {
    if (!pausedAt) return;
    shownAt += performance.now() - pausedAt;
    pausedAt = 0;
    const video = stage.querySelector('video');
    if (video) video.play().catch(() => {}); else timer = setTimeout(() => next(true), Math.max(remaining, 0));
  };
  stage.addEventListener('pointerdown', () => { downAt = performance.now(); pause(); });
  stage.addEventListener('pointerup', () => {
    const held = performance.now() - downAt > 300;
    resume();
    if (!held) next(false);
  });
  closeButton.addEventListener('click', () => close(report(false)));
  overlay.addEventListener('keydown', (event) => {
    if (event.target instanceof HTMLInputElement) return;
    if (event.key === 'Escape') close(report(false));
    else if (event.key === 'ArrowRight' || event.key === 'Enter') { event.preventDefault(); next(false); }
    else if (event.key === ' ') { event.preventDefault(); if (pausedAt) resume(); else pause(); }
  });
  reply.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!reply.text.value.trim()) return;
    try { await api('POST', `stories/${items[index].id}/replies`, {text: reply.text.value}); reply.text.value = ''; } catch (error) { toast(describe(error)); }
  });
  next(false);
}

async function insights() {
  const accounts = await actingAccounts();
  if (!accounts.length) return el('section', {class: 'card'}, el('h2', {text: t('insights.title')}), el('p', {text: t('insights.none')}));
  const account = chosenAccount(accounts);
  const [summary, daily, items] = await Promise.all([
    api('GET', `accounts/${account}/insights/summary?days=7`), api('GET', `accounts/${account}/insights/daily?days=7`),
    api('GET', `accounts/${account}/insights/stories?days=7`)]);
  const cell = (value) => value === 'suppressed' ? t('insights.suppressed') : formatNumber(value);
  const max = Math.max(1, ...daily.map((d) => d.views));
  const chart = el('div', {class: 'chart', role: 'img', 'aria-label': t('insights.perDay')}, daily.map((d) =>
    el('div', {class: 'col', title: `${d.date}: ${d.views}`},
      el('span', {class: 'value', text: formatNumber(d.views)}),
      el('span', {class: 'fill', style: false, 'data-height': Math.round((d.views / max) * 100)}),
      el('span', {class: 'label', text: d.date.slice(5)}))));
  const most = Math.max(1, ...daily.map((d) => Math.max(d.subscribersGained, d.subscribersLost)));
  const subscribersChart = el('div', {class: 'chart', id: 'subscribers-chart', role: 'img',
    'aria-label': t('insights.subscribersPerDay')}, daily.map((d) =>
    el('div', {class: 'col', title: `${d.date}: +${d.subscribersGained} / −${d.subscribersLost}`},
      el('span', {class: 'value', text: `+${formatNumber(d.subscribersGained)} −${formatNumber(d.subscribersLost)}`}),
      el('span', {class: 'pair'},
        el('span', {class: 'fill gained', 'data-height': Math.round((d.subscribersGained / most) * 100)}),
        el('span', {class: 'fill lost', 'data-height': Math.round((d.subscribersLost / most) * 100)})),
      el('span', {class: 'label', text: d.date.slice(5)}))));
  [chart, subscribersChart].forEach((c) => c.querySelectorAll('.fill').forEach((fill) => { fill.style.height = `${fill.dataset.height}%`; }));
  const download = el('button', {type: 'button', id: 'csv', text: t('insights.csv'), onclick: async () => {
    const response = await fetch(`/api/v1/accounts/${account}/insights/export.csv?days=7`,
      {headers: {Authorization: `Bearer ${session.token}`}});
    const url = URL.createObjectURL(await response.blob());
    const link = el('a', {href: url, download: `${account}-insights.csv`});
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }});
  return el('section', {class: 'card', id: 'insights'}, el('h2', {text: t('insights.title')}),
    accountPicker(accounts, account, render),
    el('dl', {class: 'numbers'},
      el('dt', {text: t('insights.views')}), el('dd', {id: 'views', text: formatNumber(summary.views)}),
      el('dt', {text: t('insights.unique')}), el('dd', {id: 'unique', text: formatNumber(summary.uniqueViewers)}),
      el('dt', {text: t('insights.completion')}), el('dd', {id: 'completion',
        text: summary.completionRate == null ? '–' : formatNumber(summary.completionRate * 100) + ' %'}),
      el('dt', {text: t('insights.subscribers')}), el('dd', {id: 'subscribers',
        text: `${formatNumber(summary.subscribers)} (+${summary.subscribersGained} / −${summary.subscribersLost})`})),
    el('h3', {text: t('insights.perDay')}), chart,
    el('h3', {text: t('insights.subscribersPerDay')}), subscribersChart,
    el('p', {class: 'legend'}, el('span', {class: 'key gained'}), ` ${t('insights.gained')} `,
      el('span', {class: 'key lost'}), ` ${t('insights.lost')}`),
    el('h3', {text: t('insights.items')}),
    el('table', {id: 'items'}, el('thead', {}, el('tr', {}, [t('insights.posted'), t('insights.views'), t('insights.unique'),
      t('insights.completion')].map((h) => el('th', {scope: 'col', text: h})))),
    el('tbody', {}, items.map((item) => el('tr', {'data-item': item.id},
      el('td', {text: formatTime(item.postedAt)}), el('td', {text: formatNumber(item.views)}),
      el('td', {text: formatNumber(item.uniqueViewers)}),
      el('td', {text: item.completionRate == null ? '–' : formatNumber(item.completionRate * 100) + ' %'}))))),
    el('h3', {text: t('insights.ages')}),
    el('table', {id: 'ages'}, el('tbody', {}, Object.entries(summary.audience.ageBands).map(([band, value]) =>
      el('tr', {}, el('th', {scope: 'row', text: band}), el('td', {text: cell(value)}))))),
    download);
}

async function chats() {
  const conversations = await api('GET', 'chats');
  return el('section', {class: 'card'}, el('h2', {text: t('chat.title')}),
    conversations.length ? el('ul', {class: 'list', id: 'conversations'}, conversations.map((c) => el('li', {},
      el('a', {href: `#/chat/${encodeURIComponent(c.username)}`, text: c.displayName}),
      c.unread ? el('span', {class: 'status new', text: t('chat.unread', {n: c.unread})}) : ''))) : el('p', {text: t('chat.none')}));
}

async function conversation(username) {
  const messages = (await api('GET', `chats/${encodeURIComponent(username)}/messages`)).reverse();
  await api('POST', `chats/${encodeURIComponent(username)}/read`).catch(() => {});
  const errors = errorBox();
  const list = el('ol', {class: 'messages', id: 'messages', 'aria-live': 'polite'}, messages.map((m) =>
    el('li', {class: m.from === username ? 'theirs' : 'mine', 'data-message': m.id},
      el('span', {text: m.text}),
      el('small', {text: `${formatTime(m.sentAt)}${m.from !== username && m.readAt ? ' · ' + t('chat.read') : ''}`}),
      el('button', {type: 'button', class: 'ghost small', text: m.savedByMe ? t('chat.unsave') : t('chat.save'),
        onclick: async () => {
          await api(m.savedByMe ? 'DELETE' : 'PUT', `chats/${encodeURIComponent(username)}/messages/${m.id}/saved`);
          render();
        }}))));
  const form = el('form', {class: 'row', id: 'compose'},
    el('label', {for: 'f-message', class: 'sr-only', text: t('chat.placeholder')}),
    el('input', {id: 'f-message', name: 'text', placeholder: t('chat.placeholder'), maxlength: 2000, autocomplete: 'off'}),
    el('button', {type: 'submit', text: t('action.send')}));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api('POST', `chats/${encodeURIComponent(username)}/messages`, {text: form.text.value});
      render();
    } catch (error) { showError(errors, error); }
  });
  return el('section', {class: 'card'}, el('h2', {text: t('chat.with', {name: username})}), list, errors, form);
}

async function discover() {
  const query = sessionStorage.getItem('pastel.q') || '';
  const [found, board, subscriptions] = await Promise.all([
    api('GET', `discover?q=${encodeURIComponent(query)}`), api('GET', 'leaderboard?category=city&limit=10'),
    api('GET', 'subscriptions')]);
  const subscribed = new Set(subscriptions.map((s) => s.username));
  const search = el('form', {class: 'row', role: 'search'},
    el('label', {for: 'f-q', class: 'sr-only', text: t('discover.search')}),
    el('input', {id: 'f-q', name: 'q', value: query, placeholder: t('discover.search')}),
    el('button', {type: 'submit', text: t('discover.title')}));
  search.addEventListener('submit', (event) => { event.preventDefault(); sessionStorage.setItem('pastel.q', search.q.value); render(); });
  const row = (a) => el('li', {'data-account': a.username},
    el('span', {text: `${a.displayName}${a.verified ? ' ✔' : ''} · ${t('discover.subscribers', {n: formatNumber(a.subscriberCount)})}`}),
    el('a', {href: `/@${encodeURIComponent(a.username)}`, text: t('discover.page')}),
    subscribed.has(a.username) ? el('span', {class: 'status', text: t('discover.subscribed')})
      : el('button', {type: 'button', text: t('discover.subscribe'), onclick: async () => {
        await api('PUT', `subscriptions/${encodeURIComponent(a.username)}`);
        render();
      }}));
  return el('section', {class: 'card'}, el('h2', {text: t('discover.title')}), search,
    found.length ? el('ul', {class: 'list', id: 'found'}, found.map(row)) : el('p', {text: t('discover.none')}),
    el('h3', {text: t('discover.leaderboard')}), el('ol', {class: 'list', id: 'leaderboard'}, board.map(row)));
}

const screens = {'#/signin': signIn, '#/signup': signUp, '#/friends': friends, '#/camera': camera, '#/inbox': inbox,
  '#/stories': stories, '#/insights': insights, '#/chat': chats, '#/discover': discover,
  '#/official': () => official(render), '#/notifications': notificationSettings};

let renders = 0;

async function render() {
  // Screens load asynchronously: only the latest navigation may draw, whatever finishes first.
  const ticket = ++renders;
  const signedIn = Boolean(session.token);
  let route = location.hash || (signedIn ? '#/inbox' : '#/signin');
  if (!signedIn && !['#/signin', '#/signup'].includes(route)) route = '#/signin';
  document.getElementById('nav').hidden = !signedIn;
  translate();
  document.getElementById('lang').textContent = lang() === 'fr' ? 'English' : 'Français';
  const chatWith = route.startsWith('#/chat/') ? decodeURIComponent(route.slice('#/chat/'.length)) : null;
  const screen = chatWith ? () => conversation(chatWith) : screens[route] || screens['#/inbox'];
  try {
    const content = await screen();
    if (ticket !== renders) return;
    view.replaceChildren(content);
    if (signedIn) {
      view.append(el('button', {type: 'button', class: 'ghost', text: t('action.signout'), onclick: async () => {
        await api('DELETE', 'sessions/current').catch(() => {});
        session.token = null;
        if (stopEvents) { stopEvents(); stopEvents = null; }
        location.hash = '#/signin';
      }}));
    }
  } catch (error) {
    view.replaceChildren(el('p', {class: 'error', role: 'alert', text: describe(error)}));
  }
  if (signedIn && !stopEvents) {
    stopEvents = connectEvents((event) => {
      if (event.type === 'events.open' && /^#\/(inbox|chat|friends|stories)/.test(location.hash)
          && !document.querySelector('.viewer')) render();
      if (event.type === 'snap.received' && location.hash === '#/inbox') {
        clearTimeout(inboxRefresh);
        inboxRefresh = setTimeout(render, 50);
      }
      if (event.type === 'friend.request' && location.hash === '#/friends') render();
      if ((event.type === 'chat.message' || event.type === 'chat.read') && location.hash.startsWith('#/chat')) render();
      if (event.type === 'story.posted' && location.hash === '#/stories' && !document.querySelector('.viewer')) render();
    });
  }
}

document.getElementById('lang').addEventListener('click', () => {
  setLang(lang() === 'fr' ? 'en' : 'fr');
  render();
  refresh(); // notifications follow the language
});
window.addEventListener('hashchange', render);
if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js').then(refresh).catch(() => {});
listenForClicks();
render();
