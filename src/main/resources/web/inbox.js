// The chat tab: snaps received (tap to view), snaps sent with each friend's status live
// (delivered, opened, replayed, screenshot), and conversations.
import {api} from './api.js';
import {plural, relativeTime, t} from './i18n.js';
import {avatar, el, loadAvatars, namesOf} from './ui.js';
import {openSnap} from './viewer.js';

export const name = 'inbox';
export const tab = 'inbox';

let nodes = null;

export async function load() {
  const [received, sent, chats, friends, requests] = await Promise.all([api('GET', 'snaps/received'), api('GET', 'snaps/sent'),
    api('GET', 'chats'), api('GET', 'friends'), api('GET', 'friends/requests')]);
  await loadAvatars([...received.map((s) => s.from), ...friends.map((f) => f.username), ...chats.map((c) => c.username),
    ...sent.flatMap((s) => s.recipients.map((r) => r.username))]);
  return {received, sent, chats, friends, requests};
}

export function leave() {
  clearInterval(nodes?.clock);
  nodes = null;
}

export function render(data, root) {
  const names = namesOf(data.friends, data.chats);
  const requests = data.requests.incoming.length;
  const header = el('header', {class: 'screen-head'}, el('h1', {text: t('nav.chat')}),
    el('a', {href: '#/friends', class: 'button ghost small', id: 'to-friends'}, t('friends.title'),
      requests ? el('b', {class: 'badge', text: String(requests), 'aria-label': plural('friends.requestsCount', requests)}) : ''));
  const receivedList = el('ul', {class: 'list', id: 'inbox-list'});
  const sentList = el('ul', {class: 'list', id: 'sent-list'});
  const chatList = el('ul', {class: 'list', id: 'chat-list'});
  nodes = {names, receivedList, sentList, chatList, data, clock: setInterval(refreshTimes, 30000)};
  fill(data);
  root.append(header,
    el('section', {'aria-labelledby': 'snaps-title'}, el('h2', {id: 'snaps-title', text: t('inbox.title')}), receivedList),
    el('section', {'aria-labelledby': 'chats-title'}, el('h2', {id: 'chats-title', text: t('chat.title')}), chatList),
    el('section', {'aria-labelledby': 'sent-title'}, el('h2', {id: 'sent-title', text: t('inbox.sent')}), sentList));
}

function fill(data) {
  const {receivedList, sentList, chatList} = nodes;
  receivedList.replaceChildren(...(data.received.length ? data.received.map(receivedRow) : [empty(t('inbox.empty'))]));
  sentList.replaceChildren(...(data.sent.length ? data.sent.map(sentRow) : [empty(t('inbox.noneSent'))]));
  chatList.replaceChildren(...(data.chats.length ? data.chats.map(chatRow) : [empty(t('chat.none'))]));
}

function empty(text) {
  return el('li', {class: 'empty', text});
}

function time(iso) {
  return el('time', {datetime: iso, text: relativeTime(iso)});
}

function refreshTimes() {
  document.querySelectorAll('.screen-inbox time[datetime]').forEach((node) => { node.textContent = relativeTime(node.dateTime); });
}

function receivedRow(snap) {
  const label = snap.status === 'new' ? t('inbox.newSnap.short') : snap.status === 'opened' ? t('inbox.replayable') : t('status.gone');
  const content = [avatar(snap.from), el('span', {class: 'who'}, el('b', {text: snap.fromDisplayName || snap.from}),
    el('small', {}, el('span', {class: `kind ${snap.status} ${snap.kind}`, 'aria-hidden': 'true'}), `${label} · `, time(snap.sentAt)))];
  const row = el('li', {'data-snap': snap.id, 'data-status': snap.status});
  if (snap.status === 'gone') row.append(el('div', {class: 'row-main'}, content));
  else {
    row.append(el('button', {type: 'button', class: 'row-main', 'aria-label': t(snap.status === 'new' ? 'inbox.view' : 'inbox.replay',
      {name: snap.fromDisplayName || snap.from}), onclick: () => openSnap(snap, snap.status === 'new' ? 'open' : 'replay',
      () => refreshReceived())}, content));
  }
  return row;
}

