// The insights of an official account, for its owner and team, as a community manager reads them
// for a mayor's report: a period (1, 7, 28, 90 days or a custom number up to 90), the overview,
// views and subscribers per day (SVG bars, with the numbers as a table for screen readers), every
// story with its picture and numbers, the audience (small groups "hidden", and why), where new
// subscribers came from, and one CSV file per table. Changing the account or the period redraws
// the dashboard only; the picker and the period keep their focus.
import {api, session} from './api.js';
import {formatNumber, lang, plural, t} from './i18n.js';
import {el, describe} from './ui.js';
import {accountPicker, actingAccounts, chosenAccount} from './official.js';

export const name = 'insights';
export const tab = 'profile';

const PERIODS = [1, 7, 28, 90];
const PERIOD_KEY = 'pastel.insights.days';
const TABLES = ['summary', 'stories', 'daily', 'audience', 'sources'];
const SOURCES = ['qr', 'discover', 'page', 'share', 'other'];

let nodes = null;

function chosenDays() {
  const days = Number(sessionStorage.getItem(PERIOD_KEY));
  return Number.isInteger(days) && days >= 1 && days <= 90 ? days : 28;
}

async function numbers(account, days) {
  const path = `accounts/${encodeURIComponent(account)}/insights`;
  const [summary, daily, items, sources] = await Promise.all([
    api('GET', `${path}/summary?days=${days}`), api('GET', `${path}/daily?days=${days}`),
    api('GET', `${path}/stories?days=${days}`), api('GET', `${path}/sources?days=${days}`)]);
  return {account, days, summary, daily, items, sources};
}

export async function load() {
  const accounts = await actingAccounts();
  if (!accounts.length) return {accounts};
  return {accounts, ...await numbers(chosenAccount(accounts), chosenDays())};
}

export function leave() {
  nodes = null;
}

// Formats in the user's language (Intl), for numbers the API gives raw.
const percent = (rate) => rate == null ? '–'
  : new Intl.NumberFormat(lang(), {style: 'percent', maximumFractionDigits: 0}).format(rate);
const seconds = (ms) => ms == null ? '–'
  : new Intl.NumberFormat(lang(), {style: 'unit', unit: 'second', unitDisplay: 'short', maximumFractionDigits: 1}).format(ms / 1000);
// "lun. 23 nov., 14:05", "Mon, Nov 23, 2:05 PM".
const dateTime = (iso) => new Intl.DateTimeFormat(lang(), {weekday: 'short', day: 'numeric', month: 'short',
  hour: lang() === 'fr' ? '2-digit' : 'numeric', minute: '2-digit'}).format(new Date(iso));
