// The request flow of the help panel, mixed into the App (app.js): choose the item (searchable list from the
// server), 帮办 or 代办, a short description with the optional green-channel self-declaration, the consent notice,
// then the queue (position, estimated wait, cancel) or the callback form when the server offers one.

import { h } from './dom.js';
import { resetState } from './store.js';

const GREEN = ['elderly', 'disability', 'key_project'];

export const FlowViews = {
  /** Asks the server for the items once (a render while they load asks no more); a failed load is asked again on the next connection (onStatus). */
  async loadItems() {
    if (this.itemsLoading) return;
    this.itemsLoading = true;
    try {
      await this.ensureConnected();
      const r = await this.conn.request('items.list');
      const wanted = this.config.items;
      this.items = (r.items || []).filter((i) => !wanted.length || wanted.includes(i.id));
      this.itemsFailed = false;
    } catch (e) {
      this.items = [];
      this.itemsFailed = true;
      this.setNotice(this.m.t('error.offline'));
    } finally {
      this.itemsLoading = false;
    }
    if (this.state.step === 'start' || this.state.step === 'kind') {
      const focused = this.root.activeElement;
      const inPanel = focused && this.panel.contains(focused);
      this.render();
      if (!inPanel && !this.panel.hidden) this.focusFirst();
    }
  },

  itemName(item) {
    return item ? (this.m.lang === 'en' ? item.nameEn : item.nameZh) : '';
  },

  selectedItem() {
    return (this.items || []).find((i) => i.id === this.state.itemId) || null;
  },

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
  },

  chooseItem(id) {
    if (!id) return;
    this.setNotice(null);
    this.go('kind', { itemId: id, itemName: this.itemName((this.items || []).find((i) => i.id === id)) });
  },

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
  },

  backButton(step) {
    return h('button', { type: 'button', testid: 'back', onclick: () => this.go(step) }, this.m.t('back'));
  },

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
  },

  viewConsent() {
    const t = (k, p) => this.m.t(k, p);
    return h('div', { class: 'bb-step' },
      h('h3', {}, t('consent.heading')),
      h('ul', { class: 'bb-consent', testid: 'consent-notice' },
        h('li', {}, t('consent.media')), h('li', {}, t('consent.screen')),
        this.settings && this.settings.recordingNotice ? h('li', { testid: 'consent-recording' }, t('consent.recording')) : null,
        h('li', {}, t('consent.data'))),
      h('div', { class: 'bb-actions' },
        h('button', { type: 'button', testid: 'consent-decline', onclick: () => this.go('describe') }, t('consent.decline')),
        h('button', { type: 'button', class: 'bb-primary', testid: 'consent-accept', onclick: (e) => this.sendRequest(e.currentTarget) },
          t('consent.accept'))));
  },

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
  },

  errorText(e) {
    const key = 'error.' + (e && e.code);
    const text = this.m.t(key);
    return text !== key ? text : this.m.t('error.generic', { message: (e && e.message) || String(e) });
  },

  queueText() {
    const q = this.state.queue;
    if (!q) return '';
    return this.m.t('queue.position', { position: q.position, length: q.queueLength });
  },

  etaText() {
    const q = this.state.queue;
    if (!q) return '';
    const minutes = Math.ceil((q.etaSeconds || 0) / 60);
    return minutes <= 1 ? this.m.t('queue.etaSoon') : this.m.t('queue.eta', { minutes });
  },

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
  },

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
  },

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
  },

  formatTime(value) {
    const d = new Date(value);
    if (isNaN(d.getTime())) return String(value);
    return d.toLocaleString(this.m.lang, { month: 'long', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit' });
  },

  viewCallbackDone() {
    const t = (k, p) => this.m.t(k, p);
    return h('div', { class: 'bb-step' },
      h('h3', {}, t('callback.heading')),
      h('p', { class: 'bb-big', testid: 'callback-done' }, t('callback.done', { caseNumber: this.state.caseNumber })),
      h('div', { class: 'bb-actions' }, this.finishButton()));
  },

  finishButton() {
    return h('button', { type: 'button', class: 'bb-primary', testid: 'finish',
      onclick: () => { this.setNotice(null); this.go('start', resetState(this.state)); } }, this.m.t('done.again'));
  },
};
