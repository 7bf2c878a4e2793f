// The rating 好差评 after a session: five levels (非常满意 … 非常不满意, a radio group operable with the arrow
// keys), tags from the server's defined set and a comment, sent with POST /api/sessions/{id}/evaluation.

import { h } from './dom.js';

export const TAGS = ['good_attitude', 'efficient', 'clear_explanation', 'proficient', 'problem_solved',
  'long_wait', 'problem_not_solved', 'poor_communication', 'poor_attitude', 'technical_problem'];
const LEVELS = [5, 4, 3, 2, 1];

export function renderRating(app) {
  const t = (k, p) => app.m.t(k, p);
  const s = app.state;
  let level = 0;
  const buttons = LEVELS.map((n) => h('button', { type: 'button', role: 'radio', 'aria-checked': 'false',
    tabindex: n === 5 ? '0' : '-1', class: 'bb-level l' + n, testid: 'rating-' + n, onclick: () => choose(n) },
  h('span', { class: 'bb-stars', 'aria-hidden': 'true' }, '★'.repeat(n)), t('rating.level' + n)));
  const choose = (n, focus) => {
    level = n;
    for (const b of buttons) {
      const on = b.dataset.testid === 'rating-' + n;
      b.setAttribute('aria-checked', String(on));
      b.tabIndex = on ? 0 : -1;
      if (on && focus) b.focus();
    }
    error.textContent = '';
  };
  const group = h('div', { role: 'radiogroup', class: 'bb-levels', 'aria-labelledby': 'bb-rating-title' }, buttons);
  group.addEventListener('keydown', (e) => {
    const i = LEVELS.indexOf(level || 5);
    let next = null;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') next = LEVELS[Math.min(i + (level ? 1 : 0), LEVELS.length - 1)];
    if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') next = LEVELS[Math.max(i - 1, 0)];
    if (next !== null) {
      e.preventDefault();
      choose(next, true);
    }
  });
  const tags = TAGS.map((code) => h('label', { class: 'bb-tag' },
    h('input', { type: 'checkbox', value: code, testid: 'rating-tag-' + code }), ' ', t('tag.' + code)));
  const comment = h('textarea', { id: 'bb-rating-comment', rows: '2', maxlength: '500', testid: 'rating-comment' });
  const error = h('p', { class: 'bb-error', role: 'alert', testid: 'rating-error' });
  const submit = h('button', { type: 'button', class: 'bb-primary', testid: 'rating-submit', onclick: () => send() }, t('rating.submit'));
  const send = async () => {
    if (!level) {
      error.textContent = t('rating.choose');
      buttons[0].focus();
      return;
    }
    submit.disabled = true;
    const chosen = tags.map((l) => l.querySelector('input')).filter((i) => i.checked).map((i) => i.value);
    try {
      const r = await app.api('/api/sessions/' + encodeURIComponent(s.sessionId) + '/evaluation', {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ level, tags: chosen, comment: comment.value.trim() }),
      });
      const body = await r.json().catch(() => ({}));
      if (r.status === 201 || body.code === 'already_rated') {
        app.setNotice(null);
        app.go('done', { rated: level, caseNumber: body.caseNumber || s.caseNumber });
        app.say(t('rating.thanks', { caseNumber: app.state.caseNumber || '' }));
        return;
      }
      error.textContent = t('rating.failed', { message: body.message || r.status });
    } catch (e) {
      error.textContent = t('rating.failed', { message: e.message });
    }
    submit.disabled = false;
  };
  return h('div', { class: 'bb-step bb-rating' },
    h('h3', { id: 'bb-rating-title' }, t('rating.heading')),
    group,
    h('fieldset', { class: 'bb-tags' }, h('legend', {}, t('rating.tags')), tags),
    h('label', { for: 'bb-rating-comment' }, t('rating.comment')), comment,
    error,
    h('div', { class: 'bb-actions' },
      h('button', { type: 'button', testid: 'rating-skip', onclick: () => app.go('done', { rated: 0 }) }, t('rating.skip')),
      submit));
}
