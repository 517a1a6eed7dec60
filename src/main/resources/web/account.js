// An account's in-app profile (#/u/{username}): picture, name, verified badge, category, city,
// bio, website, subscriber count with a subscribe / unsubscribe toggle, its story and highlights,
// the public page as a secondary link, and for an official account its community story (the
// approved items and a form to submit one, community.js).
import {api} from './api.js';
import {plural, relativeTime, t} from './i18n.js';
import {ICONS, avatar, describe, el, icon, loadAvatars, toast} from './ui.js';
import {playStory} from './viewer.js';
import {fillCommunity} from './community.js';

export const name = 'account';
export const tab = 'discover';

let nodes = null;

export async function load([username]) {
  const path = `accounts/${encodeURIComponent(username)}`;
  const [account, me, subscriptions] = await Promise.all([api('GET', path), api('GET', 'me'), api('GET', 'subscriptions')]);
  const isPublic = account.kind === 'public';
  // Stories and highlights the caller may not see answer 404 or nothing: the profile still shows.
  const [stories, highlights] = await Promise.all([api('GET', `${path}/stories`).catch(() => []),
    isPublic ? api('GET', `${path}/highlights`).catch(() => []) : []]);
  await loadAvatars([account.username]);
  return {account, me, stories, highlights, subscribed: subscriptions.some((s) => s.username === account.username)};
}

export function leave() {
  nodes = null;
}

