// The camera screen: a full-screen camera (photo on a tap, video while the shutter is held),
// then the shot frozen (or the clip looping) with its caption and geofilter drawn on it, retake,
// and the "send to" sheet: friends (search, recent first), My story and the accounts one posts for.
import {api} from './api.js';
import {joinNames, t} from './i18n.js';
import {ICONS, avatar, describe, el, icon, loadAvatars, toast} from './ui.js';

export const name = 'camera';
export const tab = 'camera';

const RECENT = 'pastel.recent';
let active = null;

export async function load() {
  const [friends, managed, me] = await Promise.all([api('GET', 'friends'), api('GET', 'me/managed'), api('GET', 'me')]);
  await loadAvatars([me.username, ...friends.map((f) => f.username)]);
  return {friends, managed, me};
}

export function leave() {
  active?.stop();
  active = null;
}

export function render(data, root) {
  active = new Camera(data, root);
}

function recentFirst(friends) {
  const recent = JSON.parse(localStorage.getItem(RECENT) || '[]');
  const rank = (u) => { const i = recent.indexOf(u); return i < 0 ? recent.length : i; };
  return [...friends].sort((a, b) => rank(a.username) - rank(b.username) || a.displayName.localeCompare(b.displayName));
}

function rememberRecipients(usernames) {
  const recent = JSON.parse(localStorage.getItem(RECENT) || '[]').filter((u) => !usernames.includes(u));
  localStorage.setItem(RECENT, JSON.stringify([...usernames, ...recent].slice(0, 30)));
}

class Camera {
  constructor(data, root) {
    this.data = data;
    this.stream = null;
    this.facing = 'user';
    this.recorder = null;
    this.geofilter = null;
    this.shot = null; // {blob, kind, url, width, height, upload: Promise<media>}
    this.build(root);
    this.start();
  }

  build(root) {
    this.live = el('video', {class: 'live', autoplay: true, muted: true, playsinline: true, 'aria-hidden': 'true'});
    this.liveOverlay = el('img', {class: 'overlay', alt: '', hidden: true});
    this.flip = el('button', {type: 'button', id: 'flip', class: 'round', 'aria-label': t('camera.switch'), hidden: true},
      icon(ICONS.flip));
    this.filtersButton = el('button', {type: 'button', id: 'locate', class: 'round', 'aria-label': t('camera.locate'),
      'aria-expanded': 'false'}, icon(ICONS.pin));
    this.strip = el('div', {class: 'filter-strip', id: 'geofilters', role: 'radiogroup', 'aria-label': t('camera.geofilters'), hidden: true});
    this.picker = el('input', {type: 'file', id: 'f-file', accept: 'image/*,video/*', class: 'visually-hidden'});
    this.shoot = el('button', {type: 'button', id: 'shoot', class: 'shutter', 'aria-label': t('camera.shutter'), hidden: true});
    this.status = el('p', {class: 'camera-status', role: 'status'});
    this.noCamera = el('p', {id: 'no-camera', class: 'no-camera', hidden: true, text: t('camera.noCamera')});
    this.liveStage = el('div', {class: 'stage', id: 'live-stage'},
      this.live, this.liveOverlay, this.noCamera,
      el('div', {class: 'top-controls'}, this.filtersButton, this.flip),
      this.strip,
      el('div', {class: 'bottom-controls'},
        el('label', {for: 'f-file', class: 'round picker', title: t('camera.pick')}, icon(ICONS.gallery),
          el('span', {class: 'visually-hidden', text: t('camera.pick')})), this.picker,
        this.shoot, el('span', {class: 'spacer'})),
      el('p', {class: 'hint', id: 'camera-hint', text: t('camera.hold')}), this.status);

    // The frozen shot.
    this.frame = el('div', {class: 'frame'});
    this.caption = el('input', {id: 'f-caption', class: 'caption-input', maxlength: 250, autocomplete: 'off',
      placeholder: t('camera.captionPlaceholder'), 'aria-label': t('camera.caption')});
    // The text alternative of what is posted to a story (required for official accounts).
    this.alt = el('input', {id: 'f-alt', class: 'caption-input alt-input', maxlength: 1500, autocomplete: 'off',
      placeholder: t('camera.altPlaceholder'), 'aria-label': t('camera.alt')});
    this.uploadState = el('p', {class: 'upload-state', id: 'upload-state', role: 'status'});
    this.sendTo = el('button', {type: 'button', id: 'send-to', class: 'primary send-to'}, el('span', {text: t('camera.sendTo')}),
      icon(ICONS.send));
    this.shotStage = el('div', {class: 'stage shot', id: 'shot', hidden: true, role: 'group', 'aria-label': t('camera.yourShot')},
      this.frame, this.caption, this.alt,
      el('div', {class: 'top-controls left'}, el('button', {type: 'button', id: 'retake', class: 'round',
        'aria-label': t('camera.retake'), onclick: () => this.retake()}, icon(ICONS.close))),
      el('div', {class: 'bottom-controls'}, this.uploadState, this.sendTo));
    this.sheet = this.buildSheet();
    root.append(el('h1', {class: 'visually-hidden', text: t('camera.title')}), this.liveStage, this.shotStage, this.sheet);

    this.picker.addEventListener('change', () => {
      const file = this.picker.files[0];
      if (file) this.freeze(file, file.type.startsWith('video') ? 'video' : 'image');
      this.picker.value = '';
    });
    this.filtersButton.addEventListener('click', () => this.findGeofilters());
    this.flip.addEventListener('click', async () => {
      this.facing = this.facing === 'user' ? 'environment' : 'user';
      await this.start();
    });
    // A tap takes a photo; holding films until release. Space/Enter take a photo from the keyboard.
    let holdTimer = null;
    let held = false;
    this.shoot.addEventListener('pointerdown', (event) => {
      held = false;
      this.shoot.setPointerCapture?.(event.pointerId);
      holdTimer = setTimeout(() => { held = true; this.startRecording(); }, 400);
    });
    const release = () => { clearTimeout(holdTimer); if (held) this.stopRecording(); };
    this.shoot.addEventListener('pointerup', release);
    this.shoot.addEventListener('pointercancel', release);
    this.shoot.addEventListener('click', () => { if (held) { held = false; return; } this.photo(); });
    this.sendTo.addEventListener('click', () => this.openSheet());
  }

