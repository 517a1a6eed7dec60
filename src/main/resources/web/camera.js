// The camera screen: capture (photo, video), geofilters of the place, then send, post or submit.
import {api} from './api.js';
import {t} from './i18n.js';
import {el, errorBox, showError, toast} from './ui.js';

/// The camera: photo on a tap, video while the button is held (or with the Record toggle),
/// front/back switch, geofilters of the current position, then send, post or submit.
export async function camera() {
  const status = el('p', {role: 'status', 'aria-live': 'polite'});
  const errors = errorBox();
  const preview = el('video', {autoplay: true, muted: true, playsinline: true, class: 'preview', 'aria-hidden': 'true'});
  const overlay = el('img', {class: 'overlay', alt: '', hidden: true});
  const stage = el('div', {class: 'stage'}, preview, overlay);
  const picker = el('input', {type: 'file', id: 'f-file', accept: 'image/*,video/*', class: 'picker'});
  const pickerLabel = el('label', {for: 'f-file', class: 'button', text: t('camera.pick')});
  const shoot = el('button', {type: 'button', id: 'shoot', text: t('action.takePhoto'), hidden: true});
  const record = el('button', {type: 'button', id: 'record', class: 'ghost', text: t('action.record'), hidden: true,
    'aria-pressed': 'false'});
  const flip = el('button', {type: 'button', id: 'flip', class: 'ghost', text: t('camera.switch'), hidden: true});
  const holdHint = el('p', {class: 'hint-dark', text: t('camera.hold'), hidden: true});
  const [friendList, managed, me] = await Promise.all([api('GET', 'friends'), api('GET', 'me/managed'), api('GET', 'me')]);
  let mediaId = null;
  let geofilterId = null;

  const sendForm = el('form', {id: 'send', hidden: true},
    el('fieldset', {}, el('legend', {text: t('camera.sendTo')}),
      friendList.map((f) => el('label', {class: 'check'},
        el('input', {type: 'checkbox', name: 'to', value: f.username}), ` ${f.displayName}`))),
    el('p', {}, el('label', {for: 'f-seconds', text: t('camera.viewSeconds')}),
      el('select', {id: 'f-seconds', name: 'viewSeconds'},
        [1, 2, 3, 5, 10].map((n) => el('option', {value: n, text: t('viewer.seconds', {n}), selected: n === 5})),
        el('option', {value: 0, text: t('camera.noLimit')}))),
    el('p', {}, el('label', {for: 'f-caption', text: t('camera.caption')}),
      el('input', {id: 'f-caption', name: 'caption', maxlength: 250})),
    el('button', {type: 'submit', text: t('action.send')}));
  const storyForm = el('form', {id: 'story', hidden: true},
    el('p', {}, el('label', {for: 'f-as', text: t('story.as')}),
      el('select', {id: 'f-as', name: 'account'},
        el('option', {value: '', text: `${me.displayName} (@${me.username})`}),
        managed.map((m) => el('option', {value: m.username, text: `${m.displayName} (@${m.username})`})))),
    el('button', {type: 'submit', text: t('story.post')}));
  const communityForm = el('form', {id: 'community', hidden: true},
    el('fieldset', {}, el('legend', {text: t('camera.community')}),
      el('p', {}, el('label', {for: 'f-community', text: t('camera.communityOf')}),
        el('input', {id: 'f-community', name: 'account', required: true, autocomplete: 'off'})),
      el('label', {class: 'check'}, el('input', {type: 'checkbox', name: 'anonymous'}), ` ${t('camera.anonymous')}`),
      el('button', {type: 'submit', class: 'ghost', text: t('camera.community')})));

  const done = (message) => {
    toast(message);
    status.textContent = message;
    mediaId = null;
    [sendForm, storyForm, communityForm].forEach((form) => { form.hidden = true; });
  };

  async function upload(blob) {
    status.textContent = t('camera.uploading');
    errors.textContent = '';
    try {
      const media = await api('POST', 'media', undefined, blob);
      mediaId = media.id;
      status.textContent = t('camera.ready');
      [sendForm, storyForm, communityForm].forEach((form) => { form.hidden = false; });
    } catch (error) { showError(errors, error); status.textContent = ''; }
  }

  sendForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const to = [...sendForm.querySelectorAll('input[name=to]:checked')].map((c) => c.value);
    try {
      await api('POST', 'snaps', {mediaId, to, viewSeconds: Number(sendForm.viewSeconds.value),
        caption: sendForm.caption.value || undefined, geofilterId: geofilterId || undefined});
      done(t('camera.sent'));
    } catch (error) { showError(errors, error); }
  });
  storyForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api('POST', 'stories', {mediaId, account: storyForm.account.value || undefined,
        geofilterId: geofilterId || undefined});
      done(t('story.posted'));
    } catch (error) { showError(errors, error); }
  });
  communityForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api('POST', `accounts/${encodeURIComponent(communityForm.account.value.trim())}/community/submissions`,
        {mediaId, anonymous: communityForm.anonymous.checked});
      done(t('camera.submitted'));
    } catch (error) { showError(errors, error); }
  });
  picker.addEventListener('change', () => { if (picker.files[0]) upload(picker.files[0]); });

  // Geofilters: asked for only when the user wants them (the position is a permission).
  const filters = el('fieldset', {id: 'geofilters', class: 'filters'}, el('legend', {text: t('camera.geofilters')}));
  const locate = el('button', {type: 'button', id: 'locate', class: 'ghost', text: t('camera.locate')});
  filters.append(locate);
  const choose = (filter) => {
    geofilterId = filter ? filter.id : null;
    overlay.hidden = !filter;
    if (filter) overlay.src = filter.imageUrl;
  };
  locate.addEventListener('click', () => {
    if (!navigator.geolocation) { status.textContent = t('camera.locationDenied'); return; }
    navigator.geolocation.getCurrentPosition(async (position) => {
      try {
        const found = await api('GET', `geofilters?lat=${position.coords.latitude}&lon=${position.coords.longitude}`);
        locate.remove();
        if (!found.length) { filters.append(el('p', {text: t('camera.noGeofilters')})); return; }
        const option = (filter) => el('label', {class: 'check filter'},
          el('input', {type: 'radio', name: 'geofilter', value: filter ? filter.id : '', checked: !filter,
            onchange: () => choose(filter)}),
          filter ? el('img', {src: filter.imageUrl, alt: '', class: 'thumb'}) : '', ` ${filter ? filter.name : t('camera.noFilter')}`);
        filters.append(option(null), ...found.map(option));
      } catch (error) { showError(errors, error); }
    }, () => { status.textContent = t('camera.locationDenied'); }, {timeout: 10000});
  });

  const section = el('section', {class: 'card'}, el('h2', {text: t('camera.title')}), stage,
    el('div', {class: 'row wrap'}, shoot, record, flip), holdHint,
    el('p', {id: 'no-camera', text: t('camera.noCamera'), hidden: true}), pickerLabel, picker, filters, status, errors,
    sendForm, storyForm, communityForm);

  let stream = null;
  let facing = 'user';
  const stop = () => stream?.getTracks().forEach((track) => track.stop());
  async function start() {
    stop();
    const video = {facingMode: facing};
    // Sound for videos when there is a microphone; pictures only need the camera.
    stream = await navigator.mediaDevices.getUserMedia({video, audio: true})
      .catch(() => navigator.mediaDevices.getUserMedia({video, audio: false}));
    preview.srcObject = stream;
  }

  let recorder = null;
  function startRecording() {
    const type = ['video/webm;codecs=vp8,opus', 'video/webm', 'video/mp4']
      .find((candidate) => window.MediaRecorder?.isTypeSupported(candidate));
    if (!type) return;
    const chunks = [];
    recorder = new MediaRecorder(stream, {mimeType: type});
    recorder.ondataavailable = (event) => { if (event.data.size) chunks.push(event.data); };
    recorder.onstop = () => upload(new Blob(chunks, {type: type.split(';')[0]}));
    recorder.start(250);
    status.textContent = t('camera.recording');
    record.textContent = t('action.stop');
    record.setAttribute('aria-pressed', 'true');
    section.classList.add('recording');
  }
  function stopRecording() {
    if (!recorder) return;
    recorder.stop();
    recorder = null;
    record.textContent = t('action.record');
    record.setAttribute('aria-pressed', 'false');
    section.classList.remove('recording');
  }
  function photo() {
    const canvas = document.createElement('canvas');
    canvas.width = preview.videoWidth || 640;
    canvas.height = preview.videoHeight || 480;
    canvas.getContext('2d').drawImage(preview, 0, 0, canvas.width, canvas.height);
    canvas.toBlob((blob) => upload(blob), 'image/jpeg', 0.9);
  }

  // A tap takes a photo; holding the button films until it is released.
  let holdTimer = null;
  let held = false;
  shoot.addEventListener('pointerdown', () => {
    held = false;
    holdTimer = setTimeout(() => { held = true; startRecording(); }, 400);
  });
  const release = () => { clearTimeout(holdTimer); if (held) stopRecording(); };
  shoot.addEventListener('pointerup', release);
  shoot.addEventListener('pointerleave', release);
  shoot.addEventListener('click', () => { if (held) { held = false; return; } photo(); });
  record.addEventListener('click', () => (recorder ? stopRecording() : startRecording()));
  flip.addEventListener('click', async () => {
    facing = facing === 'user' ? 'environment' : 'user';
    try { await start(); } catch (error) { showError(errors, error); }
  });

  try {
    if (!navigator.mediaDevices?.getUserMedia) throw new Error('no camera API');
    await start();
    shoot.hidden = false;
    holdHint.hidden = false;
    record.hidden = !window.MediaRecorder;
    const devices = await navigator.mediaDevices.enumerateDevices();
    flip.hidden = devices.filter((device) => device.kind === 'videoinput').length < 2;
    window.addEventListener('hashchange', () => { stopRecording(); stop(); }, {once: true});
  } catch {
    preview.hidden = true;
    section.querySelector('#no-camera').hidden = false;
  }
  return section;
}
