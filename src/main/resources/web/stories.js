// Stories: the ring of friends and followed accounts (unseen first, with their pictures), my
// story with its thumbnails and viewers.
import {api} from './api.js';
import {plural, relativeTime, t} from './i18n.js';
import {ICONS, avatar, el, icon, loadAvatars} from './ui.js';
import {playStory} from './viewer.js';

export const name = 'stories';
export const tab = 'stories';

let nodes = null;

export async function load() {
  const me = await api('GET', 'me');
  const [feed, mine] = await Promise.all([api('GET', 'stories/feed'), api('GET', `accounts/${encodeURIComponent(me.username)}/stories`)]);
  await loadAvatars([me.username, ...feed.map((e) => e.account)]);
  return {me, feed, mine};
}

export function leave() {
  nodes = null;
}

export function render(data, root) {
  const ring = el('ul', {class: 'ring', id: 'story-ring'});
  const own = el('ul', {class: "story-grid", id: "my-story"});
  nodes = {ring, own, me: data.me};
  fillRing(data.feed);
  fillOwn(data.mine);
  root.append(el('header', {class: 'screen-head'}, el('h1', {text: t('nav.stories')})),
    el('section', {'aria-labelledby': 'ring-title'}, el('h2', {id: 'ring-title', class: 'visually-hidden', text: t('story.friends')}), ring),
    el('section', {'aria-labelledby': 'mine-title'}, el('h2', {id: 'mine-title', text: t('story.mine')}), own));
}

function fillRing(feed) {
  const me = nodes.me;
  const mineButton = el('li', {}, el('a', {href: '#/camera', class: 'ring-item', id: 'add-story'},
    el('span', {class: 'ring-pic'}, avatar(me.username, 'l'), el('span', {class: 'plus', 'aria-hidden': 'true'}, icon(ICONS.add))),
    el('span', {class: 'ring-name', text: t('story.add')})));
  // An account's own story, then its community story as a ring of its own right after it.
  const entries = feed.flatMap((entry) => [entry.items.length ? el('li', {}, el('button', {type: 'button', class: 'ring-item',
    'data-account': entry.account, 'aria-label': t(entry.allSeen ? 'story.openSeen' : 'story.openNew', {name: entry.displayName}),
    onclick: () => playStory(entry.account, entry.displayName, refresh)},
  el('span', {class: `ring-pic ${entry.allSeen ? 'seen' : 'unseen'}`}, avatar(entry.account, 'l')),
  el('span', {class: 'ring-name', text: entry.displayName}))) : null,
  entry.community ? communityRing(entry) : null].filter(Boolean));
  nodes.ring.replaceChildren(mineButton, ...entries);
  if (!feed.length) nodes.ring.append(el('li', {class: 'ring-empty', text: t('story.none')}));
}

function communityRing(entry) {
  const {count, allSeen} = entry.community;
  return el('li', {}, el('button', {type: 'button', class: 'ring-item', 'data-community': entry.account,
    'aria-label': allSeen ? t('community.ringSeen', {name: entry.displayName})
      : t('community.ringLabel', {name: entry.displayName, count: String(count)}),
    onclick: () => playStory(entry.account, entry.displayName, refresh, {community: true})},
  el('span', {class: `ring-pic community ${allSeen ? 'seen' : 'unseen'}`}, avatar(entry.account, 'l'),
    el('span', {class: 'community-chip', 'aria-hidden': 'true', text: t('community.short')})),
  el('span', {class: 'ring-name', text: entry.displayName})));
}

function fillOwn(mine) {
  if (!mine.length) { nodes.own.replaceChildren(el('li', {class: 'empty', text: t('story.mineEmpty')})); return; }
  nodes.own.replaceChildren(...mine.map((item) => {
    const viewers = el('button', {type: 'button', class: 'ghost small', text: t('story.viewers'), onclick: async () => {
      const list = await api('GET', `stories/${item.id}/viewers`);
      viewers.replaceWith(el('p', {class: 'viewers', text: list.length
        ? `${plural('story.viewerCount', list.length)}: ${list.map((v) => v.displayName || v.username).join(', ')}` : t('story.noViewers')}));
    }});
    return el('li', {'data-item': item.id},
      el('button', {type: 'button', class: 'thumb-button', 'aria-label': t('story.playMine', {time: relativeTime(item.postedAt)}),
        onclick: () => playStory(nodes.me.username, nodes.me.displayName, refresh)},
      el('img', {src: item.thumbnailUrl, alt: '', class: 'story-thumb', loading: 'lazy'})),
      el('time', {datetime: item.postedAt, text: relativeTime(item.postedAt)}), viewers);
  }));
}

async function refresh() {
  if (!nodes) return;
  const [feed, mine] = await Promise.all([api('GET', 'stories/feed'), api('GET', `accounts/${encodeURIComponent(nodes.me.username)}/stories`)]);
  if (!nodes) return;
  await loadAvatars(feed.map((e) => e.account));
  // The viewer gave the focus back to the ring item it was opened from: redrawn, it keeps it.
  const focused = document.activeElement?.dataset?.account;
  fillRing(feed);
  fillOwn(mine);
  if (focused) nodes.ring.querySelector(`[data-account="${CSS.escape(focused)}"]`)?.focus();
}

export function onEvent(event) {
  if ((event.type === 'story.posted' || event.type === 'events.open') && nodes && !document.querySelector('.viewer')) refresh();
}
