// The camera screen: a full-screen camera (photo on a tap, video while the shutter is held),
// then the shot frozen (or the clip looping) with its caption and geofilter drawn on it, retake,
// and the "send to" sheet (sendto.js).
import {api} from './api.js';
import {t} from './i18n.js';
import {ICONS, describe, el, icon, loadAvatars} from './ui.js';
import {SendSheet} from './sendto.js';

export const name = 'camera';
export const tab = 'camera';

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
    this.sheet = new SendSheet(this.data, {status: (text) => { this.uploadState.textContent = text; }, sent: () => this.retake()});
    root.append(el('h1', {class: 'visually-hidden', text: t('camera.title')}), this.liveStage, this.shotStage, this.sheet.dialog);

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
    this.sendTo.addEventListener('click', () => this.sheet.open({...this.shot, caption: this.caption.value.trim() || undefined,
      alt: this.alt.value.trim() || undefined, geofilterId: this.geofilter?.id}));
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
    this.sheet.close();
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
    this.sheet.close();
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
}
