// The help panel, loaded on the first click of the 帮办 button (or at once to resume): the flow
//   item → 帮办/代办 → description (+ green channel) → consent → queue (or callback) → call → rating
// driven by the server's replies and pushes (docs/protocol.md). Where the applicant stands is kept in this tab
// (store.js), so a reload or another page of the portal reconnects with the same token and resumes.

import { loadMessages, currentLang, rememberLang, LANGS } from '../js/i18n.js';
import { h, fill } from './dom.js';
import { loadState, saveState, resetState } from './store.js';
import { Connection } from './connection.js';
import { Call } from './call.js';
import { PointerOverlay } from './pointer.js';
import { renderRating } from './rating.js';
import { renderChat, appendChatLine, uploadFile } from './chat.js';

const LARGE_KEY = 'bangban.large';
const RESUME_GRACE_MS = 1500;
const GREEN = ['elderly', 'disability', 'key_project'];

export function createApp(ctx) {
  return new App(ctx);
}

class App {
  constructor({ config, host, root, button, badge }) {
    this.config = config;
    this.host = host;
    this.root = root;
    this.button = button;
    this.badge = badge;
    this.state = loadState(config.stateKey);
    this.items = null;
    this.filter = '';
    this.notice = null;
    this.call = null;
    this.callView = null;
    this.pointer = new PointerOverlay(window);
    this.conn = new Connection(config.server, {
      onPush: (type, msg) => this.onPush(type, msg),
      onStatus: (s) => this.onStatus(s),
      authenticate: (client) => this.authenticate(client),
    });
    this.connecting = null;
    this.ui = null;
  }

  // ------------------------------------------------------------------ public (widget.js)

  async open() {
    await this.ensureUi();
    this.panel.hidden = false;
    this.button.setAttribute('aria-expanded', 'true');
    this.state.panelOpen = true;
    this.save();
    this.render();
    this.focusFirst();
    this.ensureConnected().catch(() => {});
  }

  close() {
    if (!this.panel) return;
    this.panel.hidden = true;
    this.button.setAttribute('aria-expanded', 'false');
    this.state.panelOpen = false;
    this.save();
    this.button.focus();
  }

  toggle() {
    if (this.panel && !this.panel.hidden) this.close();
    else this.open();
  }

  /** This tab had a request, call or rating going: reconnect with the kept token and let the server say where. */
  async resume() {
    await this.ensureUi();
    this.panel.hidden = !this.state.panelOpen;
    this.button.setAttribute('aria-expanded', String(!this.panel.hidden));
    this.render();
    this.ensureConnected().catch(() => {});
  }

  snapshot() {
    const s = this.state;
    return { loaded: true, step: s.step, requestId: s.requestId, sessionId: s.sessionId, caseNumber: s.caseNumber,
      position: s.queue ? s.queue.position : null, sharing: !!(this.call && this.call.sharing()),
      lang: this.m ? this.m.lang : null, panelOpen: !!(this.panel && !this.panel.hidden) };
  }

  stats() {
    return this.call ? this.call.stats() : Promise.resolve(null);
  }

  // ------------------------------------------------------------------ UI shell

  ensureUi() {
    if (!this.ui) this.ui = this.buildUi();
    return this.ui;
  }

