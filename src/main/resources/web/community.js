// An official account's community story ("Our story") inside its in-app profile: the approved
// items (credited, or anonymous) that open the story viewer, and a form to submit a photo or
// video with a caption and a text alternative. The profile screen gives it its section.
import {api} from './api.js';
import {t} from './i18n.js';
import {describe, el, toast} from './ui.js';
import {playStory} from './viewer.js';

/// Fills `section` (the profile's `#community`) for the account `username` ("Ville de Toulouse").
export async function fillCommunity(section, username, displayName) {
  const items = await api('GET', `accounts/${encodeURIComponent(username)}/community`).catch(() => []);
  const strip = el('ul', {class: 'community-strip', id: 'community-items'});
  const fillStrip = (list) => strip.replaceChildren(...(list.length ? list.map((item, i) => el('li', {},
    el('button', {type: 'button', class: 'thumb-button', 'data-item': item.id,
      'aria-label': `${t('community.play')} (${i + 1}/${list.length})`, onclick: () => playStory(username, displayName, null, {community: true})},
    el('img', {src: item.thumbnailUrl, alt: item.alt || '', loading: 'lazy'}),
    el('small', {'aria-hidden': 'true', text: item.credit ? '@' + item.credit : t('community.anonymous')}))))
    : [el('li', {class: 'empty', text: t('community.none')})]));
  fillStrip(items);

  const errors = el('p', {class: 'error', role: 'alert'});
  const file = el('input', {type: 'file', id: 'f-community-file', name: 'file', accept: 'image/*,video/*', required: true});
  const caption = el('input', {id: 'f-community-caption', name: 'caption', maxlength: 250, autocomplete: 'off'});
  const alt = el('textarea', {id: 'f-community-alt', name: 'alt', rows: 2, maxlength: 1500});
  const anonymous = el('input', {type: 'checkbox', id: 'f-community-anonymous', name: 'anonymous'});
  const send = el('button', {type: 'submit', class: 'primary', id: 'community-send', text: t('community.send')});
  const form = el('form', {id: 'community-form', class: 'community-form'},
    el('p', {class: 'field'}, el('label', {for: 'f-community-file', text: t('community.file')}), file),
    el('p', {class: 'field'}, el('label', {for: 'f-community-caption', text: t('community.caption')}), caption),
    el('p', {class: 'field'}, el('label', {for: 'f-community-alt', text: t('camera.alt')}), alt),
    el('label', {class: 'check-line'}, anonymous, ` ${t('camera.anonymous')}`), errors, send);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.textContent = '';
    send.disabled = true;
    try {
      const media = await api('POST', 'media', undefined, file.files[0]);
      await api('POST', `accounts/${encodeURIComponent(username)}/community/submissions`, {mediaId: media.id,
        caption: caption.value.trim() || undefined, alt: alt.value.trim() || undefined, anonymous: anonymous.checked});
      form.reset();
      toast(t('community.sent', {name: displayName}));
    } catch (error) { errors.textContent = describe(error); }
    send.disabled = false;
  });
  section.classList.add('community-box');
  section.replaceChildren(el('h2', {id: 'community-title', text: t('community.title')}), strip,
    el('p', {class: 'hint-dark', text: t('community.hint')}),
    el('details', {class: 'community-submit'}, el('summary', {text: t('community.submit')}), form));
  if (!section.hasAttribute('aria-labelledby')) section.setAttribute('aria-labelledby', 'community-title');
  return {refresh: async () => fillStrip(await api('GET', `accounts/${encodeURIComponent(username)}/community`).catch(() => []))};
}
