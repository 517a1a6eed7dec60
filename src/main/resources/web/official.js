// The official account's screen, for its team: community submissions, team, geofilters. Built
// once; an action updates its own list (a half-drawn geofilter survives approving a submission),
// and choosing another account refills the lists.
import {api} from './api.js';
import {formatDate, formatNumber, relativeTime, t} from './i18n.js';
import {el, errorBox, showError, toast} from './ui.js';
import {unreadBadge} from './teaminbox.js';

/// The public accounts the signed-in person may act for: their own (if public) and managed ones.
export async function actingAccounts() {
  const [me, managed] = await Promise.all([api('GET', 'me'), api('GET', 'me/managed')]);
  return [...(me.kind === 'public' ? [{username: me.username, displayName: me.displayName}] : []), ...managed];
}

/// The account chosen on one official screen stays chosen on the others (this tab only).
const ACTING = 'pastel.acting';

/// Remembers the account chosen on one official screen for the others.
export function remember(account) {
  sessionStorage.setItem(ACTING, account);
}

export function accountPicker(accounts, chosen, onChange) {
  return el('p', {}, el('label', {for: 'f-acting', text: t('insights.account')}),
    el('select', {id: 'f-acting', onchange: (event) => { remember(event.target.value); onChange(event.target.value); }},
      accounts.map((a) => el('option', {value: a.username, text: `${a.displayName} (@${a.username})`,
        selected: a.username === chosen}))));
}

export function chosenAccount(accounts) {
  const chosen = sessionStorage.getItem(ACTING);
  return accounts.some((a) => a.username === chosen) ? chosen : accounts[0].username;
}

export const name = 'official';
export const tab = 'profile';

let nodes = null;

const pathOf = (account) => `accounts/${encodeURIComponent(account)}`;

async function lists(account) {
  const path = pathOf(account);
  const [pending, team, geofilters, audit, chats] = await Promise.all([
    api('GET', `${path}/community/submissions?status=pending`), api('GET', `${path}/team`), api('GET', `${path}/geofilters`),
    api('GET', `${path}/audit`), api('GET', `chats?account=${encodeURIComponent(account)}`).catch(() => [])]);
  return {pending, team, geofilters, audit, unread: chats.reduce((sum, c) => sum + c.unread, 0)};
}

export async function load() {
  const accounts = await actingAccounts();
  if (!accounts.length) return {accounts};
  const account = chosenAccount(accounts);
  return {accounts, account, ...await lists(account)};
}

export function leave() {
  nodes = null;
}

/// A message to the account on screen: its inbox button counts it at once.
export function onEvent(event) {
  if (!nodes || event.type !== 'chat.message' || event.account !== nodes.account) return;
  nodes.unread += 1;
  nodes.inbox.replaceChildren(t('official.inbox'), unreadBadge(nodes.unread));
}

export function render(data, root) {
  if (!data.accounts.length) {
    root.append(el('section', {class: 'card'}, el('h1', {text: t('official.title')}), el('p', {text: t('insights.none')})));
    return;
  }
  nodes = {account: data.account, pending: el('div', {id: 'pending'}), team: el('ul', {class: 'list', id: 'team-list'}),
    geofilters: el('ul', {class: 'list', id: 'geofilter-list'}), audit: el('ul', {class: 'list audit', id: 'audit-list'}),
    inbox: el('a', {href: '#/official/inbox', id: 'to-team-inbox', class: 'button ghost small'})};
  root.append(el('div', {id: 'official'},
    el('section', {class: 'card'}, el('div', {class: 'row between'}, el('h1', {text: t('official.title')}), nodes.inbox),
      accountPicker(data.accounts, data.account, switchAccount)),
    communitySection(), teamSection(), geofilterSection()));
  fill(data);
}

function fill({pending, team, geofilters, audit, unread}) {
  nodes.unread = unread;
  nodes.inbox.replaceChildren(t('official.inbox'), unreadBadge(unread));
  fillPending(pending);
  fillTeam(team);
  fillGeofilters(geofilters);
  fillAudit(audit);
}

