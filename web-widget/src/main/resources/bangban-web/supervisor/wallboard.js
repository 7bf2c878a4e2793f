// The live wallboard: queues, helper-state tiles and live sessions from the server's `wallboard` pushes
// (docs/protocol.md, "Wallboard"). Rows are kept by key and updated in place, so keyboard focus on a row's
// buttons survives every refresh. Waits and durations tick locally from the push's serverTime.
import { duration, percent, el } from './format.js';

const STATES = ['available', 'busy', 'wrap_up', 'away', 'offline'];

/** Puts a row at position i, moving it only when it is elsewhere (a moved row would lose keyboard focus). */
function place(tbody, tr, i) {
  if (tbody.children[i] !== tr) tbody.insertBefore(tr, tbody.children[i] || null);
}

export class Wallboard {
  /**
   * @param {HTMLElement} root the wallboard panel
   * @param {{onMonitor: function(object), onForceEnd: function(object), messages: function(): Messages}} actions
   */
  constructor(root, actions) {
    this.root = root;
    this.actions = actions;
    this.board = null;
    this.offset = 0; // server time − local time
    this.sessionRows = new Map();
    this.queueRows = new Map();
    this.monitoring = null;
    this.timer = setInterval(() => this.tick(), 1000);
  }

  get m() {
    return this.actions.messages();
  }

  update(board) {
    this.board = board;
    this.offset = board.serverTime - Date.now();
    this.render();
  }

  /** Which session this page monitors (its row's button is disabled). */
  setMonitoring(sessionId) {
    this.monitoring = sessionId;
    if (this.board) this.renderSessions();
  }

  session(sessionId) {
    return this.board ? this.board.sessions.find((s) => s.sessionId === sessionId) : undefined;
  }

  render() {
    if (!this.board) return;
    this.renderQueues();
    this.renderHelpers();
    this.renderSessions();
    this.root.querySelector('[data-testid=board-status]').textContent =
      this.m.t('board.updated', { time: new Date(this.board.serverTime).toLocaleTimeString(this.m.lang, { hour12: false }) });
  }

  now() {
    return Date.now() + this.offset;
  }

  renderQueues() {
    const tbody = this.root.querySelector('[data-testid=queues-table] tbody');
    const seen = new Set();
    let i = 0;
    for (const q of this.board.queues) {
      seen.add(q.queue);
      let tr = this.queueRows.get(q.queue);
      if (!tr) {
        tr = el('tr', { 'data-testid': 'queue-row', 'data-queue': q.queue },
          el('th', { scope: 'row' }), el('td', { class: 'sv-num' }), el('td', { class: 'sv-num' }),
          el('td', { class: 'sv-num' }), el('td', { class: 'sv-num' }), el('td', { class: 'sv-num' }));
        this.queueRows.set(q.queue, tr);
      }
      place(tbody, tr, i++);
      const c = tr.children;
      c[0].textContent = q.queue;
      c[1].textContent = q.green ? this.m.t('queues.waitingGreen', { n: q.waiting, green: q.green }) : String(q.waiting);
      c[1].dataset.testid = 'queue-waiting';
      c[2].dataset.oldest = q.oldestArrivedAt;
      c[3].textContent = percent(q.today.serviceLevel);
      c[4].textContent = percent(q.today.abandonmentRate);
      c[5].textContent = String(q.today.answered);
    }
    for (const [k, tr] of this.queueRows) if (!seen.has(k)) { tr.remove(); this.queueRows.delete(k); }
    this.tick();
  }

  renderHelpers() {
    const tiles = this.root.querySelector('[data-testid=helper-tiles]');
    tiles.replaceChildren(...STATES.map((s) => el('li', { 'data-state': s, 'data-testid': 'helper-state-' + s },
      el('span', { class: 'sv-count', text: String(this.board.helpersByState[s] || 0) }),
      el('span', { text: this.m.t('state.' + s) }))));
    const list = this.root.querySelector('[data-testid=helper-list]');
    list.replaceChildren(...this.board.helpers.map((h) => el('li', { 'data-helper': h.id },
      h.name + ' — ' + this.m.t('state.' + h.status) + ' (' + h.activeSessions + '/' + h.maxSessions + ')')));
  }