/// Only http and https addresses become links (a bio's website is typed by its owner).
export function safeWebsite(website) {
  try {
    const url = new URL(website);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch { return null; }
}

/// The verified tick, named for screen readers by hidden text (a span has no role to name).
export function verifiedBadge() {
  return el('span', {class: 'tick'}, el('span', {'aria-hidden': 'true', text: '✔'}),
    el('span', {class: 'visually-hidden', text: t('discover.verified')}));
}

export function render(data, root) {
  const {account, me} = data;
  const isPublic = account.kind === 'public';
  const own = account.username === me.username;
  const count = el('p', {class: 'count', id: 'subscriber-count', 'aria-live': 'polite'});
  nodes = {account, count, subscribed: data.subscribed, subscribers: account.subscriberCount};
  showCount();
  const picture = avatar(account.username, 'xl');
  const hasStory = data.stories.length > 0;
  const face = hasStory
    ? el('button', {type: 'button', class: 'story-face', id: 'play-story', 'aria-label': t('account.watchStory', {name: account.displayName}),
      onclick: () => playStory(account.username, account.displayName)}, el('span', {class: 'ring-pic unseen'}, picture))
    : picture;
  const url = account.website ? safeWebsite(account.website) : null;
  const facts = [account.category ? t(`category.${account.category}`) : '', account.city || ''].filter(Boolean).join(' · ');
  const toggle = isPublic && !own ? el('button', {type: 'button', id: 'subscribe', onclick: () => toggleSubscription(toggle)}) : '';
  if (toggle) paintToggle(toggle);
  root.append(
    el('header', {class: 'screen-head'},
      el('a', {href: '#/discover', class: 'round ghost back', 'aria-label': t('action.back')}, icon(ICONS.back))),
    el('section', {class: 'account-head', 'aria-labelledby': 'account-name'}, face,
      el('h1', {id: 'account-name'}, account.displayName, account.verified ? verifiedBadge() : ''),
      el('p', {class: 'handle', text: `@${account.username}`}),
      facts ? el('p', {class: 'account-facts', id: 'account-facts', text: facts}) : '',
      isPublic ? count : '',
      account.bio ? el('p', {class: 'bio', id: 'account-bio', text: account.bio}) : '',
      url ? el('a', {class: 'website', id: 'account-website', href: url.href, rel: 'noopener noreferrer', target: '_blank',
        text: url.host + (url.pathname === '/' ? '' : url.pathname)}) : '',
      el('div', {class: 'row center account-actions'}, toggle,
        own ? el('a', {class: 'button ghost', href: '#/profile', text: t('account.edit')}) : '',
        hasStory ? el('button', {type: 'button', class: 'ghost', id: 'watch-story', text: t('account.watch'),
          onclick: () => playStory(account.username, account.displayName)}) : '')),
    // The community story: its items and the submission form, drawn when they have loaded.
    el('section', {id: 'community', class: 'account-community card', 'aria-label': t('account.community'), hidden: true}),
    isPublic ? el('section', {'aria-labelledby': 'highlights-title'}, el('h2', {id: 'highlights-title', text: t('account.highlights')}),
      el('ul', {class: 'story-grid highlights', id: 'highlights'}, data.highlights.length ? data.highlights.map((item) => highlight(item, account))
        : el('li', {class: 'empty', text: t('account.noHighlights')}))) : '',
    isPublic ? el('p', {class: 'secondary-link'}, el('a', {href: `/@${encodeURIComponent(account.username)}`, id: 'public-page',
      text: t('account.publicPage')})) : '');
  const community = root.querySelector('#community');
  if (isPublic && community) {
    fillCommunity(community, account.username, account.displayName).then(() => { community.hidden = false; }).catch(() => {});
  }
}

function highlight(item, account) {
  const label = item.caption || t('account.highlightOf', {name: account.displayName});
  return el('li', {'data-item': item.id},
    el('img', {src: item.thumbnailUrl || item.mediaUrl, alt: label, class: 'story-thumb', loading: 'lazy'}),
    el('time', {datetime: item.postedAt, text: relativeTime(item.postedAt)}));
}

function showCount() {
  nodes.count.textContent = plural('discover.subscribers', nodes.subscribers);
}

function paintToggle(button) {
  button.textContent = t(nodes.subscribed ? 'account.unsubscribe' : 'discover.subscribe');
  button.className = nodes.subscribed ? 'ghost' : 'primary';
}

async function toggleSubscription(button) {
  const state = nodes;
  const path = `subscriptions/${encodeURIComponent(state.account.username)}`;
  button.disabled = true;
  try {
    if (state.subscribed) await api('DELETE', path); else await api('PUT', `${path}?source=discover`);
    state.subscribed = !state.subscribed;
    state.subscribers += state.subscribed ? 1 : -1;
    if (nodes !== state) return;
    showCount();
    paintToggle(button);
    toast(t(state.subscribed ? 'account.subscribedTo' : 'account.unsubscribedFrom', {name: state.account.displayName}));
  } catch (error) { toast(describe(error)); } finally { button.disabled = false; }
}

const INTENT = 'pastel.intent';
const INTENT_LIFE = 24 * 3600 * 1000;

/// Completes what a visitor asked on a public page before having an account ("subscribe"): the
/// subscription, counted under the page's source and campaign, then a toast. Returns the route of
/// the account's profile, or null when there was nothing (valid) to do. The intent is cleared
/// whatever happens, so a failure is not retried forever.
export async function completeIntent() {
  let intent;
  try { intent = JSON.parse(localStorage.getItem(INTENT) || 'null'); } catch { intent = null; }
  localStorage.removeItem(INTENT);
  if (!intent || typeof intent.subscribe !== 'string' || !/^[a-z0-9._]{3,30}$/.test(intent.subscribe)) return null;
  if (intent.at && Date.now() - intent.at > INTENT_LIFE) return null;
  const query = new URLSearchParams();
  if (typeof intent.source === 'string' && intent.source) query.set('source', intent.source);
  if (typeof intent.campaign === 'string' && intent.campaign) query.set('campaign', intent.campaign);
  try {
    await api('PUT', `subscriptions/${encodeURIComponent(intent.subscribe)}?${query}`);
    const account = await api('GET', `accounts/${encodeURIComponent(intent.subscribe)}`).catch(() => ({displayName: intent.subscribe}));
    toast(t('account.subscribedTo', {name: account.displayName}));
  } catch (error) {
    toast(describe(error));
    return null;
  }
  return `#/u/${encodeURIComponent(intent.subscribe)}`;
}
