// The instance admins' screen: the report queue (with what was reported while it exists), the
// geofilters waiting for approval (the overlay on a checkerboard, the area on a small map), and
// the verified badge of public accounts. Only admins see its entry; for anyone else every admin
// route answers 404, so the screen shows "Not found". Built once; a decision removes its own row.
import {api} from './api.js';
import {formatDate, formatDateRange, formatNumber, lang, plural, relativeTime, t} from './i18n.js';
import {ICONS, avatar, describe, el, icon, loadAvatars, toast} from './ui.js';

export const name = 'admin';
export const tab = 'profile';

let nodes = null;

export async function load() {
  const [reports, geofilters, accounts] = await Promise.all([api('GET', 'admin/reports'), api('GET', 'admin/geofilters'),
    api('GET', 'discover?q=&limit=20')]);
  await loadAvatars([...reports.map((r) => r.account?.username), ...reports.map((r) => r.reporter), ...accounts.map((a) => a.username)]);
  return {reports, geofilters, accounts};
}

export function leave() {
  nodes = null;
}

const PANELS = ['reports', 'geofilters', 'verify'];

export function render(data, root) {
  nodes = {errors: el('p', {class: 'error', role: 'alert', id: 'admin-errors'}), tabs: {}, panels: {},
    reports: el('ul', {class: 'list admin-list', id: 'report-list'}),
    geofilters: el('ul', {class: 'list admin-list', id: 'pending-geofilters'}),
    accounts: el('ul', {class: 'list', id: 'verify-list'})};
  const tablist = el('div', {class: 'segmented', role: 'tablist', 'aria-label': t('admin.title')});
  for (const panel of PANELS) {
    const tabButton = el('button', {type: 'button', role: 'tab', id: `tab-${panel}`, 'aria-controls': `panel-${panel}`,
      onclick: () => show(panel)});
    tabButton.addEventListener('keydown', (event) => {
      const step = {ArrowRight: 1, ArrowLeft: -1}[event.key];
      if (!step) return;
      const next = PANELS[(PANELS.indexOf(panel) + step + PANELS.length) % PANELS.length];
      show(next);
      nodes.tabs[next].focus();
    });
    nodes.tabs[panel] = tabButton;
    tablist.append(tabButton);
  }
  nodes.panels.reports = el('section', {role: 'tabpanel', id: 'panel-reports', 'aria-labelledby': 'tab-reports'},
    reportFilter(), nodes.reports);
  nodes.panels.geofilters = el('section', {role: 'tabpanel', id: 'panel-geofilters', 'aria-labelledby': 'tab-geofilters'},
    el('p', {class: 'hint-dark', text: t('admin.geofiltersHint')}), nodes.geofilters);
  nodes.panels.verify = el('section', {role: 'tabpanel', id: 'panel-verify', 'aria-labelledby': 'tab-verify'}, verifySearch(),
    nodes.accounts);
  root.append(el('header', {class: 'screen-head'},
    el('a', {href: '#/profile', class: 'round ghost', 'aria-label': t('action.back')}, icon(ICONS.back)),
    el('h1', {text: t('admin.title')})), tablist, nodes.errors, ...PANELS.map((p) => nodes.panels[p]));
  nodes.counts = {reports: data.reports.length, geofilters: data.geofilters.length};
  fillReports(data.reports, 'open');
  fillGeofilters(data.geofilters);
  fillAccounts(data.accounts);
  labelTabs();
  show(sessionStorage.getItem('pastel.adminPanel') || 'reports');
}

function show(panel) {
  if (!PANELS.includes(panel)) panel = 'reports';
  sessionStorage.setItem('pastel.adminPanel', panel);
  for (const p of PANELS) {
    const selected = p === panel;
    nodes.tabs[p].setAttribute('aria-selected', String(selected));
    nodes.tabs[p].tabIndex = selected ? 0 : -1;
    nodes.panels[p].hidden = !selected;
  }
}

/// The tabs say how much waits: "Reports (3)".
function labelTabs() {
  const count = (n) => (n ? el('span', {class: 'count', text: formatNumber(n)}) : '');
  nodes.tabs.reports.replaceChildren(t('admin.reports'), count(nodes.counts.reports));
  nodes.tabs.geofilters.replaceChildren(t('admin.geofilters'), count(nodes.counts.geofilters));
  nodes.tabs.verify.replaceChildren(t('admin.verify'));
}

function done(kind, delta) {
  nodes.counts[kind] = Math.max(0, nodes.counts[kind] + delta);
  labelTabs();
}

// Reports

