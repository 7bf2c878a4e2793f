// The supervisor dashboard 监督大屏 (/supervisor/): login, the live wallboard over the WebSocket, monitoring a
// session (silent, whisper, barge-in), force end, case and rating search, indicator charts.
import { BangbanClient } from '../js/bangban-client.js';
import { currentLang, loadMessages, otherLang, rememberLang } from '../js/i18n.js';
import { wireLargeTextButton } from '../js/large-text.js';
import { Wallboard } from './wallboard.js';
import { Monitor } from './monitor.js';
import { CaseSearch } from './cases.js';
import { renderIndicators } from './charts.js';

const I18N = new URL('../i18n/', import.meta.url);
const $ = (id) => document.querySelector('[data-testid=' + id + ']');

const state = { messages: null, client: null, token: null, me: null, wallboard: null, monitor: null, cases: null };
const messages = () => state.messages;

async function setLanguage(lang) {
  state.messages = await loadMessages(I18N, 'supervisor', lang);
  state.messages.apply(document);
  const toggle = $('lang-toggle');
  toggle.lang = otherLang(lang);
  toggle.textContent = state.messages.t('tools.otherLang');
  if (state.me) $('who').textContent = state.messages.t('tools.who', { name: state.me.displayName });
  if (state.wallboard) state.wallboard.render();
  if (state.monitor) state.monitor.render();
}

/** Speaks a short notice to screen readers (and shows it as the board status). */
function announce(text) {
  $('board-status').textContent = text;
}

async function api(path) {
  const r = await fetch(path, { headers: { Authorization: 'Bearer ' + state.token } });
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(body.message || r.status + ' ' + r.statusText);
  return body;
}

async function login(username, password) {
  const client = new BangbanClient();
  await client.connect();
  let me;
  try {
    me = await client.request('auth.login', { username, password });
  } catch (e) {
    client.close();
    throw e;
  }
  if (me.role !== 'supervisor') {
    client.close();
    throw new Error(state.messages.t('login.notSupervisor'));
  }
  state.client = client;
  state.token = me.token;
  state.me = me;
  client.on('closed', () => announce(state.messages.t('board.disconnected')));
  setInterval(() => client.request('ping').catch(() => {}), 15000);
  startApp();
}

function startApp() {
  const client = state.client;
  $('login-form').closest('section').hidden = true;
  document.getElementById('app').hidden = false;
  $('logout').hidden = false;
  $('who').hidden = false;
  $('who').textContent = state.messages.t('tools.who', { name: state.me.displayName });

  const dialog = $('force-end-dialog');
  state.monitor = new Monitor(client, document.getElementById('monitor'), {
    messages, announce, onChange: (id) => state.wallboard.setMonitoring(id),
  });
  state.wallboard = new Wallboard(document.getElementById('panel-wallboard'), {
    messages,
    onMonitor: (s) => state.monitor.start(s).catch((e) => announce(state.messages.t('error.request', { message: e.message }))),
    onForceEnd: (s) => {
      dialog.dataset.sessionId = s.sessionId;
      $('force-end-text').textContent = state.messages.t('forceEnd.text', { helper: s.helperName, applicant: s.applicant });
      dialog.returnFocus = document.activeElement;
      dialog.showModal();
      $('force-end-cancel').focus();
    },
  });
  dialog.addEventListener('close', () => {
    const sessionId = dialog.dataset.sessionId;
    if (dialog.returnValue === 'confirm' && sessionId) {
      client.request('session.end', { sessionId })
        .then(() => announce(state.messages.t('forceEnd.done')))
        .catch((e) => announce(state.messages.t('error.request', { message: e.message })));
    }
    dialog.returnValue = '';
    if (dialog.returnFocus && dialog.returnFocus.isConnected) dialog.returnFocus.focus();
  });
  state.cases = new CaseSearch(document.getElementById('panel-cases'), { api, messages });

  client.on('wallboard', (board) => state.wallboard.update(board));
  client.request('wallboard.subscribe').catch((e) => announce(state.messages.t('error.request', { message: e.message })));

  const today = new Date();
  const iso = (d) => d.toISOString().slice(0, 10);
  $('indicators-to').value = iso(today);
  $('indicators-from').value = iso(new Date(today.getTime() - 13 * 86400000));
  $('indicators-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const q = new URLSearchParams({ from: $('indicators-from').value, to: $('indicators-to').value, by: 'day' });
    $('indicators-status').textContent = state.messages.t('indicators.loading');
    api('/api/indicators?' + q)
      .then((report) => {
        renderIndicators($('indicator-charts'), report, state.messages);
        $('indicators-status').textContent = '';
      })
      .catch((err) => {
        $('indicators-status').textContent = state.messages.t('indicators.unavailable', { message: err.message });
      });
  });
  document.getElementById('main').focus();
}

function setupTabs() {
  const tabs = [...document.querySelectorAll('[role=tab]')];
  const select = (tab) => {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
      document.getElementById(t.getAttribute('aria-controls')).hidden = !on;
    }
    tab.focus();
  };
  for (const t of tabs) {
    t.addEventListener('click', () => select(t));
    t.addEventListener('keydown', (e) => {
      const i = tabs.indexOf(t);
      if (e.key === 'ArrowRight') select(tabs[(i + 1) % tabs.length]);
      else if (e.key === 'ArrowLeft') select(tabs[(i - 1 + tabs.length) % tabs.length]);
      else if (e.key === 'Home') select(tabs[0]);
      else if (e.key === 'End') select(tabs[tabs.length - 1]);
    });
  }
}

async function main() {
  wireLargeTextButton($('large-toggle'));
  await setLanguage(currentLang());
  setupTabs();
  $('lang-toggle').addEventListener('click', () => {
    const next = otherLang(state.messages.lang);
    rememberLang(next);
    setLanguage(next);
  });
  $('logout').addEventListener('click', () => location.reload());
  $('login-form').addEventListener('submit', (e) => {
    e.preventDefault();
    $('login-error').textContent = '';
    const user = $('login-user').value.trim();
    const password = $('login-password').value;
    if (!user || !password) {
      $('login-error').textContent = state.messages.t('login.missing');
      return;
    }
    $('login-submit').disabled = true;
    login(user, password)
      .catch((err) => {
        $('login-error').textContent = err.code === 'auth_failed' ? state.messages.t('login.failed') : err.message;
      })
      .finally(() => { $('login-submit').disabled = false; });
  });
  window.bbSupervisor = {
    /** Diagnostics: the monitor's getStats summary (inbound streams, bytes sent). */
    mediaStats: () => (state.monitor ? state.monitor.stats() : Promise.resolve({ inbound: {}, outboundBytes: 0 })),
  };
  document.documentElement.dataset.ready = 'true';
}

main().catch((e) => console.error('the supervisor dashboard did not start', e));
