// The "send to" sheet of the camera: friends (search, recent first), My story, the accounts one
// posts for and a community story; sends the shot to each (one upload per destination).
import {api} from './api.js';
import {joinNames, t} from './i18n.js';
import {ICONS, avatar, describe, el, icon, loadAvatars, toast} from './ui.js';

const RECENT = 'pastel.recent';

function recentFirst(friends) {
  const recent = JSON.parse(localStorage.getItem(RECENT) || '[]');
  const rank = (u) => { const i = recent.indexOf(u); return i < 0 ? recent.length : i; };
  return [...friends].sort((a, b) => rank(a.username) - rank(b.username) || a.displayName.localeCompare(b.displayName));
}

function rememberRecipients(usernames) {
  const recent = JSON.parse(localStorage.getItem(RECENT) || '[]').filter((u) => !usernames.includes(u));
  localStorage.setItem(RECENT, JSON.stringify([...usernames, ...recent].slice(0, 30)));
}

/// The sheet is built once per camera screen; `status` shows progress next to the shot, `sent`
/// is called once everything went.
export class SendSheet {
  constructor(data, {status, sent}) {
    this.data = data;
    this.status = status;
    this.sent = sent;
    this.shot = null;
    this.dialog = this.build();
  }

  close() {
    this.dialog.close?.();
  }

  build() {
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
    // The community stories of the official accounts one subscribes to, ticked like a friend.
    const communities = el('ul', {class: 'targets', id: 'send-communities', 'aria-label': t('camera.communityTitle')});
    this.fillCommunities = (accounts) => {
      const ticked = new Set([...communities.querySelectorAll('input:checked')].map((c) => c.value));
      this.data.subscriptions = accounts;
      communities.replaceChildren(...(accounts.length ? accounts.map((a) => target(`community:${a.username}`,
        t('community.ring', {name: a.displayName}), t('camera.communityShort', {name: '@' + a.username}), avatar(a.username)))
        : [el('li', {class: 'empty', text: t('camera.communityNone')})]));
      communities.querySelectorAll('input').forEach((c) => { c.checked = ticked.has(c.value); });
      anonymousLine.hidden = !accounts.length;
    };
    const anonymousLine = el('label', {class: 'check-line'}, el('input', {type: 'checkbox', id: 'f-anonymous'}), ` ${t('camera.anonymous')}`);
    this.fillCommunities(this.data.subscriptions || []);
    const community = el('section', {class: 'send-community', 'aria-labelledby': 'send-community-title'},
      el('h3', {id: 'send-community-title', text: t('camera.communityTitle')}), communities, anonymousLine);
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
      const names = picked.map((v) => {
        if (v.startsWith('community:')) return t('camera.communityShort', {name: '@' + v.slice('community:'.length)});
        if (v.startsWith('story:')) return v === 'story:' ? t('camera.myStory') : managed.find((m) => `story:${m.username}` === v)?.displayName;
        return currentFriends().find((f) => f.username === v)?.displayName;
      });
      summary.textContent = names.length ? joinNames(names) : t('camera.pickSomeone');
      send.disabled = !names.length;
    };
    form.addEventListener('change', update);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      errors.textContent = '';
      send.disabled = true;
      try {
        await this.send(chosen(), Number(seconds.value), form.querySelector('#f-anonymous').checked);
        dialog.close();
        form.reset();
        update();
        this.sent();
      } catch (error) {
        errors.textContent = describe(error);
        send.disabled = false;
      }
    });
    update();
    return dialog;
  }

  /// Opens the sheet for `shot` ({blob, upload, caption, alt, geofilterId}).
  async open(shot) {
    this.shot = shot;
    const [friends, subscriptions] = await Promise.all([api('GET', 'friends').catch(() => this.data.friends),
      api('GET', 'subscriptions').catch(() => this.data.subscriptions || [])]);
    await loadAvatars([...friends, ...subscriptions].map((f) => f.username));
    this.fillPeople(friends);
    this.fillCommunities(subscriptions);
    this.dialog.showModal();
    this.dialog.querySelector('#f-to-search').focus();
  }

  /// One upload per destination: a snap, a story item and a submission each own their media.
  async send(targets, viewSeconds, anonymous) {
    const {shot} = this;
    const friends = targets.filter((v) => !v.startsWith('story:') && !v.startsWith('community:'));
    const communityAccounts = targets.filter((v) => v.startsWith('community:')).map((v) => v.slice('community:'.length));
    const storyAccounts = targets.filter((v) => v.startsWith('story:')).map((v) => v.slice('story:'.length));
    const {caption, alt, geofilterId} = shot;
    let first = true;
    const upload = async () => {
      if (first) { first = false; return (await shot.upload).id; }
      return (await api('POST', 'media', undefined, shot.blob)).id;
    };
    const done = [];
    this.status(t('camera.sending'));
    if (friends.length) {
      await api('POST', 'snaps', {mediaId: await upload(), to: friends, viewSeconds, caption, alt, geofilterId});
      rememberRecipients(friends);
      done.push(...friends.map((u) => this.data.friends.find((f) => f.username === u)?.displayName || u));
    }
    for (const account of storyAccounts) {
      await api('POST', 'stories', {mediaId: await upload(), account: account || undefined, caption, alt, geofilterId});
      done.push(account ? account : t('camera.myStory'));
    }
    for (const account of communityAccounts) {
      await api('POST', `accounts/${encodeURIComponent(account)}/community/submissions`,
        {mediaId: await upload(), caption, alt, anonymous});
      done.push(t('camera.communityShort', {name: '@' + account}));
    }
    this.status('');
    toast(t('camera.sentTo', {names: joinNames(done)}));
  }
}