/// Who did what for the account, newest first: actions are stable codes (`story.post`) shown in
/// the user's language; an action this client does not know yet shows as its code.
function fillAudit(audit) {
  nodes.audit.replaceChildren(...(audit.length ? audit.slice(0, 20).map((entry) => el('li', {'data-audit': entry.action},
    el('span', {text: `@${entry.actor} ${t(`audit.${entry.action}`, {target: entry.target ? '@' + entry.target : ''})}`}),
    el('time', {class: 'tag', datetime: entry.at, title: formatDate(entry.at), text: relativeTime(entry.at)})))
    : [el('li', {class: 'empty', text: t('official.noActivity')})]));
}

/// Another account chosen: its lists replace the previous one's; the forms keep what is typed.
async function switchAccount(account) {
  if (!nodes) return;
  nodes.account = account;
  const fresh = await lists(account).catch(() => null);
  if (fresh && nodes?.account === account) fill(fresh);
}

function fillPending(pending) {
  nodes.pending.replaceChildren(pending.length ? el('ul', {class: 'list'}, pending.map(submissionRow))
    : el('p', {text: t('official.noSubmissions')}));
}

function submissionRow(s) {
  // The approved item is published by the account: the team writes (or fixes) its description here.
  const altId = `f-alt-${s.id}`;
  const alt = el('textarea', {id: altId, class: 'alt-edit', rows: 2, maxlength: 1500, text: s.alt || ''});
  const decide = (verdict) => async () => {
    nodes.communityErrors.textContent = '';
    const text = alt.value.trim();
    try {
      await api('POST', `${pathOf(nodes.account)}/community/submissions/${s.id}/${verdict}`,
        verdict === 'approve' && text ? {alt: text} : undefined);
      row.remove();
      if (!nodes.pending.querySelector('li')) fillPending([]);
    } catch (error) { showError(nodes.communityErrors, error); }
  };
  const row = el('li', {'data-submission': s.id},
    s.kind === 'video' ? el('video', {src: s.mediaUrl, class: 'thumb', muted: true, controls: true, 'aria-label': s.caption || s.kind})
      : el('img', {src: s.mediaUrl, class: 'thumb', alt: s.alt || s.caption || t('official.preview')}),
    el('div', {class: 'submission-body'},
      el('span', {text: `${s.anonymous ? t('official.anonymous') : t('official.submittedBy', {name: s.submitter})}${s.caption ? ' · ' + s.caption : ''}`}),
      el('label', {for: altId, class: 'small-label', text: t('official.altLabel')}), alt),
    el('span', {class: 'row'},
      el('button', {type: 'button', class: 'approve', text: t('official.approve'), onclick: decide('approve')}),
      el('button', {type: 'button', class: 'ghost reject', text: t('official.reject'), onclick: decide('reject')})));
  return row;
}

function communitySection() {
  nodes.communityErrors = errorBox();
  return el('section', {class: 'card', id: 'submissions', 'aria-labelledby': 'submissions-title'},
    el('h2', {id: 'submissions-title', text: t('official.community')}), nodes.communityErrors, nodes.pending);
}

function fillTeam(team) {
  nodes.team.replaceChildren(...team.map(memberRow));
}

function memberRow(m) {
  const row = el('li', {'data-member': m.username}, el('span', {text: `${m.displayName} (@${m.username}) · ${t(`role.${m.role}`)}`}));
  if (m.username !== nodes.account) {
    row.append(el('button', {type: 'button', class: 'ghost', text: t('official.revoke'),
      'aria-label': `${t('official.revoke')} ${m.username}`, onclick: async () => {
        try {
          await api('DELETE', `${pathOf(nodes.account)}/team/${encodeURIComponent(m.username)}`);
          row.remove();
        } catch (error) { showError(nodes.teamErrors, error); }
      }}));
  }
  return row;
}

