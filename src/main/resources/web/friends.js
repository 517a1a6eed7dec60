// Friends: search people (username prefix or display name), requests received (accept,
// decline), requests sent (cancel), friends (chat, remove, block; both confirmed), a link to add me.
import {api} from './api.js';
import {t} from './i18n.js';
import {ICONS, avatar, confirmDialog, describe, el, icon, loadAvatars, openMenu, toast} from './ui.js';

export const name = 'friends';
export const tab = 'inbox';

let nodes = null;

export async function load([add]) {
  const [friends, requests, me] = await Promise.all([api('GET', 'friends'), api('GET', 'friends/requests'), api('GET', 'me')]);
  await loadAvatars([...friends.map((f) => f.username), ...requests.incoming.map((r) => r.from.username),
    ...requests.outgoing.map((r) => r.to.username)]);
  return {friends, requests, me, add};
}

export function leave() {
  nodes = null;
}

export function render(data, root) {
  const errors = el('p', {class: 'error', role: 'alert'});
  const query = el('input', {type: 'search', id: 'f-friend', name: 'q', autocomplete: 'off', autocapitalize: 'none',
    placeholder: t('friends.searchPlaceholder'), 'aria-label': t('friends.search')});
  const results = el('ul', {class: 'list', id: 'search-results', 'aria-live': 'polite'});
  const search = el('form', {role: 'search', class: 'search'}, query);
  const incoming = el('ul', {class: 'list', id: 'incoming'});
  const outgoing = el('ul', {class: 'list', id: 'outgoing'});
  const friends = el('ul', {class: 'list', id: 'friend-list'});
  nodes = {errors, results, incoming, outgoing, friends, query, me: data.me};
  let debounce = null;
  const run = async () => {
    const q = query.value.trim();
    if (q.length < 2) { results.replaceChildren(); return; }
    try {
      const found = await api('GET', `friends/search?q=${encodeURIComponent(q)}`);
      if (!nodes || query.value.trim() !== q) return;
      await loadAvatars(found.map((f) => f.username));
      results.replaceChildren(...(found.length ? found.map(foundRow) : [el('li', {class: 'empty', text: t('friends.noneFound')})]));
    } catch (error) { errors.textContent = describe(error); }
  };
  query.addEventListener('input', () => { clearTimeout(debounce); debounce = setTimeout(run, 250); });
  search.addEventListener('submit', (event) => { event.preventDefault(); clearTimeout(debounce); run(); });
  const share = el('button', {type: 'button', id: 'share', class: 'ghost small'}, icon(ICONS.share), t('friends.share'));
  share.addEventListener('click', async () => {
    const url = `${location.origin}/#/add/${encodeURIComponent(data.me.username)}`;
    try {
      if (navigator.share) await navigator.share({title: 'Pastel', text: t('friends.shareText', {name: data.me.displayName}), url});
      else { await navigator.clipboard.writeText(url); toast(t('friends.linkCopied')); }
    } catch { toast(url); }
  });
  root.append(el('header', {class: 'screen-head'},
    el('a', {href: '#/inbox', class: 'round ghost', 'aria-label': t('action.back')}, icon(ICONS.back)),
    el('h1', {text: t('friends.title')}), share),
  search, errors, results,
  el('section', {'aria-labelledby': 'incoming-title'}, el('h2', {id: 'incoming-title', text: t('friends.incoming')}), incoming),
  el('section', {'aria-labelledby': 'outgoing-title'}, el('h2', {id: 'outgoing-title', text: t('friends.outgoing')}), outgoing),
  el('section', {'aria-labelledby': 'friends-title'}, el('h2', {id: 'friends-title', text: t('friends.mine')}), friends));
  fill(data);
  if (data.add && data.add !== data.me.username) { query.value = data.add; run(); }
}

function fill(data) {
  nodes.incoming.replaceChildren(...(data.requests.incoming.length ? data.requests.incoming.map(incomingRow)
    : [el('li', {class: 'empty', text: t('friends.noRequests')})]));
  nodes.outgoing.replaceChildren(...(data.requests.outgoing.length ? data.requests.outgoing.map(outgoingRow)
    : [el('li', {class: 'empty', text: t('friends.noneSent')})]));
  nodes.friends.replaceChildren(...(data.friends.length ? data.friends.map(friendRow) : [el('li', {class: 'empty', text: t('friends.none')})]));
}

function person(username, displayName) {
  return [avatar(username), el('span', {class: 'who'}, el('b', {text: displayName}), el('small', {text: '@' + username}))];
}

function replaceEmpty(list, node) {
  list.querySelector('.empty')?.remove();
  list.prepend(node);
}

const EMPTY = {incoming: 'friends.noRequests', outgoing: 'friends.noneSent', 'friend-list': 'friends.none'};

/// Removes a row; an emptied list says so.
function removeRow(row) {
  const list = row?.parentElement;
  if (!list) return;
  row.remove();
  if (!list.children.length && EMPTY[list.id]) list.append(el('li', {class: 'empty', text: t(EMPTY[list.id])}));
}

/// A search result follows what happened to that person elsewhere on the screen.
function markFound(username, key) {
  const found = nodes?.results.querySelector(`[data-found="${CSS.escape(username)}"]`);
  found?.lastElementChild.replaceWith(el('span', {class: 'tag', text: t(key)}));
}