  async start() {
    this.stopStream();
    try {
      if (!navigator.mediaDevices?.getUserMedia) throw new Error('no camera');
      const video = {facingMode: this.facing, width: {ideal: 1280}, height: {ideal: 720}};
      // Sound for videos when there is a microphone; pictures only need the camera.
      this.stream = await navigator.mediaDevices.getUserMedia({video, audio: true})
        .catch(() => navigator.mediaDevices.getUserMedia({video, audio: false}));
      if (!active || active !== this) { this.stopStream(); return; }
      // The muted property (not only the attribute) lets it play without a tap, sound track or not.
      this.live.muted = true;
      this.live.srcObject = this.stream;
      this.live.play().catch(() => {});
      this.shoot.hidden = false;
      const devices = await navigator.mediaDevices.enumerateDevices();
      this.flip.hidden = devices.filter((d) => d.kind === 'videoinput').length < 2;
    } catch {
      this.live.hidden = true;
      this.noCamera.hidden = false;
      this.liveStage.querySelector('#camera-hint').hidden = true;
    }
  }

  stopStream() {
    this.stream?.getTracks().forEach((track) => track.stop());
    this.stream = null;
  }

  stop() {
    this.stopRecording(true);
    this.stopStream();
    if (this.shot) URL.revokeObjectURL(this.shot.url);
    this.sheet.close?.();
  }

  /// The part of the camera's picture that the screen shows (the preview covers the stage), so
  /// the photo is what the user framed.
  async photo() {
    const video = this.live;
    // The frame straight from the camera track when the browser can (sharper, and it does not
    // depend on the preview being painted); else what the preview shows.
    const track = this.stream?.getVideoTracks()[0];
    const frame = window.ImageCapture && track ? await new ImageCapture(track).grabFrame().catch(() => null) : null;
    const source = frame || video;
    const vw = frame?.width || video.videoWidth || 640;
    const vh = frame?.height || video.videoHeight || 480;
    const box = this.liveStage.getBoundingClientRect();
    const aspect = box.width / box.height || vw / vh;
    let sw = vw;
    let sh = vh;
    if (vw / vh > aspect) sw = Math.round(vh * aspect); else sh = Math.round(vw / aspect);
    const canvas = el('canvas', {width: sw, height: sh});
    const context = canvas.getContext('2d');
    context.drawImage(source, (vw - sw) / 2, (vh - sh) / 2, sw, sh, 0, 0, sw, sh);
    frame?.close();
    canvas.toBlob((blob) => this.freeze(blob, 'image', sw, sh), 'image/jpeg', 0.92);
  }

