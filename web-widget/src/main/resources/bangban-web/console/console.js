// The helper console 帮办工作台 (/console/): login, presence, offers, the call with the applicant (media, remote
// pointer, chat, received materials), the case panel, transfer, end and wrap-up, and the helper's own cases.
// Protocol: docs/protocol.md; REST: docs/api.md. Every string comes from i18n/console.<lang>.json.

import { BangbanClient } from '../js/bangban-client.js';
import { currentLang, loadMessages, otherLang, rememberLang } from '../js/i18n.js';
import { wireLargeTextButton } from '../js/large-text.js';
import { Api } from './api.js';
import { CallView } from './call.js';
import { CasePanel } from './case-panel.js';
import { PointerTool } from './pointer.js';

const I18N = new URL('../i18n/', import.meta.url);
const TOKEN_KEY = 'bangban.console.token';
const PING_MS = 15000;

const $ = (id) => document.getElementById(id);
const byTestId = (id) => document.querySelector('[data-testid="' + id + '"]');

const state = {
  msgs: null,
  client: null,
  token: null,
  me: null,          // auth reply: principalId, displayName, skills
  presence: null,
  clockOffset: 0,    // server time − local time
  offer: null,       // the open offer, with .deadline (local ms)
  session: null,     // session.started fields
  ending: false,
  materials: new Map(),
  timers: { offer: null, wrapup: null, ping: null },
  reconnecting: false,
};

const api = new Api(() => state.token);

/** A service item's name in the page's language (GET /api/items), its id until the list is in. */
function itemName(id) {
  const item = state.items && state.items.get(id);
  if (!item) return id;
  return state.msgs.lang === 'en' ? item.nameEn || item.nameZh : item.nameZh;
}

async function loadItems() {
  try {
    const r = await fetch('/api/items');
    if (!r.ok) return;
    state.items = new Map(((await r.json()).items || []).map((i) => [i.id, i]));
    renderAll();
  } catch (e) {
    // ids are shown instead
  }
}
const t = (key, params) => state.msgs.t(key, params);

function notify(key, params) {
  const line = $('status-line');
  line.textContent = t(key, params);
  line.dataset.key = key;
}

// ------------------------------------------------------------------ language and look

async function setLanguage(lang) {
  state.msgs = await loadMessages(I18N, 'console', lang);
  state.msgs.apply(document);
  document.title = t('title');
  const other = otherLang(lang);
  const sw = $('lang-switch');
  sw.textContent = other === 'en' ? 'English' : '中文';
  sw.lang = other;
  sw.setAttribute('aria-label', t('langSwitch'));
  renderAll();
}

function renderAll() {
  renderWho();
  renderPresence();
  renderSkills();
  renderOffer();
  renderCall();
  casePanel.render();
  renderCases(state.cases || []);
  for (const li of $('chat-log').children) li.firstChild.textContent = t(li.dataset.role === 'helper' ? 'chat.me' : 'chat.applicant') + '：';
}

// ------------------------------------------------------------------ connection and login

async function connect() {
  const client = new BangbanClient();
  await client.connect();
  state.client = client;
  client.on('presence', (m) => setPresence(m));
  client.on('offer', (m) => showOffer(m));
  client.on('offer.withdrawn', (m) => offerWithdrawn(m));
  client.on('session.started', (m) => sessionStarted(m));
  client.on('session.ended', (m) => sessionEnded(m));
  client.on('chat.message', (m) => chatMessage(m));
  client.on('material.added', (m) => materialAdded(m));
  client.on('pointer', (m) => {
    if (state.session && m.sessionId === state.session.sessionId) pointer.receive(m);
  });
  client.on('monitor.started', () => notify('monitor.started'));
  client.on('monitor.stopped', () => notify('monitor.stopped'));
  client.on('monitor.mode', (m) => notify('monitor.mode.' + m.mode));
  client.on('media.closed', () => notify('call.mediaFailed'));
  client.on('server.draining', () => notify('connection.draining'));
  client.on('closed', () => connectionLost(client));
  call.client = client;
  const sent = Date.now();
  const pong = await client.request('ping');
  state.clockOffset = pong.serverTime - (sent + Date.now()) / 2;
  clearInterval(state.timers.ping);
  state.timers.ping = setInterval(() => client.request('ping').catch(() => {}), PING_MS);
  return client;
}