// Days of the API are UTC calendar dates: shown as such, whatever the reader's time zone.
const utcDate = (day) => new Date(`${day}T00:00:00Z`);
const shortDay = (day) => new Intl.DateTimeFormat(lang(), {day: 'numeric', month: 'short', timeZone: 'UTC'}).format(utcDate(day));
const longDay = (day) => new Intl.DateTimeFormat(lang(), {weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC'})
  .format(utcDate(day));
const range = (daily) => daily.length === 1
  ? new Intl.DateTimeFormat(lang(), {dateStyle: 'long', timeZone: 'UTC'}).format(utcDate(daily[0].date))
  : new Intl.DateTimeFormat(lang(), {dateStyle: 'medium', timeZone: 'UTC'})
    .formatRange(utcDate(daily[0].date), utcDate(daily[daily.length - 1].date));
const people = (value) => value === 'suppressed' ? null : value;

export function render(data, root) {
  if (!data.accounts.length) {
    root.append(el('section', {class: 'card'}, el('h1', {text: t('insights.title')}), el('p', {text: t('insights.none')})));
    return;
  }
  nodes = {account: data.account, days: data.days, dashboard: el('div', {class: 'dashboard', id: 'dashboard'}),
    range: el('p', {class: 'range', id: 'range', 'aria-live': 'polite'})};
  const section = el('section', {id: 'insights', class: 'insights'},
    el('header', {class: 'insights-head'}, el('h1', {text: t('insights.title')}),
      accountPicker(data.accounts, data.account, (account) => { nodes.account = account; refresh(); })),
    periodPicker(data.days), nodes.range, nodes.dashboard);
  root.append(section);
  show(data);
}

/// The period as a row of chips (a radio group: arrow keys move between them), the last one
/// opening a number field for any period from 1 to 90 days.
function periodPicker(days) {
  const custom = !PERIODS.includes(days);
  const field = el('input', {type: 'number', id: 'f-days', name: 'days', min: 1, max: 90, step: 1, inputmode: 'numeric',
    value: days, required: true, 'aria-describedby': 'days-hint'});
  const form = el('form', {class: 'custom-days', id: 'custom-days', hidden: !custom, novalidate: true},
    el('label', {for: 'f-days', text: t('insights.customDays')}), field,
    el('button', {type: 'submit', class: 'small', text: t('insights.apply')}),
    el('small', {id: 'days-hint', class: 'hint-text', text: t('insights.customHint')}));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = Number(field.value);
    if (!Number.isInteger(value) || value < 1 || value > 90) {
      field.setAttribute('aria-invalid', 'true');
      field.focus();
      return;
    }
    field.removeAttribute('aria-invalid');
    choose(value);
  });
  const chips = [...PERIODS.map((n) => [String(n), plural('insights.lastDays', n)]), ['custom', t('insights.custom')]]
    .map(([value, label]) => el('label', {class: 'chip'},
      el('input', {type: 'radio', name: 'period', value, id: `period-${value}`,
        checked: value === 'custom' ? custom : Number(value) === days,
        onchange: () => {
          form.hidden = value !== 'custom';
          if (value === 'custom') field.focus(); else choose(Number(value));
        }}),
      el('span', {text: label})));
  return el('fieldset', {class: 'period', id: 'period'}, el('legend', {class: 'visually-hidden', text: t('insights.period')}),
    el('div', {class: 'chips'}, chips), form);
}

function choose(days) {
  sessionStorage.setItem(PERIOD_KEY, String(days));
  nodes.days = days;
  refresh();
}

async function refresh() {
  const {account, days} = nodes;
  nodes.dashboard.setAttribute('aria-busy', 'true');
  try {
    const fresh = await numbers(account, days);
    if (nodes?.account === account && nodes.days === days) show(fresh);
  } catch (error) {
    if (nodes) nodes.dashboard.replaceChildren(el('p', {class: 'error', role: 'alert', text: describe(error)}));
  } finally {
    nodes?.dashboard.removeAttribute('aria-busy');
  }
}

function show(data) {
  nodes.range.textContent = t('insights.range', {range: range(data.daily)});
  nodes.dashboard.replaceChildren(overview(data.summary), perDay(data.daily), stories(data.items),
    audience(data.summary.audience), sources(data.sources), downloads(data.account, data.days));
}

function section(id, title, ...children) {
  return el('section', {class: 'card insights-part', 'aria-labelledby': `${id}-title`, id: `${id}-part`},
    el('h2', {id: `${id}-title`, text: title}), ...children);
}

function overview(summary) {
  const tile = (id, label, value, sub) => el('li', {class: 'tile'},
    el('span', {class: 'tile-label', id: `${id}-label`, text: label}),
    el('strong', {class: 'tile-value', id, text: value}), sub || '');
  return section('overview', t('insights.overview'), el('ul', {class: 'tiles', id: 'overview'},
    tile('subscribers', t('insights.subscribers'), formatNumber(summary.subscribers),
      el('span', {class: 'tile-sub'},
        el('span', {class: 'up', id: 'subscribers-gained', text: `+${formatNumber(summary.subscribersGained)}`}), ' ',
        el('span', {class: 'down', id: 'subscribers-lost', text: `−${formatNumber(summary.subscribersLost)}`}),
        el('span', {class: 'visually-hidden', text: ` ${t('insights.gainedLost')}`}))),
    tile('views', t('insights.views'), formatNumber(summary.views)),
    tile('unique', t('insights.unique'), formatNumber(summary.uniqueViewers)),
    tile('avg-watch', t('insights.avgWatch'), seconds(summary.avgWatchMs)),
    tile('completion', t('insights.completion'), percent(summary.completionRate)),
    tile('push-followers', t('insights.pushFollowers'), formatNumber(summary.pushFollowers))));
}

