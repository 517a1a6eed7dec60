// Small DOM helpers shared by the screens: elements, toasts, avatars, confirmations, menus.
import {api, ApiError} from './api.js';
import {fieldMessage, t, translateProblem} from './i18n.js';

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (value !== false && value !== undefined && value !== null) node.setAttribute(key, value === true ? '' : value);
  }
  children.flat().forEach((child) => { if (child !== null && child !== undefined && child !== '') node.append(child); });
  return node;
}

/// An inline SVG icon from a path (icons carry no meaning of their own: labels do).
export function icon(path) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'icon');
  const shape = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  shape.setAttribute('d', path);
  svg.append(shape);
  return svg;
}

export const ICONS = {
  close: 'M6 6l12 12M18 6L6 18', back: 'M15 5l-7 7 7 7', flip: 'M4 9a8 8 0 0114-3l2 2M20 15a8 8 0 01-14 3l-2-2M20 4v4h-4M4 20v-4h4',
  gallery: 'M4 5h16v14H4zM4 15l5-5 4 4 3-3 4 4', send: 'M4 12l16-8-6 16-2-6z', pin: 'M12 21s7-6.5 7-12a7 7 0 00-14 0c0 5.5 7 12 7 12zM12 11a2 2 0 100-4 2 2 0 000 4',
  more: 'M5 12h.01M12 12h.01M19 12h.01', add: 'M12 5v14M5 12h14', share: 'M12 4v11M7 9l5-5 5 5M5 14v6h14v-6',
  pause: 'M8 5v14M16 5v14', play: 'M7 4l13 8-13 8z',
};

let toastTimer = null;

/// A short message above the tab bar, gone after 2.5 s; never covers the buttons it reports on.
/// Without the tab bar (a conversation) it shows at the top, just under the screen's header, so
/// the back button and the name stay visible and tappable.
export function toast(message) {
  const box = document.getElementById('toast');
  const header = document.querySelector('#view header');
  const below = header ? Math.max(0, header.getBoundingClientRect().bottom) + 8 : 0;
  box.style.setProperty('--toast-top', `${Math.round(below)}px`);
  box.textContent = message;
  box.classList.add('shown');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => box.classList.remove('shown'), 2500);
}

/// A labelled input. With `hintKey`, the rule is written under it before anything is sent; the
/// hint and the field's own error (see showFieldErrors) are its description (aria-describedby).
export function field(name, type, labelKey, extra = {}, hintKey = null) {
  const id = `f-${name}`;
  const tag = type === 'textarea' ? 'textarea' : type === 'select' ? 'select' : 'input';
  const {options, ...attributes} = extra;
  const control = el(tag, {id, name, type: tag === 'input' ? type : undefined, required: true,
    'aria-describedby': `${hintKey ? `${id}-hint ` : ''}${id}-error`, ...attributes}, options || []);
  return el('p', {class: 'field', 'data-field': name}, el('label', {for: id, text: t(labelKey)}), control,
    hintKey ? el('small', {class: 'hint-text', id: `${id}-hint`, text: t(hintKey)}) : '',
    el('small', {class: 'field-error', id: `${id}-error`}));
}

export function errorBox() {
  return el('p', {class: 'error', role: 'alert'});
}

/// The error in the user's language: each field error with the field's label, else the
/// problem's kind (its type and field codes, never its English detail), else its status.
export function describe(error) {
  if (error instanceof ApiError) return translateProblem(error.problem);
  return error.message || t('error.generic');
}

export function showError(box, error) {
  box.textContent = describe(error);
}

