// Discover: official accounts by name (verified first) and the city leaderboard; subscribe.
import {api} from './api.js';
import {plural, t} from './i18n.js';
import {avatar, el, loadAvatars} from './ui.js';

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
  const subscribe = nodes.subscribed.has(account.username)
    ? el('span', {class: 'tag', text: t('discover.subscribed')})
    : el('button', {type: 'button', class: 'primary small', text: t('discover.subscribe'), onclick: async () => {
      await api('PUT', `subscriptions/${encodeURIComponent(account.username)}?source=discover`);
      if (!nodes) return;
      nodes.subscribed.add(account.username);
      // The account may be listed twice (found and leaderboard): both rows follow.
      const updated = {...account, subscriberCount: account.subscriberCount + 1};
      document.querySelectorAll(`.screen-discover [data-account="${CSS.escape(account.username)}"]`)
        .forEach((li) => li.replaceWith(row(updated)));
    }});
  return el('li', {'data-account': account.username},
    el('a', {class: 'row-main', href: `/@${encodeURIComponent(account.username)}`}, avatar(account.username),
      el('span', {class: 'who'}, el('b', {}, account.displayName, account.verified ? el('span', {class: 'verified', title: t('discover.verified'),
        'aria-label': t('discover.verified'), text: ' ✔'}) : ''),
      el('small', {text: plural('discover.subscribers', account.subscriberCount)}))), subscribe);
}
