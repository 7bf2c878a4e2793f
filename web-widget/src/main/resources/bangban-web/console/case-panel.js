// The case panel 办件: the case a session is recorded in (docs/api.md, "Case log"). Shows its state and what the
// workflow allows next (the server's `next`), and acts through POST /api/cases/{number}/actions: advance, note,
// result, convert a 帮办 into a 代办 mandate (then a plan as the step into 制定方案, and the item's materials
// checklist, each entry filled by uploading its file: POST /api/cases/{number}/materials?checklistKey=), terminate. Every refusal comes back with the server's message and nothing changes.

const RESULTS = ['RESOLVED', 'PARTLY_RESOLVED', 'NOT_RESOLVED'];
const TERMINATIONS = ['APPLICANT_WITHDREW', 'MATERIALS_FALSE', 'MATERIALS_MISSING_PAST_DEADLINE', 'ITEM_NOT_ELIGIBLE',
  'APPLICANT_UNREACHABLE', 'DUPLICATE', 'OUT_OF_SCOPE', 'APPLICANT_MISCONDUCT'];
const SHOWN_EVENTS = ['CREATED', 'STATE_CHANGED', 'NOTE', 'RESULT_RECORDED', 'CONVERTED', 'TERMINATED', 'TRANSFERRED',
  'MATERIAL_ADDED'];

export class CasePanel {
  /**
   * @param {HTMLElement} root the panel (its controls are found by data-testid)
   * @param {Api} api
   * @param {function(): Messages} msgs the current messages
   * @param {function(string, object=): void} notify
   * @param {function(string): string} itemName a service item's name by its id
   */
  constructor(root, api, msgs, notify, itemName = (id) => id) {
    this.root = root;
    this.api = api;
    this.msgs = msgs;
    this.notify = notify;
    this.itemName = itemName;
    this.number = null;
    this.data = null;
    this.checklist = null;
    this.busy = false;
    const on = (id, fn) => this.el(id).addEventListener('click', () => this.run(fn));
    on('case-state-next', () => this.advance());
    on('case-note-add', () => this.note());
    on('case-result-save', () => this.result());
    on('case-convert', () => this.convert());
    on('case-terminate', () => this.terminate());
  }

  el(testid) {
    return this.root.querySelector('[data-testid="' + testid + '"]');
  }

  async load(number) {
    this.number = number;
    this.data = null;
    this.checklist = null;
    if (!number) {
      this.render();
      return;
    }
    try {
      this.data = await this.api.get('/api/cases/' + encodeURIComponent(number));
      if (this.data.kind === 'DELEGATE') {
        this.checklist = await this.api.get('/api/cases/' + encodeURIComponent(number) + '/checklist');
      }
    } catch (e) {
      this.notify('case.loadFailed', { detail: e.message });
    }
    this.render();
  }

  async run(fn) {
    if (this.busy || !this.number) return;
    this.busy = true;
    try {
      await fn();
    } catch (e) {
      this.notify('case.refused', { detail: e.message });
    } finally {
      this.busy = false;
    }
  }

  async act(body) {
    await this.api.post('/api/cases/' + encodeURIComponent(this.number) + '/actions', body);
    await this.load(this.number);
  }

  async advance() {
    const to = this.el('case-state-to').value;
    if (!to) return;
    const note = this.el('case-state-note').value.trim();
    await this.act(Object.assign({ action: 'advance', to }, note ? { note } : {}));
    this.el('case-state-note').value = '';
    this.notify('case.advanced', { state: this.msgs().t('state.' + to) });
  }

  async note() {
    const field = this.el('case-note');
    const note = field.value.trim();
    if (!note) {
      this.notify('case.noteEmpty');
      field.focus();
      return;
    }
    await this.act({ action: 'note', note });
    field.value = '';
    this.notify('case.noted');
  }

  async result() {
    const result = this.el('case-result').value;
    await this.act({ action: 'result', result });
    this.notify('case.resultSaved', { result: this.msgs().t('result.' + result) });
  }

  /** 帮办 → 代办: the mandate is accepted, and the plan is written as the step into 制定方案 planning. */
  async convert() {
    const plan = this.el('case-plan').value.trim();
    if (!plan) {
      this.notify('case.planEmpty');
      this.el('case-plan').focus();
      return;
    }
    await this.act({ action: 'convert', note: this.msgs().t('case.convertNote') });
    await this.act({ action: 'advance', to: 'PLANNING', note: plan });
    this.el('case-plan').value = '';
    this.notify('case.converted');
  }

  /** Files a material of the case against a checklist entry; the checklist then shows it satisfied. */
  async attach(key, file) {
    await this.api.upload('/api/cases/' + encodeURIComponent(this.number) + '/materials?name='
      + encodeURIComponent(file.name) + '&checklistKey=' + encodeURIComponent(key), file);
    await this.load(this.number);
    this.notify('case.materialFiled', { name: file.name });
  }

