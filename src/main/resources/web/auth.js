// Sign in and sign up.
import {api} from './api.js';
import {lang, t} from './i18n.js';
import {el, errorBox, field, showError} from './ui.js';
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
        signedIn(data.token);
      } catch (error) { showError(errors, error); }
    });
    root.append(shell(t('signin.title'), form, el('a', {href: '#/signup', class: 'switch', text: t('action.toSignup')})));
  },
};

export const signUp = {
  open: true, name: 'signup',
  load: async () => null,
  render(_, root) {
    const errors = errorBox();
    const form = el('form', {'aria-labelledby': 'auth-title'},
      field('username', 'text', 'field.username', {autocomplete: 'username', minlength: 3, maxlength: 30, autocapitalize: 'none'}),
      field('displayName', 'text', 'field.displayName', {maxlength: 64, autocomplete: 'nickname'}),
      field('birthDate', 'date', 'field.birthDate', {autocomplete: 'bday'}),
      field('password', 'password', 'field.password', {autocomplete: 'new-password', minlength: 10}),
      errors, el('button', {type: 'submit', class: 'primary wide', text: t('action.signup')}));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        const body = {username: form.username.value.trim(), displayName: form.displayName.value,
          birthDate: form.birthDate.value, password: form.password.value};
        await api('POST', 'accounts', body);
        const data = await api('POST', 'sessions', {username: body.username, password: body.password});
        signedIn(data.token);
      } catch (error) { showError(errors, error); }
    });
    root.append(shell(t('signup.title'), form, el('a', {href: '#/signin', class: 'switch', text: t('action.toSignin')})));
  },
};