  startRecording() {
    const type = ['video/webm;codecs=vp8,opus', 'video/webm', 'video/mp4']
      .find((candidate) => window.MediaRecorder?.isTypeSupported(candidate));
    if (!type || !this.stream) return;
    const chunks = [];
    this.recorder = new MediaRecorder(this.stream, {mimeType: type});
    this.recorder.ondataavailable = (event) => { if (event.data.size) chunks.push(event.data); };
    this.recorder.onstop = () => { if (!this.discardRecording) this.freeze(new Blob(chunks, {type: type.split(';')[0]}), 'video'); };
    this.discardRecording = false;
    this.recorder.start(250);
    this.status.textContent = t('camera.recording');
    this.liveStage.classList.add('recording');
  }

  stopRecording(discard = false) {
    if (!this.recorder) return;
    this.discardRecording = discard;
    if (this.recorder.state !== 'inactive') this.recorder.stop();
    this.recorder = null;
    this.status.textContent = '';
    this.liveStage.classList.remove('recording');
  }

  /// Shows the shot frozen, with the geofilter over it exactly as it will be drawn into it (fitted
  /// inside the picture, centred), and starts uploading it at once so sending is quick.
  freeze(blob, kind, width, height) {
    if (this.shot) URL.revokeObjectURL(this.shot.url);
    const url = URL.createObjectURL(blob);
    this.shot = {blob, kind, url};
    const media = kind === 'video'
      ? el('video', {src: url, autoplay: true, loop: true, muted: true, playsinline: true, class: 'media', id: 'frozen',
        'aria-label': t('camera.yourClip')})
      : el('img', {src: url, class: 'media', id: 'frozen', alt: t('camera.yourPhoto')});
    if (kind === 'video') { media.muted = true; media.play().catch(() => {}); }
    const overlay = el('img', {class: 'overlay', id: 'frozen-overlay', alt: '', hidden: !this.geofilter,
      src: this.geofilter?.imageUrl});
    // The frame takes the picture's shape, as large as the stage allows (see .frame in style.css).
    const fit = (w, h) => { if (w && h) this.frame.style.setProperty('--ratio', String(w / h)); };
    if (width && height) fit(width, height);
    media.addEventListener(kind === 'video' ? 'loadedmetadata' : 'load', () => {
      fit(media.videoWidth || media.naturalWidth, media.videoHeight || media.naturalHeight);
    });
    this.frame.replaceChildren(media, overlay);
    this.liveStage.hidden = true;
    this.shotStage.hidden = false;
    this.shotStage.append(this.strip);
    this.caption.value = '';
    this.alt.value = '';
    this.uploadState.textContent = t('camera.uploading');
    this.shot.upload = api('POST', 'media', undefined, blob);
    this.shot.upload.then(() => { this.uploadState.textContent = ''; },
      (error) => { this.uploadState.textContent = describe(error); });
    this.shot.upload.catch(() => {});
    this.sendTo.focus();
  }

  retake() {
    this.sheet.close?.();
    if (this.shot) URL.revokeObjectURL(this.shot.url);
    this.shot = null;
    this.frame.replaceChildren();
    this.shotStage.hidden = true;
    this.liveStage.hidden = false;
    this.liveStage.insertBefore(this.strip, this.liveStage.querySelector('.bottom-controls'));
    this.shoot.focus();
  }