function teamSection() {
  const errors = nodes.teamErrors = errorBox();
  const form = el('form', {class: 'row', id: 'grant'},
    el('label', {for: 'f-member', class: 'sr-only', text: t('official.grant')}),
    el('input', {id: 'f-member', name: 'member', placeholder: t('official.grant'), autocomplete: 'off', required: true}),
    el('button', {type: 'submit', text: t('action.add')}));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.textContent = '';
    const account = nodes.account;
    try {
      await api('PUT', `${pathOf(account)}/team/${encodeURIComponent(form.member.value.trim())}`, {role: 'manager'});
      const [team, audit] = await Promise.all([api('GET', `${pathOf(account)}/team`), api('GET', `${pathOf(account)}/audit`)]);
      form.member.value = '';
      if (nodes?.account === account) { fillTeam(team); fillAudit(audit); }
    } catch (error) { showError(errors, error); }
  });
  return el('section', {class: 'card', id: 'team', 'aria-labelledby': 'team-title'},
    el('h2', {id: 'team-title', text: t('official.team')}), nodes.team, form, errors,
    el('h3', {id: 'audit-title', text: t('official.activity')}), nodes.audit);
}

function fillGeofilters(geofilters) {
  nodes.geofilters.replaceChildren(...geofilters.map((g) => el('li', {'data-geofilter': g.id},
    el('img', {src: g.imageUrl, alt: '', class: 'thumb checker'}),
    el('span', {text: `${g.name} · ${t(`official.status.${g.status}`)} · ${t('official.uses', {n: formatNumber(g.uses)})}`}))));
}

/// "lat, lon" lines to a closed GeoJSON ring ([lon, lat] pairs).
function ringOf(text) {
  const points = text.split('\n').map((line) => line.trim()).filter(Boolean)
    .map((line) => line.split(/[,;\s]+/).filter(Boolean).map(Number)).filter((p) => p.length === 2 && p.every(Number.isFinite))
    .map(([lat, lon]) => [lon, lat]);
  if (points.length && (points[0][0] !== points.at(-1)[0] || points[0][1] !== points.at(-1)[1])) points.push(points[0]);
  return points;
}

const SVG = 'http://www.w3.org/2000/svg';

function svgNode(tag, attributes) {
  const node = document.createElementNS(SVG, tag);
  Object.entries(attributes).forEach(([key, value]) => node.setAttribute(key, value));
  return node;
}

/// A simple map of about 2 x 2 km around a centre (the first point, or the user's position):
/// a tap adds a point there; the area's polygon is drawn over a grid, so a typo in a typed
/// coordinate shows as a strange shape. No tiles: nothing is fetched from other servers.
function areaMap(area) {
  const SPAN = 0.01; // degrees of latitude from the centre to an edge, about 1.1 km
  let center = null;
  const svg = svgNode('svg', {viewBox: '0 0 100 100', class: 'shape', role: 'img', 'aria-label': t('official.mapHint')});
  const scale = () => Math.cos((center.lat * Math.PI) / 180);
  const toXY = ([lon, lat]) => [50 + ((lon - center.lon) * scale() / SPAN) * 50, 50 - ((lat - center.lat) / SPAN) * 50];
  // Typing recentres the map on the first point; taps and clearing leave the centre where it is.
  const redraw = (recentre = false) => {
    const ring = ringOf(area.value);
    if (ring.length && (recentre || !center)) center = {lon: ring[0][0], lat: ring[0][1]};
    svg.replaceChildren();
    for (let i = 10; i < 100; i += 10) {
      svg.append(svgNode('line', {x1: i, y1: 0, x2: i, y2: 100, class: 'grid'}), svgNode('line', {x1: 0, y1: i, x2: 100, y2: i, class: 'grid'}));
    }
    if (!center) return;
    svg.append(svgNode('path', {d: 'M47 50h6M50 47v6', class: 'centre'}));
    if (ring.length >= 4) svg.append(svgNode('polygon', {points: ring.map((p) => toXY(p).join(',')).join(' ')}));
    ring.slice(0, ring.length > 1 ? -1 : 1).forEach((p) => {
      const [cx, cy] = toXY(p);
      svg.append(svgNode('circle', {cx, cy, r: 1.5}));
    });
  };
  svg.addEventListener('click', (event) => {
    if (!center) return;
    const box = svg.getBoundingClientRect();
    const x = ((event.clientX - box.left) / box.width) * 100;
    const y = ((event.clientY - box.top) / box.height) * 100;
    const lat = center.lat + ((50 - y) / 50) * SPAN;
    const lon = center.lon + ((x - 50) / 50) * SPAN / scale();
    const open = area.value.split('\n').map((l) => l.trim()).filter(Boolean);
    area.value = [...open, `${lat.toFixed(5)}, ${lon.toFixed(5)}`].join('\n');
    redraw();
  });
  return {svg, redraw, centre: (lat, lon) => { center = {lat, lon}; redraw(); }};
}

