// The public page's story player: photos stay 5 s, videos play to their end, with progress bars,
// previous / pause / next buttons (and ←, →, Space, K on the keyboard), then the end card (replay,
// subscribe, the app). Each item left is reported as an anonymous view. Times are redone in the
// page's language and the visitor's own time zone with Intl.
const story = document.getElementById('story');
const items = [...document.querySelectorAll('#story .item')];
const bars = [...document.querySelectorAll('#story .bars span')];
const lang = document.documentElement.lang || navigator.language;
const PHOTO_MS = 5000;
let current = -1;
let shownAt = 0;
let timer = null;
let paused = false;
let left = PHOTO_MS;

function report(item, completed) {
  const watchedMs = Math.max(0, Math.round(performance.now() - shownAt));
  fetch(`/api/v1/stories/${encodeURIComponent(item.dataset.id)}/views`, {
    method: 'POST',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({watchedMs, completed}),
    keepalive: true,
  }).catch(() => {});
}

function fill(index, state, ms) {
  const bar = bars[index];
  if (!bar) return;
  bar.classList.remove('run', 'done');
  bar.style.transitionDuration = '0ms';
  void bar.offsetWidth; // restart the transition
  if (state === 'done') bar.classList.add('done');
  if (state === 'run') { bar.style.transitionDuration = `${ms}ms`; bar.classList.add('run'); }
}

function finish() {
  current = -1;
  document.body.classList.remove('playing');
  document.body.classList.add('finished');
  const end = document.getElementById('end');
  end?.focus();
}

function show(index, completedPrevious) {
  clearTimeout(timer);
  if (current >= 0) {
    items[current].classList.remove('active');
    report(items[current], completedPrevious);
    items[current].querySelector('video')?.pause();
  }
  if (index < 0) index = 0;
  current = index;
  bars.forEach((_, i) => fill(i, i < current ? 'done' : 'empty'));
  if (current >= items.length) { finish(); return; }
  document.body.classList.add('playing');
  document.body.classList.remove('finished');
  const item = items[current];
  item.classList.add('active');
  shownAt = performance.now();
  setPaused(false);
  const video = item.querySelector('video');
  if (video) {
    video.currentTime = 0;
    video.onended = () => show(current + 1, true);
    video.onloadedmetadata = () => fill(current, 'run', (video.duration - video.currentTime) * 1000);
    if (video.readyState >= 1) fill(current, 'run', video.duration * 1000);
    video.play().catch(() => {});
  } else {
    left = PHOTO_MS;
    fill(current, 'run', left);
    timer = setTimeout(() => show(current + 1, true), left);
  }
}

function setPaused(value) {
  paused = value;
  const button = story.querySelector('.pause');
  if (button) {
    button.textContent = value ? button.dataset.play : button.dataset.pause;
    button.setAttribute('aria-pressed', String(value));
  }
}

function togglePause() {
  if (current < 0) return;
  const item = items[current];
  const video = item.querySelector('video');
  const bar = bars[current];
  if (!paused) {
    setPaused(true);
    if (video) video.pause();
    else { clearTimeout(timer); left -= performance.now() - shownAt; }
    if (bar) { const width = getComputedStyle(bar).width; bar.classList.remove('run'); bar.style.transitionDuration = '0ms'; bar.style.width = width; }
  } else {
    setPaused(false);
    if (bar) bar.style.width = '';
    if (video) { video.play().catch(() => {}); fill(current, 'run', (video.duration - video.currentTime) * 1000); }
    else { shownAt = performance.now(); fill(current, 'run', left); timer = setTimeout(() => show(current + 1, true), left); }
  }
}

function relativeTimes() {
  const rtf = new Intl.RelativeTimeFormat(lang, {numeric: 'auto', style: 'short'});
  const full = new Intl.DateTimeFormat(lang, {dateStyle: 'medium', timeStyle: 'short'});
  for (const time of document.querySelectorAll('time[datetime]')) {
    const at = new Date(time.getAttribute('datetime'));
    if (Number.isNaN(at.getTime())) continue;
    const seconds = (at.getTime() - Date.now()) / 1000;
    const [value, unit] = Math.abs(seconds) < 60 ? [0, 'second'] : Math.abs(seconds) < 3600 ? [seconds / 60, 'minute']
      : Math.abs(seconds) < 86400 ? [seconds / 3600, 'hour'] : [seconds / 86400, 'day'];
    time.textContent = rtf.format(Math.round(value), unit);
    time.title = full.format(at); // the visitor's own time zone
  }
}

// Subscribe (the header's button and the end card's): with the web client's session (same
// origin) at once, counted by where the visitor came from (a poster's campaign, a shared link,
// the page); otherwise the wish is kept for the web client, which completes it after sign-up.
async function subscribeButtons() {
  const buttons = [...document.querySelectorAll('button.subscribe')];
  if (!buttons.length) return;
  const status = document.querySelector('.subscribe-status');
  const {account, source, campaign} = buttons[0].dataset;
  const token = localStorage.getItem('pastel.token');
  const auth = token ? {Authorization: `Bearer ${token}`} : {};
  const done = () => buttons.forEach((button) => { button.textContent = button.dataset.done; button.disabled = true; });
  if (token) {
    const mine = await fetch('/api/v1/subscriptions', {headers: auth}).then((r) => (r.ok ? r.json() : null)).catch(() => null);
    if (mine?.some((s) => s.username === account)) done();
  }
  const subscribe = async () => {
    const query = new URLSearchParams({source});
    if (campaign) query.set('campaign', campaign);
    if (!token) {
      localStorage.setItem('pastel.intent', JSON.stringify({subscribe: account, source, campaign, at: Date.now()}));
      location.href = '/#/signup';
      return;
    }
    const response = await fetch(`/api/v1/subscriptions/${encodeURIComponent(account)}?${query}`, {method: 'PUT', headers: auth})
      .catch(() => null);
    if (response?.ok) {
      done();
      for (const count of document.querySelectorAll('[data-count]')) count.dataset.count = String(Number(count.dataset.count) + 1);
      const n = Number(document.querySelector('[data-count]')?.dataset.count || 0);
      const {one, many} = buttons[0].dataset;
      const text = `${new Intl.NumberFormat(lang).format(n)} ${n > 1 || (n === 0 && !lang.startsWith('fr')) ? many : one}`;
      for (const el of document.querySelectorAll('.count, .count-text')) el.textContent = text;
      if (status) status.textContent = buttons[0].dataset.done;
    } else if (response?.status === 401) {
      localStorage.removeItem('pastel.token');
      location.href = '/#/signin';
    }
  };
  buttons.forEach((button) => button.addEventListener('click', subscribe));
}

relativeTimes();
subscribeButtons();
document.querySelector('.end .replay')?.addEventListener('click', () => { story.scrollIntoView(); show(0, false); });
if (items.length) {
  const controls = story.querySelector('.controls');
  if (controls) controls.hidden = false;
  story.querySelector('.pause').dataset.pause = story.querySelector('.pause').textContent;
  story.querySelector('.prev').addEventListener('click', () => show(current - 1, false));
  story.querySelector('.next').addEventListener('click', () => show(current + 1, false));
  story.querySelector('.pause').addEventListener('click', togglePause);
  document.addEventListener('keydown', (e) => {
    if (current < 0 || e.target.closest('button, a, input')) return;
    if (e.key === ' ' || e.key === 'ArrowRight') { e.preventDefault(); show(current + 1, false); }
    if (e.key === 'ArrowLeft') { e.preventDefault(); show(current - 1, false); }
    if (e.key === 'k' || e.key === 'K') togglePause();
  });
  show(0, false);
}