  findGeofilters() {
    if (!this.strip.hidden) { this.strip.hidden = true; this.filtersButton.setAttribute('aria-expanded', 'false'); return; }
    this.filtersButton.setAttribute('aria-expanded', 'true');
    this.strip.hidden = false;
    if (this.strip.childElementCount) return;
    this.strip.append(el('p', {class: 'strip-note', text: t('camera.locating')}));
    if (!navigator.geolocation) { this.strip.replaceChildren(el('p', {class: 'strip-note', text: t('camera.locationDenied')})); return; }
    navigator.geolocation.getCurrentPosition(async (position) => {
      try {
        const found = await api('GET', `geofilters?lat=${position.coords.latitude}&lon=${position.coords.longitude}`);
        if (!found.length) { this.strip.replaceChildren(el('p', {class: 'strip-note', text: t('camera.noGeofilters')})); return; }
        const option = (filter) => el('label', {class: 'filter-option'},
          el('input', {type: 'radio', name: 'geofilter', class: 'visually-hidden', value: filter ? filter.id : '',
            checked: !filter, onchange: () => this.choose(filter)}),
          filter ? el('img', {src: filter.imageUrl, alt: '', class: 'thumb'}) : el('span', {class: 'thumb none'}),
          el('span', {class: 'filter-name', text: filter ? filter.name : t('camera.noFilter')}));
        this.strip.replaceChildren(option(null), ...found.map(option));
      } catch (error) { this.strip.replaceChildren(el('p', {class: 'strip-note', text: describe(error)})); }
    }, () => { this.strip.replaceChildren(el('p', {class: 'strip-note', text: t('camera.locationDenied')})); }, {timeout: 10000});
  }

  choose(filter) {
    this.geofilter = filter;
    for (const overlay of [this.liveOverlay, this.frame.querySelector('.overlay')]) {
      if (!overlay) continue;
      overlay.hidden = !filter;
      if (filter) overlay.src = filter.imageUrl; else overlay.removeAttribute('src');
    }
  }

