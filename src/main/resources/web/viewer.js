// The two full-screen viewers: a snap (countdown, screenshot notice) and a story (avatar ring,
// name, time, caption, moving progress bars, tap left/right, hold to pause, reply).
import {api} from './api.js';
import {lang, relativeTime, t} from './i18n.js';
import {ICONS, avatar, describe, el, icon, loadAvatars, toast} from './ui.js';

function overlay(label, ...children) {
  const previous = document.activeElement;
  const node = el('div', {class: 'viewer', role: 'dialog', 'aria-modal': 'true', 'aria-label': label, tabindex: '-1'}, ...children);
  document.body.append(node);
  document.body.classList.add('viewing');
  node.focus();
  // Tab and Shift+Tab go round the viewer's own controls: nothing behind it can take the focus.
  node.addEventListener('keydown', (event) => {
    if (event.key !== 'Tab') return;
    const inside = [...node.querySelectorAll('button, input, a[href], [tabindex]:not([tabindex="-1"])')]
      .filter((c) => !c.disabled && c.getClientRects().length);
    if (!inside.length) { event.preventDefault(); return; }
    const first = inside[0];
    const last = inside[inside.length - 1];
    const at = document.activeElement;
    if (event.shiftKey && (at === first || at === node || !node.contains(at))) { event.preventDefault(); last.focus(); }
    else if (!event.shiftKey && (at === last || !node.contains(at))) { event.preventDefault(); first.focus(); }
  });
  return {node, remove: () => { node.remove(); document.body.classList.remove('viewing'); previous?.focus?.(); }};
}

/// Closes on a downward swipe of at least 80 px.
function onSwipeDown(node, close) {
  let startY = null;
  node.addEventListener('pointerdown', (event) => { startY = event.clientY; });
  node.addEventListener('pointerup', (event) => { if (startY !== null && event.clientY - startY > 80) close(); startY = null; });
}

/// Opens (or replays) a snap. It ends when its time is up, or with the close button, Esc or a
/// swipe down; a tap on the picture does nothing (no snap lost to a stray tap).
export async function openSnap(snap, action, onClosed) {
  let opened;
  try { opened = await api('POST', `snaps/${snap.id}/${action}`); } catch (error) { toast(describe(error)); onClosed?.(); return; }
  const name = snap.fromDisplayName || snap.from;
  const media = opened.kind === 'video'
    // An animated GIF/WebP/APNG (stored as a video) loops, silent, like a GIF.
    ? el('video', {src: opened.mediaUrl, autoplay: true, playsinline: true, loop: opened.animated === true,
      muted: opened.animated === true, class: 'media', 'aria-label': opened.alt || opened.caption || t('viewer.video')})
    : el('img', {src: opened.mediaUrl, class: 'media', alt: opened.alt || opened.caption || t('viewer.photoFrom', {name})});
  const counter = el('span', {class: 'countdown', id: 'countdown'});
  const close = el('button', {type: 'button', class: 'round close', id: 'viewer-close', 'aria-label': t('action.close')}, icon(ICONS.close));
  const view = overlay(t('viewer.snapFrom', {name}),
    el('header', {class: 'viewer-head'}, avatar(snap.from, 's'), el('span', {class: 'who'}, el('b', {text: name}),
      el('small', {text: relativeTime(snap.sentAt)})), opened.viewSeconds > 0 ? counter : '', close),
    el('div', {class: 'viewer-stage'}, media, opened.caption ? el('p', {class: 'caption-bar', text: opened.caption}) : ''),
    el('p', {class: 'hint', text: t('viewer.screenshot')}));
  const report = () => api('POST', `snaps/${snap.id}/screenshot`).catch(() => {});
  const onHidden = () => { if (document.hidden) report(); };
  const onKey = (event) => { if (event.key === 'PrintScreen') report(); };
  document.addEventListener('visibilitychange', onHidden);
  document.addEventListener('keyup', onKey);
  let timer = null;
  const end = () => {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', onHidden);
    document.removeEventListener('keyup', onKey);
    view.remove();
    onClosed?.();
  };
  close.addEventListener('click', end);
  view.node.addEventListener('keydown', (event) => { if (event.key === 'Escape') end(); });
  onSwipeDown(view.node, end);
  let left = opened.viewSeconds;
  if (left > 0) {
    counter.textContent = String(left);
    timer = setInterval(() => {
      left -= 1;
      counter.textContent = String(Math.max(left, 0));
      if (left <= 0) end();
    }, 1000);
  }
}