function serverNow() {
  return Date.now() + state.clockOffset;
}

async function login(e) {
  e.preventDefault();
  const username = $('login-user').value.trim();
  const password = $('login-password').value;
  const error = $('login-error');
  error.textContent = '';
  if (!username || !password) {
    error.textContent = t('login.missing');
    return;
  }
  byTestId('login-submit').disabled = true;
  try {
    if (!state.client) await connect();
    const me = await state.client.request('auth.login', { username, password });
    if (me.role !== 'helper') {
      error.textContent = t('login.notHelper');
      state.client.close();
      state.client = null;
      return;
    }
    signedIn(me);
  } catch (err) {
    error.textContent = err.code === 'auth_failed' ? t('login.failed') : t('login.error', { detail: err.message });
  } finally {
    byTestId('login-submit').disabled = false;
  }
}

function signedIn(me) {
  state.me = me;
  state.token = me.token;
  try {
    sessionStorage.setItem(TOKEN_KEY, me.token);
  } catch (e) {
    // a reload will ask for the password again
  }
  $('login-view').hidden = true;
  $('desk').hidden = false;
  $('logout').hidden = false;
  $('login-password').value = '';
  setPresence(me.presence);
  renderWho();
  renderSkills();
  loadCases();
  $('status-available').focus();
}

/** A reload or a dropped connection: the token restores the helper within the grace period. */
async function resume(token) {
  try {
    await connect();
    const me = await state.client.request('auth.token', { token });
    if (me.role !== 'helper') throw new Error('not a helper');
    signedIn(me);
    return true;
  } catch (e) {
    try {
      sessionStorage.removeItem(TOKEN_KEY);
    } catch (err) {
      // nothing kept
    }
    return false;
  }
}

function connectionLost(client) {
  if (client !== state.client || !state.token || state.reconnecting) return;
  state.reconnecting = true;
  notify('connection.lost');
  let attempt = 0;
  const retry = async () => {
    attempt += 1;
    if (await resume(state.token)) {
      state.reconnecting = false;
      notify('connection.back');
    } else if (attempt < 5) {
      setTimeout(retry, 1000 * attempt);
    } else {
      state.reconnecting = false;
      notify('connection.gone');
    }
  };
  setTimeout(retry, 500);
}

async function logout() {
  if (state.client) {
    try {
      // leaving ends a session still running: the applicant is told, the case records it
      if (state.session) await state.client.request('session.end', { sessionId: state.session.sessionId });
    } catch (e) {
      // already ended
    }
    try {
      await state.client.request('presence.set', { status: 'offline' });
    } catch (e) {
      // leaving anyway
    }
    const c = state.client;
    state.client = null;
    c.close();
  }
  try {
    sessionStorage.removeItem(TOKEN_KEY);
  } catch (e) {
    // nothing kept
  }
  clearInterval(state.timers.ping);
  endCall();
  hideOffer();
  Object.assign(state, { token: null, me: null, presence: null, cases: [] });
  $('desk').hidden = true;
  $('logout').hidden = true;
  $('login-view').hidden = false;
  renderWho();
  $('login-user').focus();
  notify('login.loggedOut');
}

function renderWho() {
  $('who').textContent = state.me ? t('who', { name: state.me.displayName }) : '';
}

// ------------------------------------------------------------------ presence and wrap-up

function setPresence(p) {
  if (!p) return;
  state.presence = p;
  renderPresence();
  if (p.reason && p.status === 'away') notify('presence.autoAway');
}

async function choose(status) {
  try {
    setPresence(await state.client.request('presence.set', { status }));
    notify('presence.set.' + status);
  } catch (e) {
    notify('presence.failed', { detail: e.message });
  }
}