const SVG = 'http://www.w3.org/2000/svg';
function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  children.forEach((child) => node.append(child));
  return node;
}

/// A bar chart drawn by us in SVG: one slot per day, bars up (and, for `down`, below a middle
/// line). Dates and the scale are HTML under and beside it, so they never stretch with it.
function chart(id, label, daily, up, down) {
  const width = 300;
  const height = 100;
  const slot = width / daily.length;
  const bar = Math.min(slot * 0.72, 40);
  const peak = Math.max(0, ...daily.map((d) => Math.max(up.value(d), down ? down.value(d) : 0)));
  const most = Math.max(1, peak);
  const base = down ? height / 2 : height;
  const scale = (down ? height / 2 - 2 : height - 2) / most;
  const shapes = [svg('line', {x1: 0, x2: width, y1: base, y2: base, class: 'axis'})];
  daily.forEach((d, i) => {
    const x = i * slot + (slot - bar) / 2;
    const title = t('insights.dayValue', {day: longDay(d.date), value: up.describe(d)});
    const u = up.value(d) * scale;
    shapes.push(svg('rect', {x, y: base - u, width: bar, height: Math.max(u, up.value(d) ? 1 : 0), class: `bar ${up.className}`},
      svg('title', {}, document.createTextNode(title))));
    if (down) {
      const v = down.value(d) * scale;
      shapes.push(svg('rect', {x, y: base, width: bar, height: Math.max(v, down.value(d) ? 1 : 0), class: `bar ${down.className}`},
        svg('title', {}, document.createTextNode(t('insights.dayValue', {day: longDay(d.date), value: down.describe(d)})))));
    }
  });
  const picture = svg('svg', {viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: 'none', class: 'bars-svg',
    'aria-hidden': 'true', focusable: 'false'}, ...shapes);
  const ticks = daily.length === 1 ? [daily[0]] : [daily[0], daily[Math.floor((daily.length - 1) / 2)], daily[daily.length - 1]];
  return el('figure', {class: 'chart-box', id, role: 'img', 'aria-label': label},
    el('div', {class: 'chart-scale', 'aria-hidden': 'true'}, el('span', {text: formatNumber(peak)}),
      el('span', {text: down && peak ? `−${formatNumber(peak)}` : '0'})),
    el('div', {class: 'chart-plot'}, picture, peak ? '' : el('p', {class: 'chart-empty', 'aria-hidden': 'true', text: t('insights.nothing')}),
      el('div', {class: `chart-dates n${ticks.length}`, 'aria-hidden': 'true'}, ticks.map((d) => el('span', {text: shortDay(d.date)})))));
}

