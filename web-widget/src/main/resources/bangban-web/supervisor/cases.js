// Case 办件 and rating 好差评 search: GET /api/cases, GET /api/cases/{number}, GET /api/follow-ups (docs/api.md).
import { dateTime, el } from './format.js';

/** The helper's name as the server resolved it from the accounts (a helper logged out too), else its id. */
const helperName = (x) => x.helperName || x.helperId;

export class CaseSearch {
  /**
   * @param {HTMLElement} root the cases panel
   * @param {{api: function(string): Promise<object>, messages: function(): Messages}} hooks
   */
  constructor(root, hooks) {
    this.root = root;
    this.hooks = hooks;
    this.q = (id) => root.querySelector('[data-testid=' + id + ']');
    this.q('case-search-form').addEventListener('submit', (e) => {
      e.preventDefault();
      this.search().catch((err) => this.status('case-search-status', err));
    });
    this.q('followups-form').addEventListener('submit', (e) => {
      e.preventDefault();
      this.followUps().catch((err) => this.status('followups-status', err));
    });
  }

  get m() {
    return this.hooks.messages();
  }

  status(id, err) {
    this.q(id).textContent = this.m.t('error.request', { message: err.message });
  }

  async search() {
    const form = new FormData(this.q('case-search-form'));
    const params = new URLSearchParams({ limit: '50' });
    for (const [k, v] of form) if (String(v).trim()) params.set(k, String(v).trim());
    const page = await this.hooks.api('/api/cases?' + params);
    const m = this.m;
    const tbody = this.q('cases-table').querySelector('tbody');
    tbody.replaceChildren(...page.cases.map((c) => {
      const open = el('button', { type: 'button', 'data-testid': 'case-open', text: m.t('cases.open'),
        'aria-label': m.t('cases.openLabel', { number: c.number }) });
      open.addEventListener('click', () => this.open(c.number).catch((err) => this.status('case-search-status', err)));
      return el('tr', { 'data-testid': 'case-row', 'data-case': c.number },
        el('td', { text: c.number }), el('td', { text: c.itemId }), el('td', { text: m.t('caseKind.' + c.kind) }),
        el('td', { 'data-testid': 'case-helpers', text: c.helpers.map(helperName).join(m.t('list.sep')) || '—' }),
        el('td', { text: m.lang === 'en' ? c.state : c.stateZh }), el('td', { text: dateTime(c.createdAt, m.lang) }),
        el('td', {}, open));
    }));
    this.q('case-search-status').textContent = m.t('cases.found', { n: page.cases.length });
  }

  async open(number) {
    const c = await this.hooks.api('/api/cases/' + encodeURIComponent(number));
    const m = this.m;
    const detail = this.q('case-detail');
    const sessions = el('ul', {}, ...c.sessions.map((s) => el('li', { 'data-testid': 'case-session',
      'data-session-id': s.sessionId, 'data-end-reason': s.endReason || '' },
      m.t('caseDetail.session', { helper: helperName(s), started: dateTime(s.startedAt, m.lang),
        reason: s.endReason ? m.t('endReason.' + s.endReason) : m.t('caseDetail.live'),
        media: (s.media || []).map((x) => m.t('media.' + x)).join(m.t('list.sep')) || '—' }))));
    const ratings = el('ul', {}, ...c.evaluations.map((e) => el('li', { 'data-testid': 'case-evaluation', 'data-bad': String(e.bad) },
      (m.lang === 'en' ? e.level : e.levelZh) + (e.comment ? ' — ' + e.comment : '')
        + (e.followUp ? ' · ' + m.t('followups.stateName.' + e.followUp.state) : ''))));
    const supervision = c.events.filter((e) => e.type === 'SUPERVISOR_ACTION');
    detail.replaceChildren(
      el('h3', { text: m.t('caseDetail.title', { number: c.number }) }),
      el('p', { text: m.t('caseDetail.summary', { item: c.itemId, state: m.lang === 'en' ? c.state : c.stateZh,
        applicant: c.applicantId, events: c.lastSeq }) }),
      el('h4', { text: m.t('caseDetail.sessions') }), sessions,
      el('h4', { text: m.t('caseDetail.supervision') }),
      el('ul', {}, ...supervision.map((e) => el('li', { 'data-testid': 'case-supervision' },
        dateTime(e.at, m.lang) + ' ' + m.t('action.' + e.payload.action)))),
      el('h4', { text: m.t('caseDetail.ratings') }), c.evaluations.length ? ratings : el('p', { text: '—' }));
    detail.hidden = false;
    detail.setAttribute('tabindex', '-1');
    detail.focus();
  }

  async followUps() {
    const state = this.q('followups-state').value;
    const page = await this.hooks.api('/api/follow-ups?state=' + encodeURIComponent(state) + '&limit=50');
    const m = this.m;
    const tbody = this.q('followups-table').querySelector('tbody');
    tbody.replaceChildren(...page.followUps.map((f) => {
      const open = el('button', { type: 'button', 'data-testid': 'followup-case-open', text: m.t('cases.open'),
        'aria-label': m.t('cases.openLabel', { number: f.caseNumber }) });
      open.addEventListener('click', () => this.open(f.caseNumber).catch((err) => this.status('followups-status', err)));
      return el('tr', { 'data-testid': 'followup-row', 'data-case': f.caseNumber, class: f.overdue ? 'sv-alert' : null },
        el('td', { text: f.caseNumber }), el('td', { text: helperName(f) }),
        el('td', { text: m.t('followups.stateName.' + f.state) }),
        el('td', { text: dateTime(f.dueAt, m.lang) + (f.overdue ? ' · ' + m.t('followups.overdueMark') : '') }),
        el('td', {}, open));
    }));
    this.q('followups-status').textContent = m.t('followups.found', { n: page.followUps.length });
  }
}
