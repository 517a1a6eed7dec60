// Sign in and sign up.
import {api} from './api.js';
import {lang, t} from './i18n.js';
import {clearFieldErrors, el, errorBox, field, showError, showFieldErrors} from './ui.js';
import {changeLanguage, signedIn} from './app.js';

function shell(title, form, switchLink) {
  const language = el('button', {type: 'button', class: 'ghost small', id: 'lang',
    text: lang() === 'fr' ? 'English' : 'Français', lang: lang() === 'fr' ? 'en' : 'fr',
    onclick: () => changeLanguage(lang() === 'fr' ? 'en' : 'fr')});
  return el('div', {class: 'auth'},
    el('div', {class: 'hero'}, el('img', {src: '/icons/icon-192.png', alt: '', class: 'hero-logo', width: 72, height: 72}),
      el('p', {class: 'brand', text: 'Pastel'}), el('p', {class: 'tagline', text: t('auth.tagline')})),
    el('div', {class: 'card'}, el('h1', {id: 'auth-title', text: title}), form, switchLink), language);
}

export const signIn = {
  open: true, name: 'signin',
  load: async () => null,
  render(_, root) {
    const errors = errorBox();
    const form = el('form', {'aria-labelledby': 'auth-title'},
      field('username', 'text', 'field.username', {autocomplete: 'username', autocapitalize: 'none'}),
      field('password', 'password', 'field.password', {autocomplete: 'current-password'}),
      errors, el('button', {type: 'submit', class: 'primary wide', text: t('action.signin')}));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        const data = await api('POST', 'sessions', {username: form.username.value.trim(), password: form.password.value});
        await signedIn(data.token);
      } catch (error) { showError(errors, error); }
    });
    root.append(shell(t('signin.title'), form, el('a', {href: '#/signup', class: 'switch', text: t('action.toSignup')})));
  },
};

export const CATEGORIES = ['city', 'business', 'association', 'media', 'creator'];

/// The fields of an official account (category, city, bio, website), for sign-up and the profile.
export function officialFields(values = {}) {
  const fields = [
    field('category', 'select', 'field.category', {options: [
      el('option', {value: '', text: t('field.categoryPick')}),
      ...CATEGORIES.map((c) => el('option', {value: c, text: t(`category.${c}`), selected: values.category === c}))]}),
    field('city', 'text', 'field.city', {maxlength: 64, autocomplete: 'address-level2', value: values.city || undefined}),
    field('bio', 'textarea', 'field.bio', {maxlength: 300, rows: 3, required: false}, 'hint.bio'),
    field('website', 'url', 'field.website', {maxlength: 200, required: false, placeholder: 'https://', autocomplete: 'url',
      value: values.website || undefined}, 'hint.website'),
  ];
  fields[2].querySelector('textarea').value = values.bio || '';
  return fields;
}

export const signUp = {
  open: true, name: 'signup',
  load: async () => null,
  render(_, root) {
    const errors = errorBox();
    const kind = (value, labelKey, hintKey) => el('label', {class: 'choice'},
      el('input', {type: 'radio', name: 'kind', value, checked: value === 'personal'}),
      el('span', {class: 'choice-text'}, el('b', {text: t(labelKey)}), el('small', {text: t(hintKey)})));
    const official = el('div', {class: 'official-fields', id: 'official-fields', hidden: true}, officialFields());
    const form = el('form', {'aria-labelledby': 'auth-title', novalidate: true},
      el('fieldset', {class: 'kinds', id: 'f-kind'}, el('legend', {text: t('field.kind')}),
        kind('personal', 'kind.personal', 'kind.personalHint'), kind('public', 'kind.public', 'kind.publicHint'),
        el('small', {class: 'field-error', id: 'f-kind-error'})),
      field('username', 'text', 'field.username', {autocomplete: 'username', minlength: 3, maxlength: 30, autocapitalize: 'none',
        spellcheck: 'false'}, 'hint.username'),
      field('displayName', 'text', 'field.displayName', {maxlength: 64, autocomplete: 'nickname'}),
      field('birthDate', 'date', 'field.birthDate', {autocomplete: 'bday'}, 'hint.birthDate'),
      official,
      field('password', 'password', 'field.password', {autocomplete: 'new-password', minlength: 10}, 'hint.password'),
      errors, el('button', {type: 'submit', class: 'primary wide', text: t('action.signup')}));
    const isPublic = () => form.querySelector('input[name=kind]:checked').value === 'public';
    // The official fields are only in the form (and required) for an official account.
    form.addEventListener('change', (event) => {
      if (event.target.name !== 'kind') return;
      official.hidden = !isPublic();
      official.querySelectorAll('#f-category, #f-city').forEach((input) => { input.required = isPublic(); });
      form.querySelector('#f-birthDate-hint').textContent = t(isPublic() ? 'hint.birthDatePublic' : 'hint.birthDate');
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearFieldErrors(form, errors);
      const body = {username: form.username.value.trim(), displayName: form.displayName.value,
        birthDate: form.birthDate.value, password: form.password.value};
      if (isPublic()) {
        Object.assign(body, {kind: 'public', category: form.category.value || null, city: form.city.value,
          bio: form.bio.value || null, website: form.website.value.trim() || null});
      }
      try {
        await api('POST', 'accounts', body);
        const data = await api('POST', 'sessions', {username: body.username, password: body.password});
        await signedIn(data.token);
      } catch (error) { showFieldErrors(form, errors, error); }
    });
    root.append(shell(t('signup.title'), form, el('a', {href: '#/signin', class: 'switch', text: t('action.toSignin')})));
  },
};
