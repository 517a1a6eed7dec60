// A conversation: opens at the newest message with the field pinned at the bottom; older pages
// load on scrolling up; a new message appends one bubble (the draft is never touched); save or
// unsave with a long press, a right click or the context-menu key.
import {api} from './api.js';
import {formatTime, t} from './i18n.js';
import {ICONS, avatar, describe, el, icon, onLongPress, openMenu, rememberAvatar} from './ui.js';

export const name = 'chat';
export const tab = null;
const PAGE = 40;

let nodes = null;

// `as`: the official account a manager answers for (#/chat/{username}?as={account}); every call
// then carries ?account= and only that inbox's events reach this screen.
const acting = (account, sep = '?') => (account ? `${sep}account=${encodeURIComponent(account)}` : '');

export async function load([username, account]) {
  const [messages, profile, official] = await Promise.all([
    api('GET', `chats/${encodeURIComponent(username)}/messages?limit=${PAGE}${acting(account, '&')}`),
    api('GET', `accounts/${encodeURIComponent(username)}`), account ? api('GET', `accounts/${encodeURIComponent(account)}`) : null]);
  rememberAvatar(profile.username, profile.avatarUrl, profile.avatarThumbUrl);
  return {username, messages, profile, account, official};
}

export function leave() {
  nodes?.observer.disconnect();
  nodes = null;
}

export function render(data, root, [username]) {
  const {account} = data;
  const list = el('ol', {class: 'messages', id: 'messages'});
  const sentinel = el('li', {class: 'older', 'aria-hidden': 'true'});
  // The scroller is the live log (a list inside it keeps its list semantics).
  const scroller = el('div', {class: 'scroller', id: 'chat-scroller', role: 'log', 'aria-live': 'polite',
    'aria-label': t('chat.with', {name: data.profile.displayName})}, list);
  const errors = el('p', {class: 'error', role: 'alert'});
  const input = el('input', {id: 'f-message', name: 'text', maxlength: 2000, autocomplete: 'off', placeholder: t('chat.placeholder'),
    'aria-label': t('chat.placeholder'), enterkeyhint: 'send'});
  const form = el('form', {class: 'compose', id: 'compose'}, input,
    el('button', {type: 'submit', class: 'round primary', 'aria-label': t('action.send')}, icon(ICONS.send)));
  root.classList.add('conversation');
  root.append(el('header', {class: 'chat-head'},
    el('a', {href: account ? '#/official/inbox' : '#/inbox', class: 'round ghost', 'aria-label': t('action.back')}, icon(ICONS.back)),
    avatar(username), el('h1', {text: data.profile.displayName}), el('small', {text: '@' + username})),
  account ? el('p', {class: 'acting-as', id: 'acting-as'}, avatar(account, 's'),
    el('span', {text: t('official.answerAs', {name: data.official?.displayName || account})})) : '',
  scroller, errors, form);
  const observer = new IntersectionObserver((entries) => { if (entries.some((e) => e.isIntersecting)) older(); }, {root: scroller});
  nodes = {username, account, list, scroller, sentinel, input, observer, oldest: null, exhausted: data.messages.length < PAGE,
    loading: false};
  const messages = [...data.messages].reverse();
  list.append(sentinel, ...messages.map(bubble));
  nodes.oldest = messages[0]?.id ?? null;
  markRead(messages);
  requestAnimationFrame(() => { scroller.scrollTop = scroller.scrollHeight; observer.observe(sentinel); });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = input.value;
    if (!text.trim()) return;
    errors.textContent = '';
    try {
      const message = await api('POST', `chats/${encodeURIComponent(username)}/messages${acting(account)}`, {text});
      if (!list.querySelector(`[data-message="${message.id}"]`)) list.append(bubble(message));
      input.value = '';
      scroller.scrollTop = scroller.scrollHeight;
    } catch (error) { errors.textContent = describe(error); }
  });
}