function reportFilter() {
  const select = el('select', {id: 'f-report-status', onchange: async () => {
    nodes.errors.textContent = '';
    try {
      const status = select.value;
      const reports = await api('GET', `admin/reports?status=${status}`);
      await loadAvatars([...reports.map((r) => r.account?.username), ...reports.map((r) => r.reporter)]);
      if (nodes && select.value === status) fillReports(reports, status);
    } catch (error) { nodes.errors.textContent = describe(error); }
  }}, ['open', 'resolved', 'dismissed'].map((s) => el('option', {value: s, text: t(`admin.status.${s}`)})));
  return el('p', {class: 'field inline'}, el('label', {for: 'f-report-status', text: t('admin.show')}), select);
}

function fillReports(reports, status) {
  nodes.reports.replaceChildren(...(reports.length ? reports.map(reportRow)
    : [el('li', {class: 'empty', text: t(status === 'open' ? 'admin.noReports' : 'admin.noneDecided')})]));
}

function subjectKind(r) {
  if (r.storyId) return 'story';
  if (r.snapId) return 'snap';
  return 'account';
}

function reportRow(r) {
  const kind = subjectKind(r);
  const title = `report-${r.id}`;
  const row = el('li', {class: 'report card-row', 'data-report': r.id},
    el('div', {class: 'report-head'},
      el('h2', {id: title, class: 'report-title', text: t(`admin.reported.${kind}`)}),
      el('time', {datetime: r.createdAt, title: formatDate(r.createdAt), text: relativeTime(r.createdAt)})),
    el('p', {class: 'reporter', text: r.reporter ? t('admin.by', {name: '@' + r.reporter}) : t('admin.byDeleted')}),
    el('blockquote', {class: 'reason', text: r.reason}),
    context(r, kind));
  if (r.status === 'open') {
    const decide = (verdict) => async (event) => {
      event.target.disabled = true;
      nodes.errors.textContent = '';
      try {
        await api('POST', `admin/reports/${r.id}/${verdict}`);
        toast(t(`admin.${verdict}d`));
        removeRow(row, 'reports', 'admin.noReports');
      } catch (error) {
        event.target.disabled = false;
        nodes.errors.textContent = describe(error);
      }
    };
    row.append(el('div', {class: 'row decide'},
      el('button', {type: 'button', class: 'primary small', 'data-resolve': r.id, text: t('admin.resolve'), onclick: decide('resolve')}),
      el('button', {type: 'button', class: 'ghost small', 'data-dismiss': r.id, text: t('admin.dismiss'), onclick: decide('dismiss')})));
  } else {
    row.append(el('p', {class: 'decided', text: t(`admin.decided.${r.status}`, {
      name: r.decidedBy ? '@' + r.decidedBy : t('admin.commandLine'), date: formatDate(r.decidedAt)})}));
  }
  return row;
}

/// What was reported, while it exists: the account's profile summary, the story item's thumbnail
/// and words, a snap's sender and time only (its content is private, never shown to admins).
function context(r, kind) {
  const box = el('div', {class: 'context'});
  if (kind === 'story') {
    const s = r.story;
    if (!s) return box.append(el('p', {class: 'gone', text: t('admin.storyGone')})), box;
    box.append(el('div', {class: 'story-context'},
      el('img', {src: s.thumbUrl, class: 'report-thumb', alt: s.alt || t('admin.noAlt')}),
      el('dl', {class: 'facts'},
        el('dt', {text: t('admin.postedBy')}), el('dd', {text: '@' + s.account}),
        el('dt', {text: t('admin.posted')}), el('dd', {text: formatDate(s.postedAt)}),
        el('dt', {text: t('camera.caption')}), el('dd', {text: s.caption || '—'}),
        el('dt', {text: t('admin.alt')}), el('dd', {text: s.alt || t('admin.noAlt')}))));
    return box;
  }
  if (kind === 'snap') {
    box.append(r.snap
      ? el('p', {text: t('admin.snapFrom', {name: '@' + r.snap.from, date: formatDate(r.snap.sentAt)})})
      : el('p', {class: 'gone', text: t('admin.snapGone')}),
    el('p', {class: 'hint-dark', text: t('admin.snapPrivate')}));
    return box;
  }
  const a = r.account;
  if (!a) return box.append(el('p', {class: 'gone', text: t('admin.accountGone')})), box;
  const details = [a.kind === 'public' ? t(`category.${a.category}`) : t('admin.personal'), a.city,
    t('admin.memberSince', {date: formatDate(a.createdAt, {dateStyle: 'medium'})})].filter(Boolean).join(' · ');
  box.append(el('div', {class: 'row'}, avatar(a.username),
    el('span', {class: 'who'}, el('b', {}, a.displayName, a.verified ? el('span', {class: 'verified', text: ' ✔',
      'aria-label': t('discover.verified')}) : ''), el('small', {text: `@${a.username} · ${details}`}))));
  return box;
}