/// A 400's field errors written at their fields (each marked aria-invalid); the box above the
/// submit button says what remains (errors of fields the form has not, or the problem itself).
export function showFieldErrors(form, box, error) {
  form.querySelectorAll('.field-error').forEach((node) => { node.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach((node) => node.removeAttribute('aria-invalid'));
  const errors = error instanceof ApiError ? error.problem.errors || [] : [];
  const elsewhere = [];
  for (const fieldError of errors) {
    const slot = form.querySelector(`#f-${CSS.escape(fieldError.field)}-error`);
    if (!slot) { elsewhere.push(fieldError); continue; }
    slot.textContent = [slot.textContent, fieldMessage(fieldError)].filter(Boolean).join(' ');
    form.querySelector(`#f-${CSS.escape(fieldError.field)}`)?.setAttribute('aria-invalid', 'true');
  }
  if (!errors.length) box.textContent = describe(error);
  else box.textContent = elsewhere.length ? translateProblem({errors: elsewhere}) : t('form.fixFields');
  form.querySelector('[aria-invalid]')?.focus();
}

/// Clears what showFieldErrors wrote.
export function clearFieldErrors(form, box) {
  form.querySelectorAll('.field-error').forEach((node) => { node.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach((node) => node.removeAttribute('aria-invalid'));
  box.textContent = '';
}

// Profile pictures, fetched in batches and kept while their signed URLs are valid (5 min).
const pictures = new Map();
const PICTURE_LIFE = 4 * 60 * 1000;

/// Loads the pictures of `usernames` not known yet (one request), so avatar() can show them.
export async function loadAvatars(usernames) {
  const now = Date.now();
  const missing = [...new Set(usernames)].filter((u) => u && !(pictures.get(u)?.until > now));
  for (let i = 0; i < missing.length; i += 100) {
    const batch = missing.slice(i, i + 100);
    const found = await api('GET', `avatars?usernames=${batch.map(encodeURIComponent).join(',')}`).catch(() => ({}));
    for (const [username, picture] of Object.entries(found)) pictures.set(username, {...picture, until: now + PICTURE_LIFE});
  }
}

export function rememberAvatar(username, url, thumbUrl) {
  pictures.set(username, {url, thumbUrl, until: Date.now() + PICTURE_LIFE});
}

/// A round profile picture; decorative (the name is always written next to it).
export function avatar(username, size = 'm', ring = '') {
  const picture = pictures.get(username);
  const image = el('img', {class: 'avatar-img', alt: '', src: picture ? (size === 'l' ? picture.url : picture.thumbUrl) : undefined,
    'data-avatar': username, loading: 'lazy', decoding: 'async'});
  return el('span', {class: `avatar ${size} ${ring}`.trim()}, image);
}

/// Asks before something that cannot be undone; resolves true when confirmed.
export function confirmDialog(message, confirmLabel) {
  return new Promise((resolve) => {
    const yes = el('button', {type: 'button', class: 'danger', id: 'confirm-yes', text: confirmLabel});
    const no = el('button', {type: 'button', class: 'ghost', id: 'confirm-no', text: t('action.cancel')});
    const text = el('p', {id: 'confirm-text', text: message});
    const dialog = el('dialog', {class: 'confirm', 'aria-labelledby': 'confirm-text'}, text, el('div', {class: 'row end'}, no, yes));
    const finish = (answer) => { dialog.close(); dialog.remove(); resolve(answer); };
    yes.addEventListener('click', () => finish(true));
    no.addEventListener('click', () => finish(false));
    dialog.addEventListener('cancel', (event) => { event.preventDefault(); finish(false); });
    document.body.append(dialog);
    dialog.showModal();
    no.focus();
  });
}

/// A small menu of actions next to `anchor` (keyboard: arrows move, Esc closes).
export function openMenu(anchor, items) {
  document.querySelector('.menu')?.remove();
  const buttons = items.map(({label, action, danger, id}) => el('button', {type: 'button', role: 'menuitem', id,
    class: danger ? 'menu-item danger-text' : 'menu-item', text: label,
    onclick: () => { close(); action(); }}));
  const menu = el('div', {class: 'menu', role: 'menu'}, buttons);
  const close = () => { menu.remove(); document.removeEventListener('pointerdown', outside, true); anchor.focus?.(); };
  const outside = (event) => { if (!menu.contains(event.target)) close(); };
  menu.addEventListener('keydown', (event) => {
    const index = buttons.indexOf(document.activeElement);
    if (event.key === 'Escape') { event.preventDefault(); close(); }
    if (event.key === 'ArrowDown') { event.preventDefault(); buttons[(index + 1) % buttons.length].focus(); }
    if (event.key === 'ArrowUp') { event.preventDefault(); buttons[(index - 1 + buttons.length) % buttons.length].focus(); }
  });
  anchor.after(menu);
  setTimeout(() => document.addEventListener('pointerdown', outside, true));
  buttons[0].focus();
  return menu;
}

/// Calls `action` after a long press (500 ms) or a right click / context-menu key on `node`.
export function onLongPress(node, action) {
  let timer = null;
  node.addEventListener('pointerdown', () => { timer = setTimeout(() => { timer = null; action(); }, 500); });
  const cancel = () => { clearTimeout(timer); timer = null; };
  node.addEventListener('pointerup', cancel);
  node.addEventListener('pointerleave', cancel);
  node.addEventListener('pointermove', (event) => { if (Math.abs(event.movementY) > 4) cancel(); });
  node.addEventListener('contextmenu', (event) => { event.preventDefault(); cancel(); action(); });
}

/// Display names by username from lists the screens already have.
export function namesOf(...lists) {
  const names = new Map();
  lists.flat().forEach((p) => { if (p?.username) names.set(p.username, p.displayName || p.username); });
  return names;
}