const IMAGE_MS = 5000;

/// Plays an account's story from its first unseen item. Closes at the end, or with the close
/// button, Esc or a swipe down; replying pauses it until the reply is sent or abandoned.
///
/// `{community: true}` plays the account's community story instead: the approved submissions,
/// each credited to its submitter (or said to be anonymous).
export async function playStory(account, displayName, onClosed, {community = false} = {}) {
  const items = await api('GET', `accounts/${encodeURIComponent(account)}/${community ? 'community' : 'stories'}`);
  if (!items.length) { onClosed?.(); return; }
  await loadAvatars([account]);
  let index = 0;
  let shownAt = 0;
  let remaining = IMAGE_MS;
  let timer = null;
  let paused = false;
  let replying = false;
  const bars = el('div', {class: 'bars', 'aria-hidden': 'true'}, items.map(() => el('span', {class: 'bar-item'}, el('span', {class: 'fill'}))));
  const when = el('small', {class: 'when'});
  const stage = el('div', {class: 'viewer-stage story-stage'});
  const caption = el('p', {class: 'caption-bar', hidden: true});
  const close = el('button', {type: 'button', class: 'round close', id: 'story-close', 'aria-label': t('story.close')}, icon(ICONS.close));
  const prev = el('button', {type: 'button', class: 'tap-zone prev', 'aria-label': t('story.previous')});
  const next = el('button', {type: 'button', class: 'tap-zone next', 'aria-label': t('story.next')});
  const pauseButton = el('button', {type: 'button', class: 'round pause', id: 'story-pause', 'aria-pressed': 'false',
    'aria-label': t('story.pause')}, icon(ICONS.pause));
  // Said once per item ("Item 2 of 5"), never per tick of the progress bar.
  const position = el('p', {class: 'visually-hidden', id: 'story-position', 'aria-live': 'polite', 'aria-atomic': 'true'});
  const input = el('input', {id: 'f-reply', name: 'text', maxlength: 2000, autocomplete: 'off', placeholder: t('story.replyTo', {name: displayName}),
    'aria-label': t('story.replyTo', {name: displayName})});
  const sent = el('p', {class: 'reply-sent', id: 'reply-sent', role: 'status'});
  const reply = el('form', {class: 'reply', id: 'story-reply'}, input,
    el('button', {type: 'submit', class: 'round primary', 'aria-label': t('action.send')}, icon(ICONS.send)));
  const credit = el('small', {class: 'credit', hidden: !community});
  const title = community ? t('community.ring', {name: displayName}) : displayName;
  const view = overlay(community ? t('community.of', {name: displayName}) : t('story.of', {name: displayName}), bars,
    el('header', {class: 'viewer-head'}, avatar(account, 's', community ? 'ring-community' : 'ring-unseen'),
      el('span', {class: 'who'}, el('b', {text: title}), el('span', {class: 'meta'}, when, credit)), pauseButton, close),
    el('div', {class: 'story-body'}, stage, prev, next, caption), sent, account === undefined ? '' : reply,
    el('p', {class: 'visually-hidden', id: 'story-help', text: t('story.controls')}), position);
  view.node.classList.add('story');
  view.node.setAttribute('aria-describedby', 'story-help');

  const report = (completed) => {
    const item = items[index];
    if (!item) return Promise.resolve();
    return api('POST', `stories/${item.id}/views`, {watchedMs: Math.round(performance.now() - shownAt), completed}).catch(() => {});
  };
  let pending = Promise.resolve();
  const finish = () => {
    clearTimeout(timer);
    view.remove();
    pending.then(() => onClosed?.());
  };
  const bar = (i) => bars.children[i];
  const show = (i) => {
    clearTimeout(timer);
    if (i < 0) i = 0;
    if (i >= items.length) { finish(); return; }
    index = i;
    [...bars.children].forEach((b, k) => { b.classList.toggle('done', k < i); b.classList.remove('active', 'paused'); });
    const item = items[i];
    // The text alternative the poster wrote comes first; a caption or the story's name otherwise.
    const alt = item.alt || item.caption || t('story.itemOf', {name: displayName});
    // An animated GIF/WebP/APNG loops, silent, for as long as a photo is shown.
    const looping = item.kind === 'video' && item.animated === true;
    const media = item.kind === 'video'
      ? el('video', {src: item.mediaUrl, autoplay: true, playsinline: true, loop: looping, muted: looping, class: 'media',
        'aria-label': alt},
        item.captionsUrl ? el('track', {kind: 'captions', src: item.captionsUrl, srclang: lang(), label: t('story.captions'), default: true}) : '')
      : el('img', {src: item.mediaUrl, class: 'media', alt});
    credit.textContent = community ? ` · ${item.credit ? t('community.by', {name: item.credit}) : t('community.anonymous')}` : '';
    stage.replaceChildren(media);
    position.textContent = t('story.position', {index: i + 1, count: items.length});
    view.node.dataset.index = String(i);
    caption.hidden = !item.caption;
    caption.textContent = item.caption || '';
    when.textContent = relativeTime(item.postedAt);
    shownAt = performance.now();
    remaining = IMAGE_MS;
    const fill = bar(i);
    if (item.kind === 'video' && !looping) {
      media.addEventListener('loadedmetadata', () => { fill.style.setProperty('--duration', `${media.duration || 5}s`); start(fill); });
      media.addEventListener('ended', () => advance(true));
    } else {
      fill.style.setProperty('--duration', `${IMAGE_MS / 1000}s`);
      start(fill);
      timer = setTimeout(() => advance(true), remaining);
    }
    if (paused) pause();
  };
  const start = (fill) => { void fill.offsetWidth; fill.classList.add('active'); };
  const advance = (completed) => { pending = report(completed); show(index + 1); };
  const back = () => { pending = report(false); show(index - 1); };
  const pressed = (on) => {
    pauseButton.setAttribute('aria-pressed', String(on));
    pauseButton.setAttribute('aria-label', t(on ? 'story.play' : 'story.pause'));
    pauseButton.replaceChildren(icon(on ? ICONS.play : ICONS.pause));
  };
  const pause = () => {
    paused = true;
    pressed(true);
    clearTimeout(timer);
    remaining -= performance.now() - shownAt;
    bar(index)?.classList.add('paused');
    stage.querySelector('video')?.pause();
  };
  const resume = () => {
    if (replying) return;
    paused = false;
    pressed(false);
    shownAt = performance.now();
    bar(index)?.classList.remove('paused');
    const video = stage.querySelector('video');
    if (video) video.play().catch(() => {});
    // A looping animation never ends: like a photo, its time is counted.
    if (!video || video.loop) timer = setTimeout(() => advance(true), Math.max(remaining, 0));
  };

  // Tap left: previous; tap right: next; hold anywhere on the picture: pause until released.
  let downAt = 0;
  for (const zone of [prev, next]) {
    zone.addEventListener('pointerdown', () => { downAt = performance.now(); pause(); });
    zone.addEventListener('pointerup', () => {
      const held = performance.now() - downAt > 300;
      resume();
      if (!held) (zone === prev ? back : () => advance(false))();
    });
    zone.addEventListener('keydown', (event) => { if (event.key === 'Enter' || event.key === ' ') event.stopPropagation(); });
    zone.addEventListener('click', (event) => { if (event.detail === 0) (zone === prev ? back : () => advance(false))(); });
  }
  close.addEventListener('click', () => { pending = report(false); finish(); });
  pauseButton.addEventListener('click', () => { if (paused) resume(); else pause(); });
  onSwipeDown(view.node, () => { if (!replying) { pending = report(false); finish(); } });
  view.node.addEventListener('keydown', (event) => {
    if (event.target === input) { if (event.key === 'Escape') input.blur(); return; }
    if (event.key === 'Escape') { pending = report(false); finish(); }
    else if (event.key === 'ArrowRight') { event.preventDefault(); advance(false); }
    else if (event.key === 'ArrowLeft') { event.preventDefault(); back(); }
    else if (event.key === ' ' && (event.target === view.node || event.target.tagName !== 'BUTTON')) {
      event.preventDefault();
      if (paused) resume(); else pause();
    }
  });
  // Typing a reply holds the story still; it goes on once the reply is sent or the field left empty.
  input.addEventListener('focus', () => { replying = true; if (!paused) pause(); });
  input.addEventListener('blur', () => { if (!input.value.trim()) { replying = false; resume(); } });
  reply.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    try {
      await api('POST', `stories/${items[index].id}/replies`, {text});
      input.value = '';
      sent.textContent = t('story.replySent', {name: displayName});
      sent.classList.add('shown');
      setTimeout(() => sent.classList.remove('shown'), 2500);
      replying = false;
      input.blur();
      resume();
    } catch (error) { sent.textContent = describe(error); sent.classList.add('shown'); }
  });
  const firstUnseen = items.findIndex((item) => item.seen === false);
  show(firstUnseen > 0 ? firstUnseen : 0);
}