function bubble(message) {
  const mine = message.from !== nodes.username;
  const saved = message.savedByMe || message.savedByThem;
  const node = el('li', {class: `bubble ${mine ? 'mine' : 'theirs'}${saved ? ' saved' : ''}`, 'data-message': message.id,
    tabindex: '0', 'aria-haspopup': 'menu'},
  el('p', {text: message.text}),
  el('small', {}, el('time', {datetime: message.sentAt, text: formatTime(message.sentAt)}),
    el('span', {class: 'saved-mark', text: saved ? ` · ${t('chat.saved')}` : ''}),
    mine ? el('span', {class: 'read-mark', text: message.readAt ? ` · ${t('chat.read')}` : ''}) : ''));
  const menu = () => openMenu(node, [{id: 'save-message', label: message.savedByMe ? t('chat.unsave') : t('chat.save'), action: async () => {
    const path = `chats/${encodeURIComponent(nodes.username)}/messages/${message.id}/saved${acting(nodes.account)}`;
    await api(message.savedByMe ? 'DELETE' : 'PUT', path).catch(() => {});
    message.savedByMe = !message.savedByMe;
    node.replaceWith(bubble(message));
  }}]);
  onLongPress(node, menu);
  node.addEventListener('keydown', (event) => {
    if (event.target === node && (event.key === 'Enter' || event.key === 'ContextMenu')) { event.preventDefault(); menu(); }
  });
  return node;
}

async function older() {
  if (!nodes || nodes.exhausted || nodes.loading || !nodes.oldest) return;
  nodes.loading = true;
  const page = await api('GET', `chats/${encodeURIComponent(nodes.username)}/messages?limit=${PAGE}&before=${nodes.oldest}${
    acting(nodes.account, '&')}`).catch(() => []);
  if (!nodes) return;
  nodes.loading = false;
  if (page.length < PAGE) nodes.exhausted = true;
  if (!page.length) return;
  const {scroller, sentinel} = nodes;
  const fromBottom = scroller.scrollHeight - scroller.scrollTop;
  sentinel.after(...[...page].reverse().map(bubble));
  nodes.oldest = page[page.length - 1].id;
  scroller.scrollTop = scroller.scrollHeight - fromBottom;
}

function markRead(messages) {
  if (messages.some((m) => m.from === nodes.username && !m.readAt)) {
    api('POST', `chats/${encodeURIComponent(nodes.username)}/read${acting(nodes.account)}`).catch(() => {});
  }
}

export function onEvent(event) {
  if (!nodes) return;
  // A manager's copy of an official inbox's message names the account: it belongs to that
  // account's conversation only, never to the manager's own chat with the same person.
  if (event.type === 'chat.message' && event.from === nodes.username && (event.account || null) === (nodes.account || null)) {
    if (nodes.list.querySelector(`[data-message="${event.messageId}"]`)) return;
    const {scroller} = nodes;
    const atBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
    nodes.list.append(bubble({id: event.messageId, from: event.from, text: event.text, sentAt: event.at}));
    if (atBottom) scroller.scrollTop = scroller.scrollHeight;
    if (document.visibilityState === 'visible') {
      api('POST', `chats/${encodeURIComponent(nodes.username)}/read${acting(nodes.account)}`).catch(() => {});
    }
  }
  if (event.type === 'chat.read' && event.by === nodes.username) {
    nodes.list.querySelectorAll('.bubble.mine .read-mark').forEach((mark) => { mark.textContent = ` · ${t('chat.read')}`; });
  }
  if (event.type === 'events.open') catchUp();
}

/// After a reconnection: the messages missed while the socket was down, appended.
async function catchUp() {
  const page = await api('GET', `chats/${encodeURIComponent(nodes.username)}/messages?limit=${PAGE}${acting(nodes.account, '&')}`)
    .catch(() => []);
  if (!nodes) return;
  for (const message of [...page].reverse()) {
    if (!nodes.list.querySelector(`[data-message="${message.id}"]`)) nodes.list.append(bubble(message));
  }
}