  renderSessions() {
    const tbody = this.root.querySelector('[data-testid=sessions-table] tbody');
    const seen = new Set();
    let i = 0;
    for (const s of this.board.sessions) {
      seen.add(s.sessionId);
      let tr = this.sessionRows.get(s.sessionId);
      if (!tr) {
        tr = this.sessionRow(s);
        this.sessionRows.set(s.sessionId, tr);
      }
      place(tbody, tr, i++);
      this.fillSession(tr, s);
    }
    for (const [k, tr] of this.sessionRows) if (!seen.has(k)) { tr.remove(); this.sessionRows.delete(k); }
    this.root.querySelector('[data-testid=sessions-empty]').hidden = this.board.sessions.length > 0;
    this.tick();
  }

  sessionRow(s) {
    const monitor = el('button', { type: 'button', 'data-testid': 'monitor-start' });
    monitor.addEventListener('click', () => this.actions.onMonitor(this.session(s.sessionId) || s));
    const end = el('button', { type: 'button', 'data-testid': 'force-end' });
    end.addEventListener('click', () => this.actions.onForceEnd(this.session(s.sessionId) || s));
    const cells = ['item', 'applicant', 'helper', 'duration', 'media', 'monitoring'].map((k) => el('td', { 'data-col': k }));
    // the media cell keeps its elements: a push (every quality change) updates them in place, so neither a screen
    // reader nor a test holding the quality badge sees it replaced
    cells[4].append(el('span', { class: 'sv-media-list' }), el('br'),
      el('span', { class: 'sv-quality', 'data-testid': 'session-quality' }));
    return el('tr', { 'data-testid': 'session-row', 'data-session-id': s.sessionId }, ...cells,
      el('td', { 'data-col': 'actions' }, el('div', { class: 'sv-row-actions' }, monitor, end)));
  }

  fillSession(tr, s) {
    const m = this.m;
    const cell = (k) => tr.querySelector('td[data-col=' + k + ']');
    const label = (k, key) => cell(k).setAttribute('data-label', m.t(key));
    label('item', 'sessions.item');
    label('applicant', 'sessions.applicant');
    label('helper', 'sessions.helper');
    label('duration', 'sessions.duration');
    label('media', 'sessions.media');
    label('monitoring', 'sessions.monitoring');
    cell('item').textContent = (m.lang === 'en' ? s.itemNameEn : s.itemNameZh) + ' · ' + m.t('kind.' + s.kind)
      + (s.priority === 'green' ? ' · ' + m.t('priority.green') : '');
    cell('applicant').textContent = s.applicant;
    cell('helper').textContent = s.helperName;
    cell('duration').dataset.started = s.startedAt;
    cell('media').querySelector('.sv-media-list').textContent = s.media.length
      ? s.media.map((x) => m.t('media.' + x)).join(m.t('list.sep')) : '—';
    const q = s.quality || { level: 'none', lossPercent: 0, rttMs: 0, jitterMs: 0 };
    const quality = cell('media').querySelector('[data-testid=session-quality]');
    quality.dataset.quality = q.level;
    quality.textContent = m.t('quality.' + q.level);
    if (q.level !== 'none') {
      quality.title = m.t('quality.detail', { loss: q.lossPercent, rtt: q.rttMs, jitter: q.jitterMs });
      quality.setAttribute('aria-label', m.t('quality.' + q.level) + ' — ' + quality.title);
    } else {
      quality.removeAttribute('title');
      quality.removeAttribute('aria-label');
    }
    cell('monitoring').textContent = s.monitoring.length ? m.t('sessions.monitoredBy', { n: s.monitoring.length }) : '—';
    const monitor = tr.querySelector('[data-testid=monitor-start]');
    monitor.textContent = this.monitoring === s.sessionId ? m.t('sessions.monitoringNow') : m.t('sessions.monitor');
    monitor.disabled = this.monitoring !== null;
    monitor.setAttribute('aria-label', m.t('sessions.monitorLabel', { helper: s.helperName, applicant: s.applicant }));
    const end = tr.querySelector('[data-testid=force-end]');
    end.textContent = m.t('sessions.forceEnd');
    end.setAttribute('aria-label', m.t('sessions.forceEndLabel', { helper: s.helperName, applicant: s.applicant }));
  }

  /** Advances the waits and durations shown, once a second. */
  tick() {
    const now = this.now();
    for (const td of this.root.querySelectorAll('td[data-oldest]')) {
      const oldest = Number(td.dataset.oldest);
      td.textContent = oldest > 0 ? duration(now - oldest) : '—';
      td.closest('tr').classList.toggle('sv-alert', oldest > 0 && now - oldest > (this.board.serviceLevelSeconds * 1000));
    }
    for (const td of this.root.querySelectorAll('td[data-started]')) td.textContent = duration(now - Number(td.dataset.started));
  }
}