  async buildUi() {
    const lang = LANGS.includes(this.config.lang) ? this.config.lang : currentLang();
    this.m = await loadMessages(new URL('../i18n/', import.meta.url), 'widget', lang);
    const css = h('link', { rel: 'stylesheet', href: new URL('./widget.css', import.meta.url).href });
    const loaded = new Promise((resolve) => {
      css.addEventListener('load', resolve);
      css.addEventListener('error', resolve);
    });
    this.root.prepend(css);
    this.host.style.setProperty('--bb-color', this.config.color);
    this.panel = h('section', { class: 'bb-panel ' + this.config.position, role: 'dialog', 'aria-modal': 'false',
      'aria-labelledby': 'bb-title', testid: 'panel', hidden: true });
    this.panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        this.close();
      }
    });
    this.live = h('div', { class: 'bb-live', role: 'status', 'aria-live': 'polite', testid: 'live-region' });
    this.body = h('div', { class: 'bb-body' });
    this.header = h('header', { class: 'bb-head' });
    this.panel.append(this.header, this.live, this.body);
    this.banner = h('div', { class: 'bb-banner', role: 'alert', testid: 'screen-share-banner', hidden: true });
    this.root.append(this.panel, this.banner);
    this.applyLarge(localStorageGet(LARGE_KEY) === '1');
    await loaded;
  }

  renderHeader() {
    const t = (k, p) => this.m.t(k, p);
    const otherLang = this.m.lang === 'en' ? 'zh-CN' : 'en';
    fill(this.header,
      h('h2', { id: 'bb-title' }, t('panel.title')),
      h('div', { class: 'bb-tools' },
        h('button', { type: 'button', class: 'bb-tool', testid: 'lang-switch', lang: otherLang === 'en' ? 'en' : 'zh-CN',
          onclick: () => this.switchLang(otherLang) }, t('panel.otherLanguage')),
        h('button', { type: 'button', class: 'bb-tool', testid: 'large-text', 'aria-pressed': String(this.large),
          onclick: () => this.applyLarge(!this.large, true) }, t('panel.large')),
        h('button', { type: 'button', class: 'bb-tool bb-close', testid: 'panel-close', 'aria-label': t('panel.close'),
          title: t('panel.close'), onclick: () => this.close() }, '×')));
  }

  async switchLang(lang) {
    this.m = await loadMessages(new URL('../i18n/', import.meta.url), 'widget', lang);
    rememberLang(lang);
    this.callView = null;
    this.render();
    const sw = this.root.querySelector('[data-testid="lang-switch"]');
    if (sw) sw.focus();
  }

  applyLarge(on, remember) {
    this.large = on;
    this.host.classList.toggle('bb-large', on);
    if (remember) localStorageSet(LARGE_KEY, on ? '1' : '0');
    if (this.header && this.m) {
      const had = this.root.activeElement && this.root.activeElement.dataset.testid === 'large-text';
      this.renderHeader();
      if (had) this.header.querySelector('[data-testid="large-text"]').focus();
    }
  }

  focusFirst() {
    const el = this.body.querySelector('[autofocus], input, select, textarea, button:not([disabled])');
    if (el) el.focus();
  }

  say(text) {
    this.live.textContent = text;
  }

  save() {
    saveState(this.config.stateKey, this.state);
    this.updateBadge();
  }

  updateBadge() {
    if (!this.m) return;
    const s = this.state;
    let text = '';
    if (s.step === 'queue' && s.queue) text = this.m.t('badge.queue', { position: s.queue.position });
    if (s.step === 'call') text = this.m.t('badge.call');
    this.badge.textContent = text;
    this.button.setAttribute('aria-label', text ? this.config.label + ' · ' + text : this.config.label);
  }

  go(step, extra) {
    Object.assign(this.state, extra || {}, { step });
    this.save();
    this.render();
    this.focusFirst();
  }

  render() {
    if (!this.m) return;
    const focused = this.root.activeElement;
    const id = focused && focused.dataset ? focused.dataset.testid : null;
    this.renderView();
    if (id && focused !== this.root.activeElement && !focused.isConnected) {
      const again = this.panel.querySelector('[data-testid="' + id + '"]');
      if (again) again.focus();
    }
  }

  renderView() {
    this.renderHeader();
    this.updateBadge();
    const s = this.state;
    const views = {
      start: () => this.viewItems(), kind: () => this.viewKind(), describe: () => this.viewDescribe(),
      consent: () => this.viewConsent(), queue: () => this.viewQueue(), callback: () => this.viewCallback(),
      callbackDone: () => this.viewCallbackDone(), call: () => this.viewCall(), rating: () => this.viewRating(),
      done: () => this.viewDone(),
    };
    if (s.step === 'call') {
      if (!this.callView) this.callView = this.viewCall();
      if (this.body.firstChild !== this.callView || this.body.childNodes.length !== 1) fill(this.body, this.callView);
      this.refreshCall();
      return;
    }
    this.callView = null;
    fill(this.body, this.noticeEl(), (views[s.step] || views.start)());
  }

  noticeEl() {
    if (!this.notice) return null;
    return h('p', { class: 'bb-notice', testid: 'notice' }, this.notice);
  }

  setNotice(text) {
    this.notice = text;
    if (text) this.say(text);
  }

  // ------------------------------------------------------------------ connection

  ensureConnected() {
    if (!this.connecting) {
      this.connecting = this.conn.open().catch((e) => {
        this.connecting = null;
        this.setNotice(this.m.t('error.offline'));
        this.render();
        throw e;
      });
    }
    return this.connecting;
  }

  async authenticate(client) {
    const s = this.state;
    let me = null;
    let resumed = false;
    if (s.token) {
      try {
        me = await client.request('auth.token', { token: s.token });
        resumed = true;
      } catch (e) {
        if (e.code !== 'auth_failed') throw e;
        Object.assign(s, resetState(s), { token: null });
      }
    }
    if (!me) {
      me = this.config.portalToken
        ? await client.request('auth.portal', { portalToken: this.config.portalToken })
        : await client.request('auth.guest');
    }
    s.token = me.token;
    s.principalId = me.principalId;
    this.save();
    if (resumed && (s.step === 'queue' || s.step === 'call')) this.expectResume(client);
    return me;
  }

  /**
   * After a reconnect the server pushes where we stand right after the auth reply. If neither the queue place
   * nor the call comes back, the request or session ended meanwhile: say so (a call goes on to its rating).
   */
  expectResume(client) {
    this.resumeSeen = false;
    client.request('ping').catch(() => {}).then(() => new Promise((r) => setTimeout(r, RESUME_GRACE_MS))).then(() => {
      if (this.resumeSeen || this.conn.client !== client) return;
      if (this.state.step === 'call') {
        this.endCall();
        this.setNotice(this.m.t('notice.sessionGone'));
        this.go('rating');
      } else if (this.state.step === 'queue') {
        this.setNotice(this.m.t('notice.requestEnded'));
        this.go('start', resetState(this.state));
      }
    });
  }

  onStatus(status) {
    if (!this.m) return;
    if (status === 'down') {
      this.setNotice(this.m.t('notice.reconnecting'));
    } else if (this.notice === this.m.t('notice.reconnecting') || this.notice === this.m.t('error.offline')) {
      this.setNotice(null);
    }
    if (this.state.step !== 'call') this.render();
    else this.refreshCall();
  }

  onPush(type, msg) {
    const s = this.state;
    const t = (k, p) => this.m.t(k, p);
    switch (type) {
      case 'queue.update':
        this.resumeSeen = true;
        if (s.step !== 'queue' || msg.requestId !== s.requestId) {
          Object.assign(s, { requestId: msg.requestId });
        }
        s.queue = { position: msg.position, queueLength: msg.queueLength, etaSeconds: msg.etaSeconds };
        if (s.step === 'queue' && this.body.querySelector('[data-testid="queue-eta"]')) {
          this.save();
          this.body.querySelector('[data-testid="queue-position"]').textContent = this.queueText();
          this.body.querySelector('[data-testid="queue-eta"]').textContent = this.etaText();
        } else {
          this.go('queue');
        }
        this.say(this.queueText());
        break;
      case 'request.ended':
        if (msg.requestId === s.requestId && s.step === 'queue') {
          this.setNotice(t('notice.requestEnded'));
          this.go('start', resetState(s));
        }
        break;
      case 'session.started':
        this.resumeSeen = true;
        this.sessionStarted(msg);
        break;
      case 'session.ended':
        if (msg.sessionId === s.sessionId && s.step === 'call') {
          this.endCall();
          this.setNotice(t(msg.by === 'applicant' ? 'notice.youEnded' : 'notice.helperEnded'));
          this.go('rating', { caseNumber: msg.caseNumber || s.caseNumber });
        }
        break;
      case 'session.transferred':
        if (msg.sessionId === s.sessionId) {
          this.endCall();
          this.setNotice(t('notice.transferred'));
          this.go('queue', { requestId: msg.requestId, sessionId: null, queue: null });
        }
        break;
      case 'chat.message':
        if (msg.sessionId === s.sessionId) {
          this.addChat({ who: msg.role === 'applicant' ? 'me' : 'helper', text: msg.text, at: msg.at, seq: msg.seq });
        }
        break;
      case 'material.added':
        if (msg.sessionId === s.sessionId) {
          this.addChat({ who: 'helper', file: { id: msg.materialId, name: msg.name }, at: Date.now() });
        }
        break;
      case 'pointer':
        if (msg.sessionId === s.sessionId) {
          this.pointer.apply(msg);
          this.refreshCall();
        }
        break;
      case 'monitor.mode':
        if (msg.mode === 'barge') this.addChat({ who: 'system', text: t('notice.supervisorJoined'), at: Date.now() });
        break;
      case 'monitor.stopped':
        this.addChat({ who: 'system', text: t('notice.supervisorLeft'), at: Date.now() });
        break;
      case 'media.closed':
        if (msg.sessionId === s.sessionId && this.call) this.restartMedia();
        break;
      case 'server.draining':
        this.conn.redial();
        break;
      default:
        break;
    }
  }

  // ------------------------------------------------------------------ flow: item, kind, description, consent

  async loadItems() {
    try {
      await this.ensureConnected();
      const r = await this.conn.request('items.list');
      const wanted = this.config.items;
      this.items = (r.items || []).filter((i) => !wanted.length || wanted.includes(i.id));
    } catch (e) {
      this.items = [];
      this.setNotice(this.m.t('error.offline'));
    }
    if (this.state.step === 'start' || this.state.step === 'kind') {
      const focused = this.root.activeElement;
      const inPanel = focused && this.panel.contains(focused);
      this.render();
      if (!inPanel && !this.panel.hidden) this.focusFirst();
    }
  }

  itemName(item) {
    return item ? (this.m.lang === 'en' ? item.nameEn : item.nameZh) : '';
  }

  selectedItem() {
    return (this.items || []).find((i) => i.id === this.state.itemId) || null;
  }

  viewItems() {
    const t = (k, p) => this.m.t(k, p);
    if (!this.items) {
      this.loadItems();
      return h('p', { class: 'bb-muted' }, t('item.loading'));
    }
    const q = this.filter.trim().toLowerCase();
    const shown = this.items.filter((i) => !q || [i.nameZh, i.nameEn, i.category, i.department]
      .some((v) => String(v || '').toLowerCase().includes(q)));
    const select = h('select', { id: 'bb-items', size: String(Math.min(Math.max(shown.length, 2), 6)),
      testid: 'item-select', 'aria-describedby': 'bb-items-count' },
    shown.map((i) => h('option', { value: i.id, selected: i.id === this.state.itemId ? 'selected' : null },
      this.itemName(i) + ' · ' + i.department)));
    select.addEventListener('change', () => {
      this.state.itemId = select.value;
      next.disabled = !select.value;
    });
    select.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && select.value) {
        e.preventDefault();
        this.chooseItem(select.value);
      }
    });
    select.addEventListener('dblclick', () => select.value && this.chooseItem(select.value));
    const search = h('input', { id: 'bb-search', type: 'search', testid: 'item-search', value: this.filter,
      autocomplete: 'off', placeholder: t('item.searchHint') });
    search.addEventListener('input', () => {
      this.filter = search.value;
      this.render();
      const again = this.body.querySelector('#bb-search');
      again.focus();
      again.setSelectionRange(again.value.length, again.value.length);
    });
    const next = h('button', { type: 'button', class: 'bb-primary', testid: 'item-next',
      disabled: !this.state.itemId || !shown.some((i) => i.id === this.state.itemId),
      onclick: () => this.chooseItem(select.value) }, t('item.next'));
    return h('div', { class: 'bb-step' },
      h('h3', {}, t('item.heading')),
      h('label', { for: 'bb-search' }, t('item.search')),
      search,
      h('label', { for: 'bb-items' }, t('item.list')),
      shown.length ? select : h('p', { class: 'bb-muted', testid: 'item-none' }, t('item.none')),
      h('p', { id: 'bb-items-count', class: 'bb-muted bb-small' }, t('item.count', { n: shown.length })),
      h('div', { class: 'bb-actions' }, next));
  }

  chooseItem(id) {
    if (!id) return;
    this.setNotice(null);
    this.go('kind', { itemId: id, itemName: this.itemName((this.items || []).find((i) => i.id === id)) });
  }

  viewKind() {
    const t = (k, p) => this.m.t(k, p);
    if (!this.items) {
      this.loadItems();
      return h('p', { class: 'bb-muted' }, t('item.loading'));
    }
    const item = this.selectedItem();
    if (!item) {
      this.state.step = 'start';
      return this.viewItems();
    }
    return h('div', { class: 'bb-step' },
      h('h3', {}, t('kind.heading')),
      h('p', { class: 'bb-chosen' }, this.itemName(item)),
      h('div', { class: 'bb-choices' },
        h('button', { type: 'button', class: 'bb-choice', testid: 'kind-assist', onclick: () => this.go('describe', { kind: 'assist' }) },
          h('strong', {}, t('kind.assist')), h('span', {}, t('kind.assistHint'))),
        item.delegable
          ? h('button', { type: 'button', class: 'bb-choice', testid: 'kind-delegate', onclick: () => this.go('describe', { kind: 'delegate' }) },
            h('strong', {}, t('kind.delegate')), h('span', {}, t('kind.delegateHint')))
          : h('p', { class: 'bb-muted', testid: 'kind-delegate-unavailable' }, t('kind.notDelegable'))),
      h('div', { class: 'bb-actions' }, this.backButton('start')));
  }

  backButton(step) {
    return h('button', { type: 'button', testid: 'back', onclick: () => this.go(step) }, this.m.t('back'));
  }

  viewDescribe() {
    const t = (k, p) => this.m.t(k, p);
    const s = this.state;
    const text = h('textarea', { id: 'bb-desc', rows: '3', maxlength: '500', testid: 'description',
      'aria-describedby': 'bb-desc-count' });
    text.value = s.description || '';
    const count = h('span', { id: 'bb-desc-count', class: 'bb-muted bb-small' }, t('describe.count', { n: text.value.length }));
    text.addEventListener('input', () => {
      s.description = text.value;
      count.textContent = t('describe.count', { n: text.value.length });
    });
    const green = h('input', { type: 'checkbox', id: 'bb-green', testid: 'green-channel', checked: !!s.green });
    const reason = h('select', { id: 'bb-green-reason', testid: 'green-reason', disabled: !s.green },
      GREEN.map((g) => h('option', { value: g, selected: s.green === g ? 'selected' : null }, t('green.' + g))));
    const declare = h('p', { class: 'bb-small', id: 'bb-green-declare', hidden: !s.green }, t('green.declare'));
    green.addEventListener('change', () => {
      reason.disabled = !green.checked;
      declare.hidden = !green.checked;
      s.green = green.checked ? reason.value : null;
    });
    reason.addEventListener('change', () => {
      s.green = green.checked ? reason.value : null;
    });
    return h('div', { class: 'bb-step' },
      h('h3', {}, t('describe.heading')),
      h('label', { for: 'bb-desc' }, t('describe.label')), text, count,
      h('fieldset', { class: 'bb-green' },
        h('legend', {}, t('green.heading')),
        h('label', { class: 'bb-check' }, green, ' ', t('green.label')),
        h('label', { for: 'bb-green-reason' }, t('green.reason')), reason, declare),
      h('div', { class: 'bb-actions' }, this.backButton('kind'),
        h('button', { type: 'button', class: 'bb-primary', testid: 'submit-request',
          onclick: () => { s.description = text.value.trim(); this.go('consent'); } }, t('describe.submit'))));
  }

  viewConsent() {
    const t = (k, p) => this.m.t(k, p);
    return h('div', { class: 'bb-step' },
      h('h3', {}, t('consent.heading')),
      h('ul', { class: 'bb-consent', testid: 'consent-notice' },
        h('li', {}, t('consent.media')), h('li', {}, t('consent.screen')), h('li', {}, t('consent.recording')),
        h('li', {}, t('consent.data'))),
      h('div', { class: 'bb-actions' },
        h('button', { type: 'button', testid: 'consent-decline', onclick: () => this.go('describe') }, t('consent.decline')),
        h('button', { type: 'button', class: 'bb-primary', testid: 'consent-accept', onclick: (e) => this.sendRequest(e.currentTarget) },
          t('consent.accept'))));
  }

  async sendRequest(button) {
    const s = this.state;
    button.disabled = true;
    try {
      await this.ensureConnected();
      const fields = { item: s.itemId, kind: s.kind, language: this.m.lang === 'en' ? 'en' : 'zh',
        description: s.description || '' };
      if (s.green) fields.green = s.green;
      const r = await this.conn.request('request.create', fields);
      this.setNotice(null);
      if (r.accepted) {
        s.queue = { position: r.position, queueLength: r.queueLength, etaSeconds: r.etaSeconds };
        this.go('queue', { requestId: r.requestId });
        this.say(this.queueText());
      } else {
        this.go('callback', { requestId: r.requestId, callback: { reason: r.reason, nextOpening: r.nextOpening || null } });
      }
    } catch (e) {
      button.disabled = false;
      this.setNotice(this.errorText(e));
      this.render();
    }
  }

  errorText(e) {
    const key = 'error.' + (e && e.code);
    const text = this.m.t(key);
    return text !== key ? text : this.m.t('error.generic', { message: (e && e.message) || String(e) });
  }

  // ------------------------------------------------------------------ queue and callback

  queueText() {
    const q = this.state.queue;
    if (!q) return '';
    return this.m.t('queue.position', { position: q.position, length: q.queueLength });
  }

  etaText() {
    const q = this.state.queue;
    if (!q) return '';
    const minutes = Math.ceil((q.etaSeconds || 0) / 60);
    return minutes <= 1 ? this.m.t('queue.etaSoon') : this.m.t('queue.eta', { minutes });
  }

  viewQueue() {
    const t = (k, p) => this.m.t(k, p);
    const q = this.state.queue;
    return h('div', { class: 'bb-step' },
      h('h3', {}, t('queue.heading')),
      this.state.itemName ? h('p', { class: 'bb-chosen' }, this.state.itemName) : null,
      q ? h('p', { class: 'bb-big', testid: 'queue-position' }, this.queueText())
        : h('p', { class: 'bb-muted', testid: 'queue-position' }, t('queue.waiting')),
      h('p', { testid: 'queue-eta' }, this.etaText()),
      h('p', { class: 'bb-muted bb-small' }, t('queue.note')),
      h('div', { class: 'bb-actions' },
        h('button', { type: 'button', testid: 'callback-instead', onclick: (e) => this.cancelRequest(e.currentTarget, true) },
          t('queue.callbackInstead')),
        h('button', { type: 'button', class: 'bb-danger', testid: 'cancel-request', onclick: (e) => this.cancelRequest(e.currentTarget, false) },
          t('queue.cancel'))));
  }

  async cancelRequest(button, callbackInstead) {
    const s = this.state;
    button.disabled = true;
    try {
      await this.conn.request('request.cancel', { requestId: s.requestId });
    } catch (e) {
      if (e.code !== 'not_found' && e.code !== 'conflict') {
        button.disabled = false;
        this.setNotice(this.errorText(e));
        this.render();
        return;
      }
    }
    if (callbackInstead) {
      this.go('callback', { callback: { reason: 'APPLICANT_CHOICE', nextOpening: null }, queue: null });
    } else {
      this.setNotice(this.m.t('notice.cancelled'));
      this.go('start', resetState(s));
    }
  }

  viewCallback() {
    const t = (k, p) => this.m.t(k, p);
    const s = this.state;
    const cb = s.callback || { reason: 'APPLICANT_CHOICE' };
    const contact = h('input', { id: 'bb-cb-contact', type: 'tel', testid: 'callback-contact', autocomplete: 'tel',
      maxlength: '100', required: true });
    const time = h('input', { id: 'bb-cb-time', type: 'text', testid: 'callback-time', maxlength: '100' });
    const note = h('textarea', { id: 'bb-cb-note', rows: '2', testid: 'callback-note', maxlength: '500' });
    const error = h('p', { class: 'bb-error', role: 'alert', testid: 'callback-error' });
    const submit = h('button', { type: 'submit', class: 'bb-primary', testid: 'callback-submit' }, t('callback.submit'));
    const form = h('form', { class: 'bb-step', novalidate: true },
      h('h3', {}, t('callback.heading')),
      h('p', { testid: 'callback-reason' }, t('callback.' + cb.reason)),
      cb.nextOpening ? h('p', { testid: 'next-opening' }, t('callback.nextOpening', { time: this.formatTime(cb.nextOpening) })) : null,
      h('label', { for: 'bb-cb-contact' }, t('callback.contact')), contact,
      h('label', { for: 'bb-cb-time' }, t('callback.time')), time,
      h('label', { for: 'bb-cb-note' }, t('callback.note')), note,
      error,
      h('div', { class: 'bb-actions' },
        h('button', { type: 'button', testid: 'callback-cancel', onclick: () => this.go('start', resetState(s)) }, t('callback.cancel')),
        submit));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (!contact.value.trim()) {
        error.textContent = t('callback.contactRequired');
        contact.focus();
        return;
      }
      submit.disabled = true;
      try {
        await this.ensureConnected();
        const r = await this.conn.request('callback.create', { item: s.itemId, kind: s.kind,
          language: this.m.lang === 'en' ? 'en' : 'zh', contact: contact.value.trim(), preferredTime: time.value.trim(),
          note: note.value.trim(), reason: cb.reason });
        this.go('callbackDone', { caseNumber: r.caseNumber });
        this.say(t('callback.done', { caseNumber: r.caseNumber }));
      } catch (err) {
        submit.disabled = false;
        error.textContent = this.errorText(err);
      }
    });
    return form;
  }

  formatTime(value) {
    const d = new Date(value);
    if (isNaN(d.getTime())) return String(value);
    return d.toLocaleString(this.m.lang, { month: 'long', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit' });
  }

  viewCallbackDone() {
    const t = (k, p) => this.m.t(k, p);
    return h('div', { class: 'bb-step' },
      h('h3', {}, t('callback.heading')),
      h('p', { class: 'bb-big', testid: 'callback-done' }, t('callback.done', { caseNumber: this.state.caseNumber })),
      h('div', { class: 'bb-actions' }, this.finishButton()));
  }

  finishButton() {
    return h('button', { type: 'button', class: 'bb-primary', testid: 'finish',
      onclick: () => { this.setNotice(null); this.go('start', resetState(this.state)); } }, this.m.t('done.again'));
  }

  // ------------------------------------------------------------------ the call

  sessionStarted(msg) {
    const s = this.state;
    const same = s.sessionId === msg.sessionId;
    if (!same) {
      s.chat = [];
      this.mic = true;
      this.cam = true;
    }
    Object.assign(s, { sessionId: msg.sessionId, requestId: msg.requestId, helperName: msg.helperName,
      caseNumber: msg.caseNumber || s.caseNumber, itemId: msg.item || s.itemId, kind: msg.kind || s.kind, queue: null });
    if (msg.resumed) this.setNotice(this.m.t('notice.resumed'));
    else this.setNotice(null);
    this.endCall();
    this.go('call');
    this.say(this.m.t('call.heading', { helper: msg.helperName || '' }));
    this.startMedia();
    if (!this.panel.hidden) return;
    this.panel.hidden = false;
    this.button.setAttribute('aria-expanded', 'true');
    this.state.panelOpen = true;
    this.save();
  }

  startMedia() {
    const call = new Call(this.conn.client, this.state.sessionId, {
      onRemote: (source, track) => this.attachRemote(source, track),
      onState: (st) => {
        this.mediaState = st;
        this.refreshCall();
      },
      onShare: (on) => this.showBanner(on),
    });
    this.call = call;
    call.start().then((local) => {
      if (this.call !== call || !local) return;
      // the applicant may have muted before the devices were ready: that choice stands
      call.setEnabled('audio', this.mic !== false);
      call.setEnabled('video', this.cam !== false);
      if (!call.has('audio') && !call.has('video')) this.addChat({ who: 'system', text: this.m.t('call.noDevices'), at: Date.now() });
      this.refreshCall();
    }, (e) => {
      if (this.call === call) this.addChat({ who: 'system', text: this.errorText(e), at: Date.now() });
    });
  }

  /** The relay dropped our media (consent lost, DTLS failed): start it again on this session. */
  restartMedia() {
    if (this.state.step !== 'call') return;
    this.endCall();
    this.addChat({ who: 'system', text: this.m.t('call.mediaRestart'), at: Date.now() });
    this.startMedia();
  }

  endCall() {
    if (this.call) this.call.close();
    this.call = null;
    this.mediaState = null;
    this.remote = {};
    this.showBanner(false);
    this.pointer.destroy();
    this.callView = null;
  }

  attachRemote(source, track) {
    this.remote = this.remote || {};
    this.remote[source] = track;
    // a stopped source keeps its stream (docs/protocol.md, "Media"): show the helper's screen only while it flows
    track.addEventListener('mute', () => this.refreshCall());
    track.addEventListener('unmute', () => this.refreshCall());
    if (this.callView) this.bindRemote();
  }

  bindRemote() {
    const v = this.callView;
    const r = this.remote || {};
    const set = (el, tracks) => {
      const have = el.srcObject && el.srcObject.getTracks();
      if (have && tracks.every((t) => have.includes(t))) return;
      el.srcObject = new MediaStream(tracks);
      el.play().catch(() => {});
    };
    if (r.camera) set(v.querySelector('[data-testid="remote-video"]'), [r.camera]);
    if (r.screen) set(v.querySelector('[data-testid="remote-screen"]'), [r.screen]);
    if (r.microphone) set(v.querySelector('audio'), [r.microphone]);
    if (this.call && this.call.local) {
      const self = v.querySelector('[data-testid="self-video"]');
      if (self.srcObject !== this.call.local) {
        self.srcObject = this.call.local;
        self.play().catch(() => {});
      }
    }
  }

  viewCall() {
    const t = (k, p) => this.m.t(k, p);
    const s = this.state;
    const remoteScreen = h('video', { class: 'bb-remote-screen', testid: 'remote-screen', autoplay: true, playsinline: true,
      muted: true, 'aria-label': t('call.remoteScreen'), hidden: true });
    remoteScreen.muted = true;
    const remote = h('video', { class: 'bb-remote', testid: 'remote-video', autoplay: true, playsinline: true,
      'aria-label': t('call.remote') });
    remote.muted = true;
    const self = h('video', { class: 'bb-self', testid: 'self-video', autoplay: true, playsinline: true,
      'aria-label': t('call.self') });
    self.muted = true;
    const audio = h('audio', { autoplay: true });
    const view = h('div', { class: 'bb-step bb-call' },
      h('h3', { testid: 'call-heading' }, t('call.heading', { helper: s.helperName || '' })),
      s.caseNumber ? h('p', { class: 'bb-muted bb-small', testid: 'case-number' }, t('call.case', { caseNumber: s.caseNumber })) : null,
      h('p', { class: 'bb-muted bb-small', testid: 'media-state' }),
      h('div', { class: 'bb-videos' }, remote, self, remoteScreen, audio),
      h('div', { class: 'bb-controls' },
        h('button', { type: 'button', testid: 'toggle-mic', 'aria-pressed': 'true', onclick: () => this.toggle('audio') }, t('call.mic')),
        h('button', { type: 'button', testid: 'toggle-camera', 'aria-pressed': 'true', onclick: () => this.toggle('video') }, t('call.camera')),
        h('button', { type: 'button', testid: 'start-screen-share', onclick: (e) => this.share(e.currentTarget) }, t('call.share')),
        h('button', { type: 'button', testid: 'pointer-clear', hidden: true, onclick: () => this.clearMarks() }, t('call.clear')),
        h('button', { type: 'button', class: 'bb-danger', testid: 'end-call', onclick: (e) => this.endSession(e.currentTarget) }, t('call.end'))),
      renderChat(this, t));
    this.callView = view;
    this.bindRemote();
    return view;
  }

  refreshCall() {
    const v = this.callView;
    if (!v) return;
    const t = (k, p) => this.m.t(k, p);
    const mic = v.querySelector('[data-testid="toggle-mic"]');
    const cam = v.querySelector('[data-testid="toggle-camera"]');
    mic.setAttribute('aria-pressed', String(this.mic !== false));
    mic.textContent = t(this.mic === false ? 'call.micOff' : 'call.mic');
    mic.disabled = !!this.call && !!this.call.local && !this.call.has('audio');
    cam.setAttribute('aria-pressed', String(this.cam !== false));
    cam.textContent = t(this.cam === false ? 'call.cameraOff' : 'call.camera');
    cam.disabled = !!this.call && !!this.call.local && !this.call.has('video');
    const sharing = !!(this.call && this.call.sharing());
    v.querySelector('[data-testid="start-screen-share"]').hidden = sharing;
    v.querySelector('[data-testid="pointer-clear"]').hidden = !this.pointer.hasMarks();
    const st = v.querySelector('[data-testid="media-state"]');
    st.textContent = this.notice || (this.mediaState && !/connected/.test(this.mediaState) ? t('call.connecting') : '');
    const screen = v.querySelector('[data-testid="remote-screen"]');
    screen.hidden = !(this.remote && this.remote.screen && !this.remote.screen.muted);
    this.bindRemote();
  }

  toggle(kind) {
    if (!this.call) return;
    if (kind === 'audio') {
      this.mic = this.mic === false;
      this.call.setEnabled('audio', this.mic);
      this.say(this.m.t(this.mic ? 'call.micOnSaid' : 'call.micOffSaid'));
    } else {
      this.cam = this.cam === false;
      this.call.setEnabled('video', this.cam);
      this.say(this.m.t(this.cam ? 'call.cameraOnSaid' : 'call.cameraOffSaid'));
    }
    this.refreshCall();
  }

  async share(button) {
    if (!this.call) return;
    button.disabled = true;
    try {
      const surface = await this.call.shareTab();
      if (surface !== 'browser') this.addChat({ who: 'system', text: this.m.t('call.shareNotTab'), at: Date.now() });
    } catch (e) {
      this.addChat({ who: 'system', text: this.m.t('call.shareFailed'), at: Date.now() });
    }
    button.disabled = false;
    this.refreshCall();
  }

  showBanner(on) {
    if (!this.banner) return;
    const t = (k, p) => this.m.t(k, p);
    fill(this.banner, on ? [
      h('span', { class: 'bb-rec', 'aria-hidden': 'true' }),
      h('span', { testid: 'being-viewed' }, t('banner.viewed')),
      h('button', { type: 'button', testid: 'stop-screen-share', onclick: () => this.stopShare() }, t('banner.stop')),
    ] : []);
    this.banner.hidden = !on;
    if (on) this.say(t('banner.viewed'));
    this.refreshCall();
  }

  async stopShare() {
    if (this.call) await this.call.stopShare();
    this.say(this.m.t('banner.stopped'));
    const b = this.callView && this.callView.querySelector('[data-testid="start-screen-share"]');
    if (b) b.focus();
  }

  clearMarks() {
    this.pointer.clear();
    this.conn.request('pointer.send', { sessionId: this.state.sessionId, op: 'clear' }).catch(() => {});
    this.refreshCall();
    const end = this.callView && this.callView.querySelector('[data-testid="end-call"]');
    if (end) end.focus();
  }

  async endSession(button) {
    button.disabled = true;
    try {
      await this.conn.request('session.end', { sessionId: this.state.sessionId });
    } catch (e) {
      if (e.code !== 'not_found' && e.code !== 'conflict') {
        button.disabled = false;
        this.addChat({ who: 'system', text: this.errorText(e), at: Date.now() });
        return;
      }
    }
    if (this.state.step === 'call') {
      this.endCall();
      this.setNotice(this.m.t('notice.youEnded'));
      this.go('rating');
    }
  }

  // ------------------------------------------------------------------ chat and files (chat.js)

  addChat(line) {
    if (line.seq !== undefined && this.state.chat.some((l) => l.seq === line.seq)) return;
    this.state.chat.push(line);
    this.save();
    if (this.callView) appendChatLine(this, line);
    if (line.who !== 'me') this.say(line.file ? this.m.t('file.received', { name: line.file.name }) : line.text);
  }

  async sendChat(text) {
    return this.conn.request('chat.send', { sessionId: this.state.sessionId, text });
  }

  async sendFile(file) {
    return uploadFile(this, file);
  }

  api(path, init = {}) {
    const headers = Object.assign({ Authorization: 'Bearer ' + this.state.token }, init.headers || {});
    return fetch(this.config.server + path, Object.assign({}, init, { headers }));
  }

  // ------------------------------------------------------------------ rating and done

  viewRating() {
    return renderRating(this);
  }

  viewDone() {
    const t = (k, p) => this.m.t(k, p);
    return h('div', { class: 'bb-step' },
      h('h3', {}, t('rating.thanksHeading')),
      h('p', { class: 'bb-big', testid: 'rating-thanks' },
        t(this.state.rated ? 'rating.thanks' : 'done.skipped', { caseNumber: this.state.caseNumber || '' })),
      h('div', { class: 'bb-actions' }, this.finishButton()));
  }
}

function localStorageGet(key) {
  try {
    return localStorage.getItem(key);
  } catch (e) {
    return null;
  }
}

function localStorageSet(key, value) {
  try {
    localStorage.setItem(key, value);
  } catch (e) {
    // not kept
  }
}
