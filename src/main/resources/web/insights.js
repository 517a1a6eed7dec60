// The insights dashboard of an official account (for its owner and team): views and
// subscribers per day, per-item numbers, age bands (small cells suppressed), CSV download.
// Choosing another account redraws the dashboard under the picker, nothing else.
import {api, session} from './api.js';
import {formatNumber, formatTime, t} from './i18n.js';
import {el} from './ui.js';
import {accountPicker, actingAccounts, chosenAccount} from './official.js';

export const name = 'insights';
export const tab = 'profile';

let nodes = null;

async function numbers(account) {
  const path = `accounts/${encodeURIComponent(account)}/insights`;
  const [summary, daily, items] = await Promise.all([
    api('GET', `${path}/summary?days=7`), api('GET', `${path}/daily?days=7`), api('GET', `${path}/stories?days=7`)]);
  return {account, summary, daily, items};
}

export async function load() {
  const accounts = await actingAccounts();
  if (!accounts.length) return {accounts};
  return {accounts, ...await numbers(chosenAccount(accounts))};
}

export function leave() {
  nodes = null;
}

export function render(data, root) {
  if (!data.accounts.length) {
    root.append(el('section', {class: 'card'}, el('h1', {text: t('insights.title')}), el('p', {text: t('insights.none')})));
    return;
  }
  nodes = {account: data.account, dashboard: el('div', {class: 'dashboard'})};
  root.append(el('section', {class: 'card', id: 'insights'}, el('h1', {text: t('insights.title')}),
    accountPicker(data.accounts, data.account, async (account) => {
      nodes.account = account;
      const fresh = await numbers(account).catch(() => null);
      if (fresh && nodes?.account === account) nodes.dashboard.replaceChildren(...dashboard(fresh));
    }),
    nodes.dashboard));
  nodes.dashboard.append(...dashboard(data));
}

/// The numbers of one account, as the nodes under the picker.
function dashboard({account, summary, daily, items}) {
  const cell = (value) => value === 'suppressed' ? t('insights.suppressed') : formatNumber(value);
  const max = Math.max(1, ...daily.map((d) => d.views));
  const chart = el('div', {class: 'chart', role: 'img', 'aria-label': t('insights.perDay')}, daily.map((d) =>
    el('div', {class: 'col', title: `${d.date}: ${d.views}`},
      el('span', {class: 'value', text: formatNumber(d.views)}),
      el('span', {class: 'fill', style: false, 'data-height': Math.round((d.views / max) * 100)}),
      el('span', {class: 'label', text: d.date.slice(5)}))));
  const most = Math.max(1, ...daily.map((d) => Math.max(d.subscribersGained, d.subscribersLost)));
  const subscribersChart = el('div', {class: 'chart', id: 'subscribers-chart', role: 'img',
    'aria-label': t('insights.subscribersPerDay')}, daily.map((d) =>
    el('div', {class: 'col', title: `${d.date}: +${d.subscribersGained} / −${d.subscribersLost}`},
      el('span', {class: 'value', text: `+${formatNumber(d.subscribersGained)} −${formatNumber(d.subscribersLost)}`}),
      el('span', {class: 'pair'},
        el('span', {class: 'fill gained', 'data-height': Math.round((d.subscribersGained / most) * 100)}),
        el('span', {class: 'fill lost', 'data-height': Math.round((d.subscribersLost / most) * 100)})),
      el('span', {class: 'label', text: d.date.slice(5)}))));
  [chart, subscribersChart].forEach((c) => c.querySelectorAll('.fill').forEach((fill) => { fill.style.height = `${fill.dataset.height}%`; }));
  const download = el('button', {type: 'button', id: 'csv', text: t('insights.csv'), onclick: async () => {
    const response = await fetch(`/api/v1/accounts/${account}/insights/export.csv?days=7`,
      {headers: {Authorization: `Bearer ${session.token}`}});
    const url = URL.createObjectURL(await response.blob());
    const link = el('a', {href: url, download: `${account}-insights.csv`});
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }});
  return [
    el('dl', {class: 'numbers'},
      el('dt', {text: t('insights.views')}), el('dd', {id: 'views', text: formatNumber(summary.views)}),
      el('dt', {text: t('insights.unique')}), el('dd', {id: 'unique', text: formatNumber(summary.uniqueViewers)}),
      el('dt', {text: t('insights.completion')}), el('dd', {id: 'completion',
        text: summary.completionRate == null ? '–' : formatNumber(summary.completionRate * 100) + ' %'}),
      el('dt', {text: t('insights.subscribers')}), el('dd', {id: 'subscribers',
        text: `${formatNumber(summary.subscribers)} (+${summary.subscribersGained} / −${summary.subscribersLost})`})),
    el('h3', {text: t('insights.perDay')}), chart,
    el('h3', {text: t('insights.subscribersPerDay')}), subscribersChart,
    el('p', {class: 'legend'}, el('span', {class: 'key gained'}), ` ${t('insights.gained')} `,
      el('span', {class: 'key lost'}), ` ${t('insights.lost')}`),
    el('h3', {text: t('insights.items')}),
    el('table', {id: 'items'}, el('thead', {}, el('tr', {}, [t('insights.posted'), t('insights.views'), t('insights.unique'),
      t('insights.completion')].map((h) => el('th', {scope: 'col', text: h})))),
    el('tbody', {}, items.map((item) => el('tr', {'data-item': item.id},
      el('td', {text: formatTime(item.postedAt)}), el('td', {text: formatNumber(item.views)}),
      el('td', {text: formatNumber(item.uniqueViewers)}),
      el('td', {text: item.completionRate == null ? '–' : formatNumber(item.completionRate * 100) + ' %'}))))),
    el('h3', {text: t('insights.ages')}),
    el('table', {id: 'ages'}, el('tbody', {}, Object.entries(summary.audience.ageBands).map(([band, value]) =>
      el('tr', {}, el('th', {scope: 'row', text: band}), el('td', {text: cell(value)}))))),
    download];
}
