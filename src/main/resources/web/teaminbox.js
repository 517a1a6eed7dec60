// The inbox of an official account, for its team: replies to its stories and the threads they
// started, newest first with unread counts; a conversation opens the chat screen acting as the
// account (#/chat/{username}?as={account}). A new message moves its row to the top.
import {api} from './api.js';
import {plural, relativeTime, t} from './i18n.js';
import {ICONS, avatar, el, icon, loadAvatars} from './ui.js';
import {actingAccounts, chosenAccount, remember} from './official.js';

export const name = 'teaminbox';
export const tab = 'profile';

let nodes = null;

/// Unread messages per account the signed-in person acts for (one small request each: a team
/// rarely runs more than a few accounts).
export async function unreadCounts(accounts) {
  const counts = await Promise.all(accounts.map((a) => api('GET', `chats?account=${encodeURIComponent(a.username)}`)
    .then((chats) => chats.reduce((sum, c) => sum + c.unread, 0)).catch(() => 0)));
  return new Map(accounts.map((a, i) => [a.username, counts[i]]));
}

/// A small round count, named for screen readers ("3 unread messages"); nothing when zero.
export function unreadBadge(count) {
  return count ? el('b', {class: 'badge', text: String(count), 'aria-label': plural('official.unread', count)}) : '';
}

export async function load() {
  const [me, accounts] = await Promise.all([api('GET', 'me'), actingAccounts()]);
  if (!accounts.length) return {accounts};
  const account = chosenAccount(accounts);
  const [chats, unread] = await Promise.all([api('GET', `chats?account=${encodeURIComponent(account)}`), unreadCounts(accounts)]);
  await loadAvatars([account, ...chats.map((c) => c.username)]);
  return {me, accounts, account, chats, unread};
}

export function leave() {
  clearInterval(nodes?.clock);
  nodes = null;
}

export function render(data, root) {
  if (!data.accounts.length) {
    root.append(el('section', {class: 'card'}, el('h1', {text: t('official.inbox')}), el('p', {text: t('insights.none')})));
    return;
  }
  const list = el('ul', {class: 'list', id: 'team-chats'});
  const picker = el('div', {class: 'account-tabs', role: 'group', 'aria-label': t('insights.account')});
  nodes = {me: data.me, account: data.account, accounts: data.accounts, unread: data.unread, list, picker,
    clock: setInterval(() => list.querySelectorAll('time[datetime]').forEach((n) => { n.textContent = relativeTime(n.dateTime); }), 30000)};
  nodes.heading = el('small', {class: 'inbox-of', text: `${nameOf(data.account)} · @${data.account}`});
  root.append(el('header', {class: 'screen-head team-inbox-head'},
    el('a', {href: '#/official', class: 'round ghost', 'aria-label': t('action.back')}, icon(ICONS.back)),
    el('div', {class: 'who'}, el('h1', {text: t('official.inbox')}), nodes.heading)),
  picker,
  el('section', {'aria-labelledby': 'team-chats-title'},
    el('h2', {id: 'team-chats-title', class: 'visually-hidden', text: t('official.inboxOf', {name: nameOf(data.account)})}), list));
  fillPicker();
  fill(data.chats);
}

function nameOf(username) {
  return nodes.accounts.find((a) => a.username === username)?.displayName || username;
}

/// One chip per account, each with its unread count: the team sees at a glance which inbox waits.
function fillPicker() {
  nodes.picker.hidden = nodes.accounts.length < 2;
  nodes.picker.replaceChildren(...nodes.accounts.map((a) => el('button', {type: 'button', class: 'account-chip',
    'data-account': a.username, 'aria-pressed': String(a.username === nodes.account), onclick: () => choose(a.username)},
  avatar(a.username, 's'), el('span', {text: a.displayName}), unreadBadge(nodes.unread.get(a.username) || 0))));
}

async function choose(account) {
  remember(account);
  nodes.account = account;
  nodes.heading.textContent = `${nameOf(account)} · @${account}`;
  fillPicker();
  const chats = await api('GET', `chats?account=${encodeURIComponent(account)}`).catch(() => []);
  await loadAvatars(chats.map((c) => c.username));
  if (nodes?.account === account) fill(chats);
}

function href(chat) {
  const path = `#/chat/${encodeURIComponent(chat.username)}`;
  // The owner reads its own inbox as itself; a manager acts as the account.
  return nodes.account === nodes.me.username ? path : `${path}?as=${encodeURIComponent(nodes.account)}`;
}

function row(chat) {
  return el('li', {'data-chat': chat.username},
    el('a', {class: 'row-main', href: href(chat)}, avatar(chat.username),
      el('span', {class: 'who'}, el('b', {text: chat.displayName || chat.username}),
        el('small', {}, chat.unread ? el('span', {class: 'unread', text: plural('official.unreadShort', chat.unread)}) : t('chat.open'),
          ' · ', el('time', {datetime: chat.lastActivityAt, text: relativeTime(chat.lastActivityAt)}))),
      unreadBadge(chat.unread)));
}

function fill(chats) {
  nodes.list.replaceChildren(...(chats.length ? chats.map(row) : [el('li', {class: 'empty', text: t('official.inboxEmpty')})]));
}

/// A message to one of the accounts: its row (count, time) moves to the top; the chips' counts follow.
async function arrived(account) {
  const [chats, unread] = await Promise.all([api('GET', `chats?account=${encodeURIComponent(nodes.account)}`),
    unreadCounts(nodes.accounts)]);
  if (!nodes) return;
  nodes.unread = unread;
  fillPicker();
  if (account !== nodes.account) return;
  await loadAvatars(chats.map((c) => c.username));
  fill(chats);
}

export function onEvent(event) {
  if (!nodes) return;
  if (event.type === 'chat.message') {
    const account = event.account || (nodes.accounts.some((a) => a.username === nodes.me.username) ? nodes.me.username : null);
    if (account) arrived(account);
  }
  if (event.type === 'events.open') arrived(nodes.account);
}
