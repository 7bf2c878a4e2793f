// Text chat and files in a live session: one ordered transcript (the server echoes our own messages too), a
// message box, and a file button that sends a material with POST /api/sessions/{id}/materials (docs/api.md).

import { h } from './dom.js';

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.ofd,application/pdf,image/jpeg,image/png';

export function renderChat(app, t) {
  const list = h('ol', { class: 'bb-chat-list', testid: 'chat-log', 'aria-live': 'polite', 'aria-label': t('chat.heading') });
  const input = h('textarea', { id: 'bb-chat-input', rows: '2', maxlength: '2000', testid: 'chat-input',
    placeholder: t('chat.placeholder') });
  const send = h('button', { type: 'submit', class: 'bb-primary', testid: 'chat-send' }, t('chat.send'));
  const form = h('form', { class: 'bb-chat-form' },
    h('label', { for: 'bb-chat-input', class: 'bb-visually-hidden' }, t('chat.input')), input, send);
  const submit = async () => {
    const text = input.value.trim();
    if (!text) return;
    send.disabled = true;
    try {
      await app.sendChat(text);
      input.value = '';
    } catch (e) {
      app.addChat({ who: 'system', text: t('chat.failed'), at: Date.now() });
    }
    send.disabled = false;
    input.focus();
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit();
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      submit();
    }
  });
  const file = h('input', { id: 'bb-file', type: 'file', accept: ACCEPT, testid: 'file-input', class: 'bb-file' });
  file.addEventListener('change', async () => {
    const f = file.files && file.files[0];
    if (!f) return;
    await app.sendFile(f);
    file.value = '';
  });
  const section = h('section', { class: 'bb-chat', 'aria-labelledby': 'bb-chat-title' },
    h('h4', { id: 'bb-chat-title' }, t('chat.heading')),
    list, form,
    h('div', { class: 'bb-files' }, h('label', { for: 'bb-file', class: 'bb-file-label' }, t('file.label')), file));
  for (const line of app.state.chat) list.append(lineEl(app, line));
  return section;
}

export function appendChatLine(app, line) {
  const list = app.callView && app.callView.querySelector('[data-testid="chat-log"]');
  if (!list) return;
  list.append(lineEl(app, line));
  list.scrollTop = list.scrollHeight;
}

function lineEl(app, line) {
  const t = (k, p) => app.m.t(k, p);
  const who = line.who === 'me' ? t('chat.me') : line.who === 'helper' ? t('chat.helper') : '';
  const at = line.at ? new Date(line.at).toLocaleTimeString(app.m.lang, { hour: '2-digit', minute: '2-digit' }) : '';
  let body;
  if (line.file && line.who === 'helper') {
    body = h('span', {}, t('file.received', { name: line.file.name }), ' ',
      h('button', { type: 'button', class: 'bb-link', testid: 'file-download', onclick: () => download(app, line.file) }, t('file.download')));
  } else if (line.file) {
    body = h('span', { testid: 'file-sent' }, t('file.sent', { name: line.file.name }));
  } else {
    body = h('span', { class: 'bb-text' }, line.text);
  }
  return h('li', { class: 'bb-line ' + line.who, testid: 'chat-line' },
    who ? h('span', { class: 'bb-who' }, who + (at ? ' ' + at : '')) : null, body);
}

/** Sends a file as a material of the live session; the transcript says how it went. */
export async function uploadFile(app, file) {
  const t = (k, p) => app.m.t(k, p);
  app.say(t('file.sending', { name: file.name }));
  try {
    const r = await app.api('/api/sessions/' + encodeURIComponent(app.state.sessionId) + '/materials?name='
      + encodeURIComponent(file.name), { method: 'POST', body: file, headers: { 'Content-Type': file.type || 'application/octet-stream' } });
    const body = await r.json().catch(() => ({}));
    if (r.status === 201) {
      app.addChat({ who: 'me', file: { id: body.materialId, name: body.name || file.name }, at: Date.now() });
      app.say(t('file.sent', { name: body.name || file.name }));
      return body;
    }
    const key = r.status === 413 ? 'file.tooLarge' : r.status === 415 ? 'file.typeNotAllowed' : null;
    app.addChat({ who: 'system', text: key ? t(key) : t('file.failed', { message: body.message || r.status }), at: Date.now() });
  } catch (e) {
    app.addChat({ who: 'system', text: t('file.failed', { message: e.message }), at: Date.now() });
  }
  return null;
}

async function download(app, file) {
  try {
    const r = await app.api('/api/materials/' + encodeURIComponent(file.id));
    if (!r.ok) throw new Error(String(r.status));
    const url = URL.createObjectURL(await r.blob());
    const a = h('a', { href: url, download: file.name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } catch (e) {
    app.addChat({ who: 'system', text: app.m.t('file.failed', { message: e.message }), at: Date.now() });
  }
}