function renderPresence() {
  const p = state.presence;
  if (!p) return;
  const wrapping = !!p.wrapUpUntil && p.wrapUpUntil > serverNow();
  const status = wrapping ? 'wrap_up' : (p.status === 'wrap_up' ? 'available' : p.status);
  $('presence-status').textContent = t('status.' + status);
  $('presence-status').dataset.status = status;
  $('presence-reason').textContent = p.reason && status === 'away' ? t('presence.autoAwayShort') : '';
  $('status-available').setAttribute('aria-pressed', String(status === 'available' || status === 'busy'));
  $('status-away').setAttribute('aria-pressed', String(status === 'away'));
  $('wrapup').hidden = !wrapping;
  clearInterval(state.timers.wrapup);
  if (wrapping) {
    const tick = () => {
      const left = Math.max(0, Math.ceil((p.wrapUpUntil - serverNow()) / 1000));
      $('wrapup-timer').textContent = t('seconds', { n: left });
      if (left <= 0) {
        clearInterval(state.timers.wrapup);
        delete p.wrapUpUntil;
        renderPresence();
      }
    };
    tick();
    state.timers.wrapup = setInterval(tick, 1000);
  }
}

async function endWrapUp() {
  try {
    const p = await state.client.request('wrapup.end');
    delete p.wrapUpUntil;
    setPresence(p);
    notify('wrapup.ended');
    $('status-available').focus();
  } catch (e) {
    notify('presence.failed', { detail: e.message });
  }
}

function renderSkills() {
  const list = $('skills');
  list.replaceChildren();
  const skills = (state.me && state.me.skills) || {};
  for (const [skill, level] of Object.entries(skills)) {
    const li = document.createElement('li');
    const name = skill.startsWith('category:') ? skill.slice('category:'.length) : skill;
    li.textContent = t('skills.entry', { name, level });
    list.append(li);
  }
}

// ------------------------------------------------------------------ offers

function showOffer(m) {
  state.offer = Object.assign({}, m, { deadline: Date.now() + (m.expiresInMs || 0) });
  renderOffer();
  clearInterval(state.timers.offer);
  state.timers.offer = setInterval(renderCountdown, 250);
  $('offer-accept').focus();
}

function renderOffer() {
  const o = state.offer;
  $('offer').hidden = !o;
  if (!o) return;
  const parts = [state.items && state.items.has(o.item) ? itemName(o.item) : o.itemName || o.item, t('kind.' + String(o.kind).toUpperCase())];
  if (o.priority === 'green') parts.push(t('green.' + String(o.green || 'GREEN').toUpperCase()));
  if (o.transfer) parts.push(t('offer.transfer'));
  parts.push(t('offer.waited', { n: Math.round((o.waitedMs || 0) / 1000) }));
  $('offer-text').textContent = parts.join(' · ');
  $('offer-description').textContent = o.description ? t('offer.description', { text: o.description }) : '';
  renderCountdown();
}

function renderCountdown() {
  if (!state.offer) return;
  const left = Math.max(0, Math.ceil((state.offer.deadline - Date.now()) / 1000));
  $('offer-countdown').textContent = t('seconds', { n: left });
}

function hideOffer() {
  clearInterval(state.timers.offer);
  state.offer = null;
  renderOffer();
}

async function acceptOffer() {
  const o = state.offer;
  if (!o) return;
  $('offer-accept').disabled = true;
  try {
    const started = await state.client.request('offer.accept', { requestId: o.requestId });
    hideOffer();
    sessionStarted(started);
  } catch (e) {
    hideOffer();
    notify('offer.gone', { detail: e.message });
  } finally {
    $('offer-accept').disabled = false;
  }
}

async function declineOffer() {
  const o = state.offer;
  if (!o) return;
  try {
    const r = await state.client.request('offer.decline', { requestId: o.requestId });
    setPresence(r.presence);
    notify('offer.declined');
  } catch (e) {
    notify('offer.gone', { detail: e.message });
  }
  hideOffer();
  $('status-available').focus();
}

function offerWithdrawn(m) {
  if (!state.offer || state.offer.requestId !== m.requestId) return;
  const hadFocus = $('offer').contains(document.activeElement);
  hideOffer();
  if (m.reason !== 'DECLINED') notify('offer.withdrawn.' + m.reason);
  if (hadFocus) $('status-available').focus();
}