  buildSheet() {
    const {friends, managed, me} = this.data;
    const currentFriends = () => this.data.friends;
    const search = el('input', {type: 'search', id: 'f-to-search', placeholder: t('camera.searchFriends'),
      'aria-label': t('camera.searchFriends'), autocomplete: 'off'});
    const target = (value, label, extra, picture) => el('li', {class: 'target', 'data-name': label.toLowerCase()},
      el('label', {}, picture, el('span', {class: 'target-name'}, el('b', {text: label}), extra ? el('small', {text: extra}) : ''),
        el('input', {type: 'checkbox', name: 'to', value, class: 'check'})));
    const stories = el('ul', {class: 'targets', 'aria-label': t('camera.stories')},
      target('story:', t('camera.myStory'), t('camera.myStoryHint'), avatar(me.username)),
      managed.map((m) => target(`story:${m.username}`, m.displayName, t('camera.postAs', {name: '@' + m.username}),
        el('span', {class: 'avatar m official', 'aria-hidden': 'true', text: m.displayName.slice(0, 1)}))));
    const people = el('ul', {class: 'targets', id: 'send-friends', 'aria-label': t('camera.friends')});
    const friendsTitle = el('h3', {});
    // Friends are listed again each time the sheet opens (someone may have accepted meanwhile);
    // a friend already ticked stays ticked.
    this.fillPeople = (list) => {
      const ticked = new Set([...people.querySelectorAll('input:checked')].map((c) => c.value));
      this.data.friends = list;
      friendsTitle.textContent = list.length ? t('camera.friends') : t('camera.noFriends');
      people.replaceChildren(...recentFirst(list).map((f) => target(f.username, f.displayName, '@' + f.username, avatar(f.username))));
      people.querySelectorAll('input').forEach((c) => { c.checked = ticked.has(c.value); });
    };
    this.fillPeople(friends);
    search.addEventListener('input', () => {
      const q = search.value.trim().toLowerCase();
      for (const li of people.children) li.hidden = q && !li.dataset.name.includes(q) && !li.querySelector('input').value.includes(q);
    });
    const seconds = el('select', {id: 'f-seconds', name: 'viewSeconds'},
      [1, 3, 5, 10].map((n) => el('option', {value: n, text: t('viewer.seconds', {n}), selected: n === 5})),
      el('option', {value: 0, text: t('camera.noLimit')}));
    const community = el('details', {class: 'community'}, el('summary', {text: t('camera.community')}),
      el('p', {class: 'field'}, el('label', {for: 'f-community', text: t('camera.communityOf')}),
        el('input', {id: 'f-community', name: 'community', autocomplete: 'off'})),
      el('label', {class: 'check-line'}, el('input', {type: 'checkbox', id: 'f-anonymous'}), ` ${t('camera.anonymous')}`));
    const summary = el('p', {class: 'summary', id: 'send-summary', 'aria-live': 'polite'});
    const send = el('button', {type: 'submit', id: 'send-now', class: 'primary', disabled: true}, el('span', {text: t('action.send')}),
      icon(ICONS.send));
    const errors = el('p', {class: 'error', role: 'alert'});
    const form = el('form', {id: 'send', class: 'sheet-body'},
      el('div', {class: 'sheet-head'}, el('h2', {id: 'send-title', text: t('camera.sendTo')}),
        el('button', {type: 'button', class: 'round ghost', 'aria-label': t('action.close'), onclick: () => dialog.close()},
          icon(ICONS.close))),
      search, el('h3', {text: t('camera.stories')}), stories,
      friendsTitle, people,
      el('p', {class: 'field inline'}, el('label', {for: 'f-seconds', text: t('camera.viewSeconds')}), seconds),
      community, errors,
      el('div', {class: 'sheet-foot'}, summary, send));
    const dialog = el('dialog', {class: 'sheet', id: 'send-sheet', 'aria-labelledby': 'send-title'}, form);
    const chosen = () => [...form.querySelectorAll('input[name=to]:checked')].map((c) => c.value);
    const update = () => {
      const picked = chosen();
      const names = picked.map((v) => v.startsWith('story:') ? (v === 'story:' ? t('camera.myStory')
        : managed.find((m) => `story:${m.username}` === v)?.displayName) : currentFriends().find((f) => f.username === v)?.displayName);
      const communityTo = form.community.value.trim();
      if (communityTo) names.push(t('camera.communityShort', {name: communityTo}));
      summary.textContent = names.length ? joinNames(names) : t('camera.pickSomeone');
      send.disabled = !names.length;
    };
    form.addEventListener('change', update);
    form.community.addEventListener('input', update);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      errors.textContent = '';
      send.disabled = true;
      try {
        await this.send(chosen(), Number(seconds.value), form.community.value.trim(), form.querySelector('#f-anonymous').checked);
        dialog.close();
        form.reset();
        update();
        this.retake();
      } catch (error) {
        errors.textContent = describe(error);
        send.disabled = false;
      }
    });
    update();
    return dialog;
  }

  async openSheet() {
    const friends = await api('GET', 'friends').catch(() => this.data.friends);
    await loadAvatars(friends.map((f) => f.username));
    this.fillPeople(friends);
    this.sheet.showModal();
    this.sheet.querySelector('#f-to-search').focus();
  }

  /// One upload per destination: a snap, a story item and a submission each own their media.
  async send(targets, viewSeconds, communityAccount, anonymous) {
    const shot = this.shot;
    const friends = targets.filter((v) => !v.startsWith('story:'));
    const storyAccounts = targets.filter((v) => v.startsWith('story:')).map((v) => v.slice('story:'.length));
    const caption = this.caption.value.trim() || undefined;
    const alt = this.alt.value.trim() || undefined;
    const geofilterId = this.geofilter?.id;
    let first = true;
    const upload = async () => {
      if (first) { first = false; return (await shot.upload).id; }
      return (await api('POST', 'media', undefined, shot.blob)).id;
    };
    const done = [];
    this.uploadState.textContent = t('camera.sending');
    if (friends.length) {
      await api('POST', 'snaps', {mediaId: await upload(), to: friends, viewSeconds, caption, geofilterId});
      rememberRecipients(friends);
      done.push(...friends.map((u) => this.data.friends.find((f) => f.username === u)?.displayName || u));
    }
    for (const account of storyAccounts) {
      await api('POST', 'stories', {mediaId: await upload(), account: account || undefined, caption, alt, geofilterId});
      done.push(account ? account : t('camera.myStory'));
    }
    if (communityAccount) {
      await api('POST', `accounts/${encodeURIComponent(communityAccount)}/community/submissions`,
        {mediaId: await upload(), caption, anonymous});
      done.push(t('camera.communityShort', {name: communityAccount}));
    }
    this.uploadState.textContent = '';
    toast(t('camera.sentTo', {names: joinNames(done)}));
  }
}
