// Discover: official accounts by name (verified first) and the city leaderboard; each opens its
// in-app profile, with a subscribe / unsubscribe toggle on the row.
import {api} from './api.js';
import {plural, t} from './i18n.js';
import {avatar, describe, el, loadAvatars, toast} from './ui.js';
import {verifiedBadge} from './account.js';

export const name = 'discover';
export const tab = 'discover';

let nodes = null;

export async function load() {
  const query = sessionStorage.getItem('pastel.q') || '';
  const [found, board, subscriptions] = await Promise.all([api('GET', `discover?q=${encodeURIComponent(query)}`),
    api('GET', 'leaderboard?category=city&limit=10'), api('GET', 'subscriptions')]);
  await loadAvatars([...found, ...board].map((a) => a.username));
  return {query, found, board, subscribed: new Set(subscriptions.map((s) => s.username))};
}

export function leave() {
  nodes = null;
}

export function render(data, root) {
  const input = el('input', {type: 'search', id: 'f-q', name: 'q', value: data.query, placeholder: t('discover.search'),
    'aria-label': t('discover.search'), autocomplete: 'off'});
  const search = el('form', {class: 'search', role: 'search'}, input);
  const found = el('ul', {class: 'list', id: 'found'});
  nodes = {found, subscribed: data.subscribed};
  fillFound(data.found);
  search.addEventListener('submit', async (event) => {
    event.preventDefault();
    sessionStorage.setItem('pastel.q', input.value);
    const results = await api('GET', `discover?q=${encodeURIComponent(input.value)}`);
    await loadAvatars(results.map((a) => a.username));
    if (nodes) fillFound(results);
  });
  root.append(el('header', {class: 'screen-head'}, el('h1', {text: t('discover.title')})), search,
    el('section', {'aria-labelledby': 'found-title'}, el('h2', {id: 'found-title', class: 'visually-hidden', text: t('discover.results')}), found),
    el('section', {'aria-labelledby': 'board-title'}, el('h2', {id: 'board-title', text: t('discover.leaderboard')}),
      el('ol', {class: 'list', id: 'leaderboard'}, data.board.map(row))));
}

function fillFound(list) {
  nodes.found.replaceChildren(...(list.length ? list.map(row) : [el('li', {class: 'empty', text: t('discover.none')})]));
}

function row(account) {
  const subscribed = nodes.subscribed.has(account.username);
  const toggle = el('button', {type: 'button', class: `small ${subscribed ? 'ghost' : 'primary'}`,
    'aria-label': t(subscribed ? 'discover.unsubscribeFrom' : 'discover.subscribeTo', {name: account.displayName}),
    text: t(subscribed ? 'account.unsubscribe' : 'discover.subscribe'), onclick: async () => {
      toggle.disabled = true;
      const path = `subscriptions/${encodeURIComponent(account.username)}`;
      try {
        if (subscribed) await api('DELETE', path); else await api('PUT', `${path}?source=discover`);
      } catch (error) { toggle.disabled = false; toast(describe(error)); return; }
      if (!nodes) return;
      if (subscribed) nodes.subscribed.delete(account.username); else nodes.subscribed.add(account.username);
      // The account may be listed twice (found and leaderboard): both rows follow.
      const updated = {...account, subscriberCount: account.subscriberCount + (subscribed ? -1 : 1)};
      document.querySelectorAll(`.screen-discover [data-account="${CSS.escape(account.username)}"]`)
        .forEach((li) => li.replaceWith(row(updated)));
      document.querySelector(`.screen-discover [data-account="${CSS.escape(account.username)}"] button`)?.focus();
    }});
  const facts = [account.category ? t(`category.${account.category}`) : '', account.city || ''].filter(Boolean).join(' · ');
  return el('li', {'data-account': account.username, class: 'account-row'},
    el('a', {class: 'row-main', href: `#/u/${encodeURIComponent(account.username)}`}, avatar(account.username),
      el('span', {class: 'who'}, el('b', {}, account.displayName, account.verified ? verifiedBadge() : ''),
        facts ? el('small', {class: 'account-facts', text: facts}) : '',
        account.bio ? el('small', {class: 'bio-line', text: account.bio}) : '',
        el('small', {class: 'count-line', text: plural('discover.subscribers', account.subscriberCount)}))), toggle);
}