// ------------------------------------------------------------------ the call

const call = new CallView(null, {
  stage: $('stage-video'), side: $('side-video'), own: $('own-video'), audio: $('remote-audio'),
  switchBtn: $('stage-switch'), micBtn: $('mic-toggle'), camBtn: $('camera-toggle'), shareBtn: $('share-screen'),
}, notify, () => renderCall());

const pointer = new PointerTool($('stage-video'), $('pointer-layer'), (fields) => {
  if (!state.session) return;
  state.client.request('pointer.send', Object.assign({ sessionId: state.session.sessionId }, fields))
    .catch((e) => notify('pointer.failed', { detail: e.message }));
}, (key) => notify(key));

const casePanel = new CasePanel($('case-panel'), api, () => state.msgs, notify, itemName);

function sessionStarted(m) {
  if (state.session && state.session.sessionId === m.sessionId) return;
  state.session = m;
  state.ending = false;
  state.materials.clear();
  $('chat-log').replaceChildren();
  $('materials').replaceChildren();
  $('transfer-box').open = false;
  hideOffer();
  if (state.presence) setPresence(Object.assign({}, state.presence, { status: 'busy', wrapUpUntil: undefined }));
  call.start(m.sessionId);
  renderCall();
  casePanel.load(m.caseNumber || null);
  notify(m.resumed ? 'call.resumed' : 'call.started');
  $('end-session').focus();
}

function sessionEnded(m) {
  if (!state.session || state.session.sessionId !== m.sessionId) return;
  endCall();
  if (m.wrapUpUntil) setPresence(Object.assign({}, state.presence, { status: 'wrap_up', wrapUpUntil: m.wrapUpUntil }));
  notify('call.ended.' + (m.reason || 'HELPER_ENDED'));
  if (m.caseNumber) casePanel.load(m.caseNumber);
  loadCases();
  $('wrapup-end').focus();
}

function endCall() {
  state.session = null;
  pointer.stop();
  call.close();
  renderCall();
}

async function endSession() {
  const s = state.session;
  if (!s || state.ending) return;
  state.ending = true;
  try {
    const r = await state.client.request('session.end', { sessionId: s.sessionId });
    sessionEnded({ sessionId: s.sessionId, reason: 'HELPER_ENDED', wrapUpUntil: r.wrapUpUntil, caseNumber: s.caseNumber });
  } catch (e) {
    state.ending = false;
    notify('call.endFailed', { detail: e.message });
  }
}

function renderCall() {
  const s = state.session;
  $('call').hidden = !s;
  if (!s) return;
  $('call-info').textContent = t('call.info', { item: itemName(s.item), kind: t('kind.' + String(s.kind).toUpperCase()) });
  const screen = call.stageIsScreen();
  $('stage-label').textContent = t(call.remote[call.onStage] ? 'call.stage.' + call.onStage : 'call.waitingMedia');
  $('side-label').textContent = t('call.side.' + (call.onStage === 'screen' ? 'camera' : 'screen'));
  for (const [id, mode] of [['pointer-tool', 'point'], ['pen-tool', 'pen']]) {
    $(id).disabled = !screen;
    $(id).setAttribute('aria-pressed', String(screen && pointer.mode === mode));
  }
  $('pointer-clear').disabled = !screen;
  if (!screen && pointer.mode !== 'off') pointer.setMode('off');
}

function toolClicked(mode) {
  pointer.setMode(pointer.mode === mode ? 'off' : mode);
  renderCall();
  notify(pointer.mode === 'off' ? 'pointer.off' : 'pointer.on.' + pointer.mode);
}

// ------------------------------------------------------------------ chat and materials

async function sendChat(e) {
  e.preventDefault();
  const input = $('chat-input');
  const text = input.value.trim();
  if (!text || !state.session) return;
  try {
    await state.client.request('chat.send', { sessionId: state.session.sessionId, text });
    input.value = '';
  } catch (err) {
    notify('chat.failed', { detail: err.message });
  }
}