function removeRow(row, kind, emptyKey) {
  const list = row.parentElement;
  row.remove();
  done(kind, -1);
  if (list && !list.children.length) list.append(el('li', {class: 'empty', text: t(emptyKey)}));
}

// Geofilters

function fillGeofilters(geofilters) {
  nodes.geofilters.replaceChildren(...(geofilters.length ? geofilters.map(geofilterRow)
    : [el('li', {class: 'empty', text: t('admin.noGeofilters')})]));
}

function geofilterRow(g) {
  const title = `geofilter-${g.id}`;
  const row = el('li', {class: 'geofilter card-row', 'data-pending': g.id},
    el('div', {class: 'report-head'}, el('h2', {id: title, class: 'report-title', text: g.name}),
      el('span', {class: 'tag', text: '@' + g.account})),
    el('p', {class: 'window', text: t('admin.window', {range: formatDateRange(g.startsAt, g.endsAt)})}),
    el('div', {class: 'geo-preview'},
      el('figure', {}, el('img', {src: g.imageUrl, class: 'overlay-preview checker', alt: t('admin.overlayOf', {name: g.name})}),
        el('figcaption', {text: t('admin.overlay')})),
      el('figure', {}, areaMap(g), el('figcaption', {text: t('admin.area')}))),
    points(g));
  const decide = (verdict, message) => async (event) => {
    event.target.disabled = true;
    nodes.errors.textContent = '';
    try {
      await api('POST', `admin/geofilters/${g.id}/${verdict}`);
      toast(t(message, {name: g.name}));
      removeRow(row, 'geofilters', 'admin.noGeofilters');
    } catch (error) {
      event.target.disabled = false;
      nodes.errors.textContent = describe(error);
    }
  };
  row.append(el('div', {class: 'row decide'},
    el('button', {type: 'button', class: 'primary small', 'data-approve': g.id, text: t('official.approve'),
      'aria-label': `${t('official.approve')} ${g.name}`, onclick: decide('approve', 'admin.approved')}),
    el('button', {type: 'button', class: 'ghost small', 'data-reject': g.id, text: t('official.reject'),
      'aria-label': `${t('official.reject')} ${g.name}`, onclick: decide('reject', 'admin.rejected')})));
  return row;
}

const SVG = 'http://www.w3.org/2000/svg';

function svgNode(tag, attributes, text) {
  const node = document.createElementNS(SVG, tag);
  Object.entries(attributes).forEach(([key, value]) => node.setAttribute(key, value));
  if (text !== undefined) node.textContent = text;
  return node;
}

function rings(g) {
  return (g.area?.coordinates || []).filter((ring) => Array.isArray(ring) && ring.length);
}

/// A step of about a quarter of the span among 1, 2, 5 x 10^n degrees, for the graticule.
function niceStep(span) {
  const rough = span / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough);
}