function perDay(daily) {
  const views = daily.reduce((sum, d) => sum + d.views, 0);
  const gained = daily.reduce((sum, d) => sum + d.subscribersGained, 0);
  const lost = daily.reduce((sum, d) => sum + d.subscribersLost, 0);
  const peak = daily.reduce((best, d) => (d.views > best.views ? d : best), daily[0]);
  const viewsLabel = `${t('insights.perDay')}. ${t('insights.chartViews', {total: formatNumber(views),
    peak: formatNumber(peak.views), day: longDay(peak.date)})}`;
  const subsLabel = `${t('insights.subscribersPerDay')}. ${t('insights.chartSubscribers', {gained: formatNumber(gained),
    lost: formatNumber(lost)})}`;
  const table = el('table', {id: 'daily', class: 'numbers-table'},
    el('caption', {class: 'visually-hidden', text: t('insights.perDay')}),
    el('thead', {}, el('tr', {}, [t('insights.day'), t('insights.views'), t('insights.unique'), t('insights.gained'),
      t('insights.lost')].map((h) => el('th', {scope: 'col', text: h})))),
    el('tbody', {}, daily.map((d) => el('tr', {'data-date': d.date},
      el('th', {scope: 'row', text: longDay(d.date)}), el('td', {'data-metric': 'views', text: formatNumber(d.views)}),
      el('td', {'data-metric': 'unique', text: formatNumber(d.uniqueViewers)}),
      el('td', {'data-metric': 'gained', text: formatNumber(d.subscribersGained)}),
      el('td', {'data-metric': 'lost', text: formatNumber(d.subscribersLost)})))));
  return section('per-day', t('insights.daily'),
    el('h3', {text: t('insights.perDay')}),
    chart('views-chart', viewsLabel, daily, {value: (d) => d.views, className: 'views',
      describe: (d) => plural('insights.viewCount', d.views)}),
    el('h3', {text: t('insights.subscribersPerDay')}),
    chart('subscribers-chart', subsLabel, daily,
      {value: (d) => d.subscribersGained, className: 'gained', describe: (d) => `+${formatNumber(d.subscribersGained)}`},
      {value: (d) => d.subscribersLost, className: 'lost', describe: (d) => `−${formatNumber(d.subscribersLost)}`}),
    el('p', {class: 'legend', 'aria-hidden': 'true'}, el('span', {class: 'key gained'}), ` ${t('insights.gained')} `,
      el('span', {class: 'key lost'}), ` ${t('insights.lost')}`),
    el('details', {class: 'as-table'}, el('summary', {text: t('insights.showTable')}), table));
}

function stories(items) {
  const metric = (key, label, value) => el('div', {class: 'metric'}, el('dt', {text: label}),
    el('dd', {'data-metric': key, text: value}));
  const list = el('ul', {class: 'item-list', id: 'items'}, [...items].reverse().map((item) => {
    const picture = item.thumbnailUrl
      ? el('span', {class: 'item-thumb'}, el('img', {src: item.thumbnailUrl, alt: '', loading: 'lazy'}),
        item.kind === 'video' ? el('span', {class: 'kind', text: t('insights.video')}) : '')
      : el('span', {class: 'item-thumb placeholder', text: t('insights.expired')});
    return el('li', {class: 'item-card', 'data-item': item.id}, picture,
      el('div', {class: 'item-main'},
        el('time', {datetime: item.postedAt, text: dateTime(item.postedAt)}),
        el('p', {class: 'item-caption', text: item.caption || (item.thumbnailUrl ? t('insights.noCaption') : t('insights.deleted'))}),
        el('dl', {class: 'metrics'},
          metric('views', t('insights.views'), formatNumber(item.views)),
          metric('unique', t('insights.short.unique'), formatNumber(item.uniqueViewers)),
          metric('avg-watch', t('insights.short.avgWatch'), seconds(item.avgWatchMs)),
          metric('completion', t('insights.short.completion'), percent(item.completionRate)),
          metric('screenshots', t('insights.screenshots'), formatNumber(item.screenshots)),
          metric('replies', t('insights.replies'), formatNumber(item.replies)))));
  }));
  return section('stories', `${t('insights.items')} · ${formatNumber(items.length)}`,
    items.length ? list : el('p', {class: 'empty', id: 'items', text: t('insights.noItems')}));
}

/// Rows of people per group, a bar each; a group under the threshold says so instead of a number.
function groups(id, rows, threshold) {
  const most = Math.max(1, ...rows.map(([, , value]) => people(value) ?? 0));
  return el('ul', {class: 'group-bars', id}, rows.map(([key, label, value]) => {
    const n = people(value);
    const fill = el('span', {class: 'fill'});
    fill.style.width = n == null ? '0' : `${Math.round((n / most) * 100)}%`;
    return el('li', {'data-group': key, class: n == null ? 'suppressed' : ''},
      el('span', {class: 'group-name', text: label}), el('span', {class: 'track', 'aria-hidden': 'true'}, fill),
      el('span', {class: 'group-value', text: n == null ? t('insights.hidden', {n: formatNumber(threshold)}) : formatNumber(n)}));
  }));
}