function chatMessage(m) {
  if (!state.session || m.sessionId !== state.session.sessionId) return;
  const log = $('chat-log');
  const li = document.createElement('li');
  li.dataset.role = m.role;
  li.dataset.seq = m.seq;
  li.className = m.role === 'helper' ? 'mine' : 'theirs';
  const who = document.createElement('span');
  who.className = 'who';
  who.textContent = t(m.role === 'helper' ? 'chat.me' : 'chat.applicant') + '：';
  const text = document.createElement('span');
  text.dataset.testid = 'chat-text';
  text.textContent = m.text;
  li.append(who, text);
  // ordered by the case event's number, whatever order the pushes arrive in
  const after = [...log.children].find((x) => Number(x.dataset.seq) > Number(m.seq));
  log.insertBefore(li, after || null);
  li.scrollIntoView({ block: 'nearest' });
}

function materialAdded(m) {
  if (!state.session || m.sessionId !== state.session.sessionId || state.materials.has(m.materialId)) return;
  state.materials.set(m.materialId, m);
  const li = document.createElement('li');
  li.dataset.materialId = m.materialId;
  const name = document.createElement('span');
  name.textContent = t('materials.entry', { name: m.name, size: Math.max(1, Math.round(m.size / 1024)) });
  const btn = document.createElement('button');
  btn.type = 'button';
  btn.dataset.testid = 'material-download';
  btn.textContent = t('materials.download');
  btn.setAttribute('aria-label', t('materials.downloadNamed', { name: m.name }));
  btn.addEventListener('click', () => downloadMaterial(m, li, btn));
  li.append(name, ' ', btn);
  $('materials').append(li);
  $('materials-empty').hidden = true;
  notify('materials.received', { name: m.name });
}

async function downloadMaterial(m, li, btn) {
  btn.disabled = true;
  try {
    let link = li.querySelector('a');
    if (!link) {
      link = document.createElement('a');
      link.href = await api.download(m.materialId);
      link.download = m.name;
      link.dataset.testid = 'material-link';
      link.textContent = t('materials.save', { name: m.name });
      li.append(' ', link);
    }
    link.click();
  } catch (e) {
    notify('materials.failed', { detail: e.message });
  } finally {
    btn.disabled = false;
  }
}

// ------------------------------------------------------------------ transfer

/** Fills the transfer target list: the other helpers logged in now, or the skill groups (GET /api/helpers). */
async function loadTransferTargets() {
  const select = $('transfer-target');
  const kind = document.querySelector('input[name="transfer-kind"]:checked').value;
  try {
    const r = await api.get('/api/helpers');
    const options = kind === 'group'
      ? (r.groups || []).map((g) => new Option(g, g))
      : (r.helpers || []).filter((h) => !state.me || h.helperId !== state.me.principalId)
        .map((h) => new Option(t('transfer.helperEntry', { name: h.displayName, status: t('status.' + h.status) }), h.helperId));
    select.replaceChildren(...options);
    if (!options.length) select.append(new Option(t(kind === 'group' ? 'transfer.noGroup' : 'transfer.noHelper'), ''));
  } catch (e) {
    notify('transfer.failed', { detail: e.message });
  }
}

async function transfer(e) {
  e.preventDefault();
  const s = state.session;
  const select = $('transfer-target');
  const target = select.value;
  if (!s) return;
  if (!target) {
    notify('transfer.missing');
    select.focus();
    return;
  }
  const label = select.selectedOptions[0].textContent;
  const kind = document.querySelector('input[name="transfer-kind"]:checked').value;
  const fields = { sessionId: s.sessionId, note: $('transfer-note').value.trim() };
  if (kind === 'helper') fields.toHelper = target;
  else fields.toGroup = target;
  try {
    const r = await state.client.request('session.transfer', fields);
    endCall();
    if (r.wrapUpUntil) setPresence(Object.assign({}, state.presence, { status: 'wrap_up', wrapUpUntil: r.wrapUpUntil }));
    $('transfer-note').value = '';
    notify('transfer.done', { target: label });
    loadCases();
  } catch (err) {
    notify('transfer.failed', { detail: err.message });
  }
}

