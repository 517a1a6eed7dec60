// Small DOM helpers shared by the screens, and API errors told in the user's language.
import {ApiError} from './api.js';
import {t, translateProblem} from './i18n.js';

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (value !== false && value !== undefined) node.setAttribute(key, value === true ? '' : value);
  }
  children.flat().forEach((child) => node.append(child));
  return node;
}

export function toast(message) {
  const box = document.getElementById('toast');
  box.textContent = message;
  box.classList.add('shown');
  setTimeout(() => box.classList.remove('shown'), 2500);
}

export function field(name, type, labelKey, extra = {}) {
  const id = `f-${name}`;
  return el('p', {}, el('label', {for: id, text: t(labelKey)}), el('input', {id, name, type, required: true, ...extra}));
}

export function errorBox() {
  return el('p', {class: 'error', role: 'alert', 'aria-live': 'assertive'});
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