function audience(audience) {
  const threshold = audience.threshold ?? 10;
  const bands = Object.entries(audience.ageBands);
  const share = audience.subscriberShare;
  const anyHidden = [...bands.map(([, v]) => v), share.subscribers, share.others].includes('suppressed');
  const subscribers = people(share.subscribers);
  const others = people(share.others);
  return section('audience', t('insights.audience'),
    el('h3', {text: t('insights.ages')}),
    groups('ages', bands.map(([band, value]) => [band, t('insights.band', {band}), value]), threshold),
    el('h3', {text: t('insights.share')}),
    groups('share', [['subscribers', t('insights.shareSubscribers'), share.subscribers],
      ['others', t('insights.shareOthers'), share.others]], threshold),
    subscribers != null && others != null && subscribers + others > 0
      ? el('p', {class: 'note', id: 'share-rate', text: t('insights.shareRate', {rate: percent(subscribers / (subscribers + others))})}) : '',
    anyHidden ? el('p', {class: 'note', id: 'suppressed-note', text: t('insights.suppressedWhy', {n: formatNumber(threshold), max: formatNumber(threshold - 1)})}) : '');
}

function sources(list) {
  const total = list.reduce((sum, s) => sum + s.subscriptions, 0);
  const sorted = [...list].sort((a, b) => SOURCES.indexOf(a.source) - SOURCES.indexOf(b.source) || b.subscriptions - a.subscriptions);
  const label = (s) => s.source === 'qr' && s.campaign ? t('insights.source.qrCampaign', {campaign: s.campaign})
    : t(`insights.source.${SOURCES.includes(s.source) ? s.source : 'other'}`);
  const most = Math.max(1, ...list.map((s) => s.subscriptions));
  const rows = sorted.map((s) => {
    const fill = el('span', {class: 'fill'});
    fill.style.width = `${Math.round((s.subscriptions / most) * 100)}%`;
    return el('li', {'data-source': s.source, 'data-campaign': s.campaign || ''}, el('span', {class: 'group-name', text: label(s)}),
      el('span', {class: 'track', 'aria-hidden': 'true'}, fill),
      el('span', {class: 'group-value', text: formatNumber(s.subscriptions)}));
  });
  return section('sources', t('insights.sources'),
    el('p', {class: 'note intro', text: t('insights.sourcesWhy')}),
    total ? el('ul', {class: 'group-bars', id: 'sources'}, rows) : el('p', {class: 'empty', id: 'sources', text: t('insights.noSources')}));
}

/// One download per table: the server names the file (account, table, dates).
function downloads(account, days) {
  const status = el('p', {class: 'note', role: 'status'});
  const buttons = TABLES.map((table) => el('button', {type: 'button', class: 'ghost small', id: `csv-${table}`,
    'aria-label': t('insights.download', {table: t(`insights.table.${table}`)}),
    onclick: async () => {
      try {
        const response = await fetch(`/api/v1/accounts/${encodeURIComponent(account)}/insights/export.csv?days=${days}&table=${table}`,
          {headers: {Authorization: `Bearer ${session.token}`}});
        if (!response.ok) throw new Error(String(response.status));
        const named = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') || '');
        const url = URL.createObjectURL(await response.blob());
        const link = el('a', {href: url, download: named ? named[1] : `${account}-${table}.csv`});
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 1000);
        status.textContent = t('insights.downloaded', {file: named ? named[1] : table});
      } catch {
        status.textContent = t('error.generic');
      }
    }}, el('span', {'aria-hidden': 'true', text: '↓'}), t(`insights.table.${table}`)));
  return section('downloads', t('insights.csvTitle'), el('p', {class: 'note intro', text: t('insights.csvWhy')}),
    el('div', {class: 'row wrap downloads'}, buttons), status);
}