function localInput(date) {
  const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return shifted.toISOString().slice(0, 16);
}

function geofilterSection() {
  const errors = errorBox();
  const now = new Date();
  const shape = el('div', {class: 'shape-box'});
  const clear = el('button', {type: 'button', class: 'ghost', id: 'clear-points', text: t('official.clearPoints')});
  const png = el('img', {class: 'png-preview', alt: t('official.preview'), hidden: true});
  const form = el('form', {id: 'geofilter-form'},
    el('h3', {text: t('official.newGeofilter')}),
    el('p', {}, el('label', {for: 'f-gname', text: t('official.geofilterName')}),
      el('input', {id: 'f-gname', name: 'name', required: true, maxlength: 80})),
    el('p', {}, el('label', {for: 'f-area', text: t('official.area')}),
      el('textarea', {id: 'f-area', name: 'area', rows: 5, required: true, placeholder: '43.6050, 1.4430\n43.6050, 1.4455\n43.6038, 1.4455\n43.6038, 1.4430'})),
    el('div', {class: 'row wrap'},
      el('button', {type: 'button', class: 'ghost', id: 'around', text: t('official.around')}), clear),
    el('p', {class: 'hint-dark', text: t('official.mapHint')}),
    shape,
    el('div', {class: 'row wrap'},
      el('p', {}, el('label', {for: 'f-starts', text: t('official.starts')}),
        el('input', {id: 'f-starts', name: 'startsAt', type: 'datetime-local', required: true, value: localInput(now)})),
      el('p', {}, el('label', {for: 'f-ends', text: t('official.ends')}),
        el('input', {id: 'f-ends', name: 'endsAt', type: 'datetime-local', required: true,
          value: localInput(new Date(now.getTime() + 7 * 86400000))}))),
    el('p', {}, el('label', {for: 'f-png', text: t('official.png')}),
      el('input', {id: 'f-png', name: 'png', type: 'file', accept: 'image/png', required: true})),
    png, errors,
    el('button', {type: 'submit', text: t('official.create')}));
  const map = areaMap(form.area);
  shape.append(map.svg);
  const redraw = map.redraw;
  form.area.addEventListener('input', () => redraw(true));
  clear.addEventListener('click', () => { form.area.value = ''; redraw(); });
  form.querySelector('#around').addEventListener('click', () => navigator.geolocation?.getCurrentPosition((position) => {
    const {latitude: lat, longitude: lon} = position.coords;
    const d = 0.002; // about 200 m
    form.area.value = [[lat + d, lon - d], [lat + d, lon + d], [lat - d, lon + d], [lat - d, lon - d]]
      .map(([a, b]) => `${a.toFixed(5)}, ${b.toFixed(5)}`).join('\n');
    map.centre(lat, lon);
  }));
  form.png.addEventListener('change', () => {
    const file = form.png.files[0];
    png.hidden = !file;
    if (file) png.src = URL.createObjectURL(file);
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.textContent = '';
    try {
      const account = nodes.account;
      const media = await api('POST', 'media', undefined, form.png.files[0]);
      await api('POST', `${pathOf(account)}/geofilters`, {mediaId: media.id, name: form.name.value,
        area: {type: 'Polygon', coordinates: [ringOf(form.area.value)]},
        startsAt: new Date(form.startsAt.value).toISOString(), endsAt: new Date(form.endsAt.value).toISOString()});
      toast(t('official.created'));
      const geofilters = await api('GET', `${pathOf(account)}/geofilters`);
      if (nodes?.account === account) fillGeofilters(geofilters);
      // Ready for the next one: the form as it first showed.
      form.reset();
      png.hidden = true;
      png.removeAttribute('src');
      redraw();
    } catch (error) { showError(errors, error); }
  });
  redraw();
  return el('section', {class: 'card', id: 'geofilters-admin', 'aria-labelledby': 'geofilters-title'},
    el('h2', {id: 'geofilters-title', text: t('official.geofilters')}), nodes.geofilters, form);
}