// ------------------------------------------------------------------ own cases

async function loadCases() {
  if (!state.me) return;
  try {
    const page = await api.get('/api/cases?limit=20&helper=' + encodeURIComponent(state.me.principalId));
    state.cases = page.cases || [];
    renderCases(state.cases);
  } catch (e) {
    notify('cases.failed', { detail: e.message });
  }
}

function renderCases(cases) {
  const body = $('my-cases');
  body.replaceChildren(...cases.map((c) => {
    const tr = document.createElement('tr');
    tr.dataset.testid = 'case-row';
    tr.dataset.number = c.number;
    const open = document.createElement('button');
    open.type = 'button';
    open.className = 'link';
    open.dataset.testid = 'case-open';
    open.textContent = c.number;
    open.setAttribute('aria-label', t('cases.open', { number: c.number }));
    open.addEventListener('click', () => {
      casePanel.load(c.number).then(() => $('case-panel').scrollIntoView({ block: 'start' }));
    });
    const cell = (text) => {
      const td = document.createElement('td');
      td.textContent = text;
      return td;
    };
    const first = document.createElement('td');
    first.append(open);
    tr.append(first, cell(itemName(c.itemId)), cell(t('kind.' + c.kind)), cell(t('state.' + c.state)),
      cell(new Date(c.updatedAt).toLocaleString(state.msgs.lang)));
    tr.children[3].dataset.state = c.state;
    return tr;
  }));
  if (!cases.length) {
    const tr = document.createElement('tr');
    const td = document.createElement('td');
    td.colSpan = 5;
    td.textContent = t('cases.none');
    tr.append(td);
    body.append(tr);
  }
}

// ------------------------------------------------------------------ wiring

function wire() {
  $('login-form').addEventListener('submit', login);
  $('logout').addEventListener('click', logout);
  $('lang-switch').addEventListener('click', () => {
    const lang = otherLang(state.msgs.lang);
    rememberLang(lang);
    setLanguage(lang);
  });
  $('status-available').addEventListener('click', () => choose('available'));
  $('status-away').addEventListener('click', () => choose('away'));
  $('wrapup-end').addEventListener('click', endWrapUp);
  $('offer-accept').addEventListener('click', acceptOffer);
  $('offer-decline').addEventListener('click', declineOffer);
  $('offer').addEventListener('keydown', (e) => {
    if (e.key === 'Escape') declineOffer();
  });
  $('stage-switch').addEventListener('click', () => call.switchStage());
  $('mic-toggle').addEventListener('click', () => call.toggle('microphone'));
  $('camera-toggle').addEventListener('click', () => call.toggle('camera'));
  $('share-screen').addEventListener('click', () => call.toggleShare());
  $('pointer-tool').addEventListener('click', () => toolClicked('point'));
  $('pen-tool').addEventListener('click', () => toolClicked('pen'));
  $('pointer-clear').addEventListener('click', () => {
    pointer.clear();
    notify('pointer.cleared');
  });
  $('end-session').addEventListener('click', endSession);
  $('chat-form').addEventListener('submit', sendChat);
  $('transfer-form').addEventListener('submit', transfer);
  $('transfer-box').addEventListener('toggle', () => {
    if ($('transfer-box').open) loadTransferTargets();
  });
  document.querySelectorAll('input[name="transfer-kind"]').forEach((r) => r.addEventListener('change', loadTransferTargets));
  $('cases-refresh').addEventListener('click', loadCases);
}

// For diagnostics and the browser tests: what the media connections receive (getStats), and the pointer's mapping.
window.bangbanConsole = {
  mediaStats: () => call.stats(),
  session: () => state.session,
};

async function main() {
  wireLargeTextButton($('large-text'));
  wire();
  await setLanguage(currentLang());
  loadItems();
  let token = null;
  try {
    token = sessionStorage.getItem(TOKEN_KEY);
  } catch (e) {
    // no storage: log in again
  }
  if (!(token && await resume(token))) $('login-user').focus();
  document.body.dataset.ready = 'true';
}

main();
