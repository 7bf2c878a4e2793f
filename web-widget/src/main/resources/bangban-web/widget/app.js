// The help panel, loaded on the first click of the 帮办 button (or at once to resume): the flow
//   item → 帮办/代办 → description (+ green channel) → consent → queue (or callback) → call → rating
// driven by the server's replies and pushes (docs/protocol.md). Where the applicant stands is kept in this tab
// (store.js), so a reload or another page of the portal reconnects with the same token and resumes.

import { loadMessages, currentLang, rememberLang, otherLang, LANGS } from '../js/i18n.js';
import { largeTextChosen, rememberLargeText } from '../js/large-text.js';
import { h, fill } from './dom.js';
import { loadState, saveState, resetState } from './store.js';
import { Connection } from './connection.js';
import { PointerOverlay } from './pointer.js';
import { renderRating } from './rating.js';
import { appendChatLine, uploadFile } from './chat.js';
import { FlowViews } from './flow.js';
import { CallViews } from './call-view.js';

const RESUME_GRACE_MS = 1500;

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
    this.itemsLoading = false;
    this.itemsFailed = false;
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
    this.applyLarge(largeTextChosen());
    await loaded;
  }

  renderHeader() {
    const t = (k, p) => this.m.t(k, p);
    const other = otherLang(this.m.lang);
    fill(this.header,
      h('h2', { id: 'bb-title' }, t('panel.title')),
      h('div', { class: 'bb-tools' },
        h('button', { type: 'button', class: 'bb-tool', testid: 'lang-switch', lang: other,
          onclick: () => this.switchLang(other) }, t('panel.otherLanguage')),
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
    if (remember) rememberLargeText(on);
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
    if (this.refused) {
      fill(this.body, h('p', { class: 'bb-notice', role: 'alert', testid: 'origin-refused' },
        this.m.t('error.originRefused', { site: location.host })));
      return;
    }
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
      this.connecting = this.loadSettings().then(() => this.conn.open()).catch((e) => {
        this.connecting = null;
        if (!this.refused) this.setNotice(this.m.t('error.offline'));
        this.render();
        throw e;
      });
    }
    return this.connecting;
  }

  /**
   * Asks the Bangban server (GET /api/widget, readable from any origin) whether this portal page may use it and
   * whether the consent notice carries the recording clause. A portal that is not listed in the server's
   * http.cors.origins is told so on the panel, and nothing more is tried.
   */
  async loadSettings() {
    if (this.settings) return this.settings;
    const r = await fetch(this.config.server + '/api/widget', { cache: 'no-store' });
    if (!r.ok) throw new Error('GET /api/widget answered ' + r.status);
    const settings = await r.json();
    if (!settings.originAllowed) {
      this.refused = true;
      console.warn('Bangban: pages of ' + location.origin + ' may not use the help service at ' + this.config.server
        + '; its operator can add this origin to http.cors.origins');
      throw Object.assign(new Error('origin refused'), { code: 'origin_refused' });
    }
    this.settings = settings;
    return settings;
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
    if (status === 'up' && this.itemsFailed) this.items = null; // the render below loads them again
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
          // back in the queue for the new helper: the transcript stays (the same case goes on), media restarts
          this.endCall();
          this.addChat({ who: 'system', text: t('notice.transferred'), at: Date.now() });
          this.setNotice(t('notice.transferred'));
          this.go('queue', { requestId: msg.requestId, sessionId: null, queue: null, transferring: true });
        }
        break;
      case 'chat.message':
        if (msg.sessionId === s.sessionId) {
          this.addChat({ who: msg.role === 'applicant' ? 'me' : 'helper', text: msg.text, at: msg.at, seq: msg.seq,
            sid: msg.sessionId });
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

  // ------------------------------------------------------------------ chat and files (chat.js)

  addChat(line) {
    if (line.seq !== undefined && this.state.chat.some((l) => l.seq === line.seq && l.sid === line.sid)) return;
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

Object.assign(App.prototype, FlowViews, CallViews);