async function refreshReceived() {
  if (!nodes) return;
  const received = await api('GET', 'snaps/received');
  if (!nodes) return;
  await loadAvatars(received.map((s) => s.from));
  // Only the rows that changed are replaced; new ones go on top.
  const list = nodes.receivedList;
  list.querySelector('.empty')?.remove();
  for (const snap of [...received].reverse()) {
    const existing = list.querySelector(`[data-snap="${snap.id}"]`);
    if (!existing) list.prepend(receivedRow(snap));
    else if (existing.dataset.status !== snap.status) existing.replaceWith(receivedRow(snap));
  }
}

const ORDER = ['delivered', 'opened', 'replayed', 'screenshot'];

function recipientState(r) {
  if (r.screenshotAt) return {status: 'screenshot', at: r.screenshotAt};
  if (r.replayedAt) return {status: 'replayed', at: r.replayedAt};
  if (r.openedAt) return {status: 'opened', at: r.openedAt};
  return {status: 'delivered', at: r.deliveredAt};
}

function recipientNode(r) {
  const {status, at} = recipientState(r);
  return el('li', {class: 'recipient', 'data-recipient': r.username, 'data-status': status},
    avatar(r.username, 's'), el('b', {text: nodes.names.get(r.username) || r.username}),
    el('span', {class: `state ${status}`}, el('span', {class: 'state-icon', 'aria-hidden': 'true'}),
      el('span', {class: 'state-text', text: t(`sent.${status}`)}), ' · ', time(at)));
}

function sentRow(snap) {
  return el('li', {'data-sent': snap.id, class: 'sent'},
    el('div', {class: 'sent-head'}, el('small', {}, t('inbox.sentAt'), ' ', time(snap.sentAt))),
    el('ul', {class: 'recipients'}, snap.recipients.map(recipientNode)));
}

function chatRow(chat) {
  return el('li', {'data-chat': chat.username},
    el('a', {class: 'row-main', href: `#/chat/${encodeURIComponent(chat.username)}`}, avatar(chat.username),
      el('span', {class: 'who'}, el('b', {text: chat.displayName || chat.username}),
        el('small', {}, chat.unread ? el('span', {class: 'unread', text: plural('chat.unread', chat.unread)}) : t('chat.open'),
          ' · ', time(chat.lastActivityAt)))));
}

function markRecipient(event, status) {
  const row = nodes.sentList.querySelector(`[data-sent="${event.snapId}"] [data-recipient="${event.by}"]`);
  if (!row) { refreshSent(); return; }
  // A later state never goes back (a screenshot stays a screenshot when the replay arrives).
  if (ORDER.indexOf(row.dataset.status) > ORDER.indexOf(status)) return;
  const fresh = recipientNode({username: event.by, deliveredAt: event.at,
    openedAt: status === 'opened' ? event.at : null, replayedAt: status === 'replayed' ? event.at : null,
    screenshotAt: status === 'screenshot' ? event.at : null});
  row.replaceWith(fresh);
}

async function refreshSent() {
  const sent = await api('GET', 'snaps/sent');
  if (!nodes) return;
  nodes.sentList.replaceChildren(...(sent.length ? sent.map(sentRow) : [empty(t('inbox.noneSent'))]));
}

async function refreshChats() {
  const chats = await api('GET', 'chats');
  if (!nodes) return;
  await loadAvatars(chats.map((c) => c.username));
  chats.forEach((c) => nodes.names.set(c.username, c.displayName || c.username));
  nodes.chatList.replaceChildren(...(chats.length ? chats.map(chatRow) : [empty(t('chat.none'))]));
}

/// A new message: that conversation's row (unread count, time) moves to the top; the others stay.
async function chatMessage(from) {
  const chats = await api('GET', 'chats');
  const chat = chats.find((c) => c.username === from);
  if (!nodes || !chat) return;
  await loadAvatars([from]);
  nodes.names.set(from, chat.displayName || from);
  nodes.chatList.querySelector('.empty')?.remove();
  nodes.chatList.querySelector(`[data-chat="${CSS.escape(from)}"]`)?.remove();
  nodes.chatList.prepend(chatRow(chat));
}

export function onEvent(event) {
  if (!nodes) return;
  switch (event.type) {
    case 'snap.received': refreshReceived(); break;
    case 'snap.opened': markRecipient(event, 'opened'); break;
    case 'snap.replayed': markRecipient(event, 'replayed'); break;
    case 'snap.screenshot': markRecipient(event, 'screenshot'); break;
    case 'chat.message': chatMessage(event.from); break;
    case 'events.open': refreshReceived(); refreshSent(); refreshChats(); break;
    default: break;
  }
}