/// The polygon (and its holes) over a latitude/longitude graticule, with its points numbered as
/// in the list below it. Plain SVG, no tiles: nothing is fetched from another server.
function areaMap(g) {
  const all = rings(g).flat();
  const size = 220;
  const margin = 24;
  const svg = svgNode('svg', {viewBox: `0 0 ${size} ${size}`, class: 'area-map', role: 'img',
    'aria-label': t('admin.mapLabel', {n: formatNumber(Math.max(0, (rings(g)[0]?.length || 1) - 1))})});
  if (!all.length) return svg;
  const lons = all.map((p) => p[0]);
  const lats = all.map((p) => p[1]);
  const midLat = (Math.min(...lats) + Math.max(...lats)) / 2;
  const k = Math.cos((midLat * Math.PI) / 180) || 1; // a degree of longitude is shorter away from the equator
  const spanX = (Math.max(...lons) - Math.min(...lons)) * k;
  const spanY = Math.max(...lats) - Math.min(...lats);
  const span = Math.max(spanX, spanY, 1e-5) * 1.6;
  const cx = (Math.min(...lons) + Math.max(...lons)) / 2;
  const cy = midLat;
  const inner = size - 2 * margin;
  const x = (lon) => margin + inner / 2 + ((lon - cx) * k / span) * inner;
  const y = (lat) => margin + inner / 2 - ((lat - cy) / span) * inner;
  const lonOf = (px) => cx + ((px - margin - inner / 2) / inner) * span / k;
  const latOf = (py) => cy - ((py - margin - inner / 2) / inner) * span;
  svg.append(svgNode('rect', {x: margin, y: margin, width: inner, height: inner, class: 'map-bg'}));
  const digits = (step) => Math.max(0, -Math.floor(Math.log10(step)));
  const latStep = niceStep(span);
  for (let lat = Math.ceil(latOf(margin + inner) / latStep) * latStep; lat <= latOf(margin); lat += latStep) {
    svg.append(svgNode('line', {x1: margin, x2: margin + inner, y1: y(lat), y2: y(lat), class: 'graticule'}),
      svgNode('text', {x: margin + 3, y: y(lat) - 3, class: 'grid-label inside'}, lat.toFixed(digits(latStep))));
  }
  const lonStep = niceStep(span / k);
  for (let lon = Math.ceil(lonOf(margin) / lonStep) * lonStep; lon <= lonOf(margin + inner); lon += lonStep) {
    svg.append(svgNode('line', {x1: x(lon), x2: x(lon), y1: margin, y2: margin + inner, class: 'graticule'}),
      svgNode('text', {x: x(lon), y: margin + inner + 13, class: 'grid-label', 'text-anchor': 'middle'}, lon.toFixed(digits(lonStep))));
  }
  const path = rings(g).map((ring) => `M${ring.map((p) => `${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join('L')}Z`).join(' ');
  svg.append(svgNode('path', {d: path, class: 'area', 'fill-rule': 'evenodd'}));
  const outer = rings(g)[0];
  outer.slice(0, -1).forEach((p, i) => {
    svg.append(svgNode('circle', {cx: x(p[0]), cy: y(p[1]), r: 3, class: 'vertex'}),
      svgNode('text', {x: x(p[0]) + 5, y: y(p[1]) - 5, class: 'vertex-label'}, String(i + 1)));
  });
  svg.append(svgNode('text', {x: margin, y: 16, class: 'grid-label'}, t('admin.axes')));
  return svg;
}

/// The points of the area as text, numbered as on the map: what a screen reader reads.
function points(g) {
  const outer = rings(g)[0] || [];
  const number = new Intl.NumberFormat(lang(), {minimumFractionDigits: 4, maximumFractionDigits: 6});
  return el('details', {class: 'points'}, el('summary', {text: plural('admin.points', Math.max(0, outer.length - 1))}),
    el('ol', {}, outer.slice(0, -1).map(([lon, lat]) => el('li', {text: `${number.format(lat)}, ${number.format(lon)}`}))));
}

// Verification

function verifySearch() {
  const input = el('input', {type: 'search', id: 'f-verify', name: 'q', placeholder: t('admin.findAccount'),
    'aria-label': t('admin.findAccount'), autocomplete: 'off', autocapitalize: 'none'});
  const form = el('form', {role: 'search', class: 'search', id: 'verify-search'}, input);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    nodes.errors.textContent = '';
    try {
      const q = input.value.trim();
      const found = await api('GET', `discover?q=${encodeURIComponent(q)}&limit=20`);
      await loadAvatars(found.map((a) => a.username));
      if (nodes && input.value.trim() === q) fillAccounts(found);
    } catch (error) { nodes.errors.textContent = describe(error); }
  });
  return el('div', {}, el('p', {class: 'hint-dark', text: t('admin.verifyHint')}), form);
}

function fillAccounts(accounts) {
  nodes.accounts.replaceChildren(...(accounts.length ? accounts.map(accountRow) : [el('li', {class: 'empty', text: t('discover.none')})]));
}

function accountRow(a) {
  const badge = el('span', {class: 'verified', text: ' ✔', 'aria-label': t('discover.verified'), hidden: !a.verified});
  const button = el('button', {type: 'button', class: 'small', 'data-verify': a.username});
  const state = () => {
    button.className = a.verified ? 'ghost small' : 'primary small';
    button.textContent = t(a.verified ? 'admin.unverify' : 'admin.doVerify');
    button.setAttribute('aria-label', t(a.verified ? 'admin.unverifyName' : 'admin.verifyName', {name: a.displayName}));
    badge.hidden = !a.verified;
  };
  button.addEventListener('click', async () => {
    nodes.errors.textContent = '';
    button.disabled = true;
    try {
      await api(a.verified ? 'DELETE' : 'POST', `admin/accounts/${encodeURIComponent(a.username)}/verify`);
      a.verified = !a.verified;
      state();
      toast(t(a.verified ? 'admin.verified' : 'admin.unverified', {name: a.displayName}));
    } catch (error) { nodes.errors.textContent = describe(error); }
    button.disabled = false;
  });
  state();
  const where = [a.category ? t(`category.${a.category}`) : '', a.city].filter(Boolean).join(' · ');
  return el('li', {'data-account': a.username}, el('span', {class: 'row-main'}, avatar(a.username),
    el('span', {class: 'who'}, el('b', {}, a.displayName, badge), el('small', {text: `@${a.username}${where ? ' · ' + where : ''}`}))),
  button);
}