  async terminate() {
    const reason = this.el('case-terminate-reason').value;
    const note = this.el('case-state-note').value.trim();
    await this.act(Object.assign({ action: 'terminate', reason }, note ? { note } : {}));
    this.notify('case.terminated');
  }

  render() {
    const t = (k, p) => this.msgs().t(k, p);
    const d = this.data;
    this.root.hidden = !this.number;
    this.el('case-number').textContent = this.number || '';
    const info = this.root.querySelector('.case-info');
    info.replaceChildren();
    if (!d) return;
    const row = (label, value) => {
      const dt = document.createElement('dt');
      dt.textContent = label;
      const dd = document.createElement('dd');
      dd.textContent = value;
      info.append(dt, dd);
    };
    row(t('case.kind'), t('kind.' + d.kind));
    row(t('case.state'), t('state.' + d.state));
    const stateEl = info.lastElementChild;
    stateEl.dataset.testid = 'case-state';
    stateEl.dataset.state = d.state;
    row(t('case.item'), this.itemName(d.itemId) + (d.department ? ' · ' + d.department : ''));
    if (d.priority === 'GREEN') row(t('case.priority'), t('green.' + (d.greenReason || 'GREEN')));
    row(t('case.result'), d.result ? t('result.' + d.result) : t('case.noResult'));
    if (d.description) row(t('case.description'), d.description);

    const next = d.next || {};
    const select = this.el('case-state-to');
    select.replaceChildren(...(next.advanceTo || []).map((s) => new Option(t('state.' + s), s)));
    this.el('case-state-next').disabled = !(next.advanceTo || []).length;
    select.disabled = !(next.advanceTo || []).length;
    const result = this.el('case-result');
    if (!result.options.length) result.append(...RESULTS.map((r) => new Option(t('result.' + r), r)));
    for (const o of result.options) o.textContent = t('result.' + o.value);
    result.disabled = !next.recordResult;
    this.el('case-result-save').disabled = !next.recordResult;
    this.root.querySelector('.case-convert').hidden = !next.convert;
    const reasons = this.el('case-terminate-reason');
    if (!reasons.options.length) reasons.append(...TERMINATIONS.map((r) => new Option(t('termination.' + r), r)));
    for (const o of reasons.options) o.textContent = t('termination.' + o.value);
    reasons.disabled = !next.terminate;
    this.el('case-terminate').disabled = !next.terminate;

    const list = this.el('case-events');
    list.replaceChildren(...(d.events || []).filter((e) => SHOWN_EVENTS.includes(e.type)).slice(-12).map((e) => {
      const li = document.createElement('li');
      const p = e.payload || {};
      let text = t('event.' + e.type);
      if (e.type === 'STATE_CHANGED' && p.to) text += ' → ' + t('state.' + p.to);
      if (e.type === 'RESULT_RECORDED' && p.result) text += ' · ' + t('result.' + p.result);
      if (p.note) text += ' · ' + p.note;
      const time = document.createElement('time');
      time.dateTime = e.at;
      time.textContent = new Date(e.at).toLocaleTimeString(this.msgs().lang);
      li.append(time, ' ', text);
      return li;
    }));

    const cl = this.root.querySelector('.case-checklist');
    cl.hidden = !this.checklist;
    const entries = this.el('case-checklist');
    entries.replaceChildren();
    if (this.checklist) {
      const en = this.msgs().lang === 'en';
      if (!this.checklist.entries.length) {
        const li = document.createElement('li');
        li.textContent = t('case.checklistEmpty');
        entries.append(li);
      }
      for (const c of this.checklist.entries) {
        const li = document.createElement('li');
        li.dataset.key = c.key;
        li.dataset.satisfied = String(c.satisfied);
        const name = (en && c.nameEn) || c.nameZh;
        li.textContent = (c.satisfied ? '☑ ' : '☐ ') + name + (c.required ? ' · ' + t('case.required') : '');
        if (!c.satisfied && this.data.next && (this.data.next.advanceTo || []).length) {
          const file = document.createElement('input');
          file.type = 'file';
          file.accept = '.pdf,.jpg,.jpeg,.png,.ofd';
          file.dataset.testid = 'case-checklist-file';
          file.dataset.key = c.key;
          file.setAttribute('aria-label', t('case.checklistFile', { name }));
          file.addEventListener('change', () => {
            const f = file.files && file.files[0];
            if (f) this.run(() => this.attach(c.key, f));
          });
          li.append(' ', file);
        }
        entries.append(li);
      }
    }
  }
}