function foundRow(found) {
  const action = {
    none: () => el('button', {type: 'button', class: 'primary small', 'data-add': found.username, text: t('action.add'), onclick: async (event) => {
      try {
        const answer = await api('POST', 'friends/requests', {username: found.username});
        event.target.replaceWith(el('span', {class: 'tag', text: answer.from ? t('friends.requested') : t('friends.nowFriends')}));
        if (answer.from) replaceEmpty(nodes.outgoing, outgoingRow(answer));
        else { replaceEmpty(nodes.friends, friendRow(answer)); nodes.incoming.querySelector(`[data-request-from="${found.username}"]`)?.remove(); }
      } catch (error) { nodes.errors.textContent = describe(error); }
    }}),
    requested: () => el('span', {class: 'tag', text: t('friends.requested')}),
    incoming: () => el('span', {class: 'tag', text: t('friends.asksYou')}),
    friend: () => el('span', {class: 'tag', text: t('friends.friend')}),
  }[found.relation]();
  return el('li', {'data-found': found.username}, el('span', {class: 'row-main'}, ...person(found.username, found.displayName)), action);
}

function incomingRow(request) {
  const row = el('li', {'data-request-from': request.from.username}, el('span', {class: 'row-main'}, ...person(request.from.username,
    request.from.displayName)));
  row.append(el('span', {class: 'actions'},
    el('button', {type: 'button', class: 'primary small', 'data-accept': request.from.username, text: t('action.accept'), onclick: async () => {
      try {
        const friend = await api('POST', `friends/requests/${request.id}/accept`);
        removeRow(row);
        markFound(friend.username, 'friends.friend');
        replaceEmpty(nodes.friends, friendRow(friend));
      } catch (error) { nodes.errors.textContent = describe(error); }
    }}),
    el('button', {type: 'button', class: 'ghost small', 'data-decline': request.from.username, text: t('action.decline'), onclick: async () => {
      await api('POST', `friends/requests/${request.id}/decline`).catch(() => {});
      removeRow(row);
    }})));
  return row;
}

function outgoingRow(request) {
  const row = el('li', {'data-outgoing': request.to.username}, el('span', {class: 'row-main'}, ...person(request.to.username,
    request.to.displayName)), el('span', {class: 'tag', text: t('friends.pending')}));
  row.append(el('button', {type: 'button', class: 'ghost small', 'data-cancel': request.to.username, text: t('action.cancel'),
    'aria-label': t('friends.cancelRequest', {name: request.to.displayName}), onclick: async () => {
      await api('DELETE', `friends/requests/${request.id}`).catch(() => {});
      removeRow(row);
      markFound(request.to.username, 'friends.cancelled');
    }}));
  return row;
}

function friendRow(friend) {
  const more = el('button', {type: 'button', class: 'round ghost', 'data-more': friend.username, 'aria-haspopup': 'menu',
    'aria-label': t('friends.more', {name: friend.displayName})}, icon(ICONS.more));
  const row = el('li', {'data-friend': friend.username},
    el('a', {class: 'row-main', href: `#/chat/${encodeURIComponent(friend.username)}`,
      'aria-label': t('friends.chatWith', {name: friend.displayName})}, ...person(friend.username, friend.displayName)), more);
  more.addEventListener('click', () => openMenu(more, [
    {id: 'remove-friend', label: t('friends.remove'), action: async () => {
      if (!await confirmDialog(t('friends.removeConfirm', {name: friend.displayName}), t('friends.remove'))) return;
      await api('DELETE', `friends/${encodeURIComponent(friend.username)}`).catch(() => {});
      removeRow(row);
      toast(t('friends.removed', {name: friend.displayName}));
    }},
    {id: 'block-friend', label: t('action.block'), danger: true, action: async () => {
      if (!await confirmDialog(t('friends.blockConfirm', {name: friend.displayName}), t('action.block'))) return;
      await api('POST', 'blocks', {username: friend.username}).catch(() => {});
      removeRow(row);
      toast(t('friends.blocked'));
    }}]));
  return row;
}

export async function onEvent(event) {
  if (!nodes) return;
  if (event.type === 'friend.request') {
    const requests = await api('GET', 'friends/requests');
    const request = requests.incoming.find((r) => r.id === event.requestId);
    if (!request || !nodes || nodes.incoming.querySelector(`[data-request-from="${request.from.username}"]`)) return;
    await loadAvatars([request.from.username]);
    replaceEmpty(nodes.incoming, incomingRow(request));
  }
  if (event.type === 'friend.accepted') {
    removeRow(nodes.outgoing.querySelector(`[data-outgoing="${CSS.escape(event.by)}"]`));
    markFound(event.by, 'friends.friend');
    const friends = await api('GET', 'friends');
    const friend = friends.find((f) => f.username === event.by);
    if (friend && nodes && !nodes.friends.querySelector(`[data-friend="${friend.username}"]`)) {
      await loadAvatars([friend.username]);
      replaceEmpty(nodes.friends, friendRow(friend));
    }
  }
  if (event.type === 'events.open') {
    const [friends, requests] = await Promise.all([api('GET', 'friends'), api('GET', 'friends/requests')]);
    if (nodes) fill({friends, requests});
  }
}
