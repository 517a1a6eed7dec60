// My profile: picture (change, remove), display name, language, friends, the official tools for
// team members only, notification settings, sign-out.
import {api} from './api.js';
import {lang, t} from './i18n.js';
import {avatar, clearFieldErrors, describe, el, rememberAvatar, showFieldErrors, toast} from './ui.js';
import {officialFields} from './auth.js';
import {actingAccounts, remember} from './official.js';
import {unreadBadge, unreadCounts} from './teaminbox.js';
import {changeLanguage, signOut} from './app.js';
import {notificationSettings} from './push.js';

export const name = 'profile';
export const tab = 'profile';

export async function load() {
  const [me, acting] = await Promise.all([api('GET', 'me'), actingAccounts()]);
  rememberAvatar(me.username, me.avatarUrl, me.avatarThumbUrl);
  const unread = await unreadCounts(acting);
  return {me, acting, unread};
}

export function render({me, acting, unread}, root) {
  const errors = el('p', {class: 'error', role: 'alert'});
  const picker = el('input', {type: 'file', id: 'f-avatar', accept: 'image/*', class: 'visually-hidden'});
  const picture = avatar(me.username, 'xl');
  picker.addEventListener('change', async () => {
    const file = picker.files[0];
    if (!file) return;
    errors.textContent = '';
    try {
      const updated = await api('PUT', 'me/avatar', undefined, file);
      rememberAvatar(updated.username, updated.avatarUrl, updated.avatarThumbUrl);
      picture.querySelector('img').src = updated.avatarUrl;
      remove.hidden = false;
      toast(t('profile.pictureSaved'));
    } catch (error) { errors.textContent = describe(error); }
    picker.value = '';
  });
  const remove = el('button', {type: 'button', class: 'ghost small', id: 'remove-avatar', text: t('profile.removePicture'),
    hidden: !me.avatarUrl.startsWith('/media/'), onclick: async () => {
      await api('DELETE', 'me/avatar').catch(() => {});
      const fresh = await api('GET', 'me');
      rememberAvatar(fresh.username, fresh.avatarUrl, fresh.avatarThumbUrl);
      picture.querySelector('img').src = fresh.avatarUrl;
      remove.hidden = true;
    }});
  const displayName = el('input', {id: 'f-displayName', name: 'displayName', value: me.displayName, maxlength: 64, required: true,
    autocomplete: 'nickname'});
  const nameForm = el('form', {class: 'row', id: 'name-form'}, el('label', {for: 'f-displayName', class: 'inline-label',
    text: t('field.displayName')}), displayName, el('button', {type: 'submit', class: 'ghost small', text: t('action.save')}));
  nameForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const updated = await api('PATCH', 'me', {displayName: displayName.value});
      root.querySelector('#profile-name').textContent = updated.displayName;
      toast(t('profile.saved'));
    } catch (error) { errors.textContent = describe(error); }
  });
  const language = el('select', {id: 'f-lang', onchange: (event) => changeLanguage(event.target.value)},
    el('option', {value: 'fr', lang: 'fr', text: 'Français', selected: lang() === 'fr'}),
    el('option', {value: 'en', lang: 'en', text: 'English', selected: lang() === 'en'}));
  const links = el('ul', {class: 'list links'},
    el('li', {}, el('a', {class: 'row-main', href: '#/friends', text: t('friends.title')})),
    acting.length ? el('li', {}, el('a', {class: 'row-main', href: '#/insights', id: 'to-insights', text: t('insights.title')})) : '',
    acting.length ? el('li', {}, el('a', {class: 'row-main', href: '#/official', id: 'to-official', text: t('official.title')})) : '',
    // One line per account the person answers for, with what waits in its inbox.
    acting.map((a) => el('li', {}, el('a', {class: 'row-main', href: '#/official/inbox', 'data-inbox': a.username,
      onclick: () => remember(a.username)},
    el('span', {text: t('official.inboxOf', {name: a.displayName})}), unreadBadge(unread.get(a.username) || 0)))),
    // Instance admins only (`pastel admin create-admin`); for anyone else the admin routes are 404.
    me.admin ? el('li', {}, el('a', {class: 'row-main', href: '#/admin', id: 'to-admin', text: t('admin.entry')})) : '');
  // The notification settings of push.js, drawn when they have loaded.
  const notifications = el('div', {id: 'notification-settings'});
  notificationSettings().then((section) => notifications.append(section)).catch(() => {});
  root.append(
    el('header', {class: 'profile-head'},
      el('label', {for: 'f-avatar', class: 'avatar-edit', title: t('profile.changePicture')}, picture,
        el('span', {class: 'edit-chip', text: t('profile.changePicture')})), picker,
      el('h1', {id: 'profile-name', text: me.displayName}), el('p', {class: 'handle', text: '@' + me.username}), remove),
    errors,
    me.kind === 'public' ? officialCard(me) : '',
    el('section', {class: 'card', 'aria-labelledby': 'settings-title'}, el('h2', {id: 'settings-title', text: t('profile.settings')}),
      nameForm,
      el('p', {class: 'field'}, el('label', {for: 'f-lang', text: t('profile.language')}), language)),
    notifications,
    el('nav', {class: 'card', 'aria-label': t('profile.more')}, links),
    el('button', {type: 'button', class: 'ghost wide', id: 'signout', text: t('action.signout'), onclick: signOut}));
}

/// A message to an account the person manages: the count on its inbox line grows in place.
export function onEvent(event) {
  if (event.type !== 'chat.message' || !event.account) return;
  const link = document.querySelector(`.screen-profile a[data-inbox="${CSS.escape(event.account)}"]`);
  if (!link) return;
  const count = Number(link.querySelector('.badge')?.textContent || 0) + 1;
  link.querySelector('.badge')?.remove();
  link.append(unreadBadge(count));
}

/// An official account's public details (category, city, bio, website), saved with PATCH /me;
/// a refused field gets its message under it.
function officialCard(me) {
  const errors = el('p', {class: 'error', role: 'alert'});
  const form = el('form', {id: 'official-form', novalidate: true}, officialFields(me), errors,
    el('div', {class: 'row end'}, el('a', {class: 'button ghost small', href: `#/u/${encodeURIComponent(me.username)}`,
      id: 'see-profile', text: t('profile.seePublic')}), el('button', {type: 'submit', class: 'primary small', text: t('action.save')})));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(form, errors);
    try {
      await api('PATCH', 'me', {category: form.category.value || null, city: form.city.value, bio: form.bio.value,
        website: form.website.value.trim()});
      toast(t('profile.saved'));
    } catch (error) { showFieldErrors(form, errors, error); }
  });
  return el('section', {class: 'card', 'aria-labelledby': 'official-title'},
    el('h2', {id: 'official-title', text: t('profile.official')}), form);
}
