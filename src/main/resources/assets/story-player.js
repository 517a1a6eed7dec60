// Plays a public story page's items in order: tap (or Space/→) to advance, photos stay 5 s,
// videos play to their end. Each item left is reported as an anonymous view.
const items = [...document.querySelectorAll('#story .item')];
let current = -1;
let shownAt = 0;
let timer = null;

function report(item, completed) {
  const watchedMs = Math.max(0, Math.round(performance.now() - shownAt));
  fetch(`/api/v1/stories/${encodeURIComponent(item.dataset.id)}/views`, {
    method: 'POST',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({watchedMs, completed}),
    keepalive: true,
  }).catch(() => {});
}

function show(index, completedPrevious) {
  clearTimeout(timer);
  if (current >= 0) {
    items[current].classList.remove('active');
    report(items[current], completedPrevious);
    items[current].querySelector('video')?.pause();
  }
  current = index;
  if (current >= items.length) { current = -1; document.body.classList.add('finished'); return; }
  const item = items[current];
  item.classList.add('active');
  shownAt = performance.now();
  const video = item.querySelector('video');
  if (video) {
    video.currentTime = 0;
    video.onended = () => show(current + 1, true);
    video.play().catch(() => {});
  } else {
    timer = setTimeout(() => show(current + 1, true), 5000);
  }
}

if (items.length) {
  document.body.classList.add('playing');
  document.getElementById('story').addEventListener('click', () => show(current + 1, false));
  document.addEventListener('keydown', (e) => {
    if (e.key === ' ' || e.key === 'ArrowRight') { e.preventDefault(); show(current + 1, false); }
  });
  show(0, false);
}
