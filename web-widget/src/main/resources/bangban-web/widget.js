// 帮办 Bangban help button: the only script a portal page loads before the applicant asks for help.
//
//   <script type="module" src="https://bangban.example/widget.js" data-server="https://bangban.example"
//           data-label="帮办" data-color="#c8102e" data-position="right" data-items="tax-registration,invoice-application"
//           data-portal-token="…" data-lang="zh-CN"></script>
//
// It draws a floating button in a Shadow DOM (the portal's styles cannot reach it) and loads the rest
// (widget/app.js: the panel, the flow, the call) with a dynamic import on the first click — or at once when this
// tab already has a request or a call going (a reload or another page of the portal: it resumes). Kept small:
// at most 10 KB gzipped (WidgetSizeTest); nothing else is fetched before the click.

const STATE_PREFIX = 'bangban.widget:';

function scriptElement() {
  const all = Array.from(document.querySelectorAll('script[src]'));
  return all.find((s) => s.src === import.meta.url) || all.find((s) => /\/widget\.js(\?|$)/.test(s.src)) || null;
}

function readConfig(el) {
  const d = (el && el.dataset) || {};
  const server = (d.server || new URL('.', import.meta.url).href).replace(/\/+$/, '');
  const color = /^#[0-9a-fA-F]{3,8}$/.test(d.color || '') ? d.color : '#c8102e';
  return {
    server,
    label: (d.label || '帮办').slice(0, 12),
    color,
    position: d.position === 'left' ? 'left' : 'right',
    items: (d.items || '').split(',').map((s) => s.trim()).filter(Boolean),
    portalToken: d.portalToken || '',
    lang: d.lang || '',
    stateKey: STATE_PREFIX + server,
  };
}

/** True when this tab has a request, call or rating in progress (kept across reloads by widget/app.js). */
function hasActiveState(key) {
  try {
    const s = JSON.parse(sessionStorage.getItem(key) || 'null');
    return !!(s && s.token && s.step && s.step !== 'start');
  } catch (e) {
    return false;
  }
}

const BUTTON_CSS = `
:host { all: initial; }
.bb-fab { position: fixed; bottom: 20px; z-index: 2147483647; display: inline-flex; align-items: center; gap: 6px;
  min-height: 48px; min-width: 48px; padding: 0 18px; border: 2px solid #fff; border-radius: 24px;
  background: var(--bb-color); color: #fff; font: 600 17px/1 system-ui, "PingFang SC", "Microsoft YaHei", sans-serif;
  box-shadow: 0 4px 14px rgba(0,0,0,.28); cursor: pointer; }
.bb-fab.right { right: 20px; } .bb-fab.left { left: 20px; }
.bb-fab:focus-visible { outline: 3px solid #0b57d0; outline-offset: 3px; }
.bb-fab svg { width: 22px; height: 22px; fill: currentColor; }
.bb-fab .bb-badge:not(:empty) { margin-left: 4px; padding: 2px 8px; border-radius: 10px; background: #fff;
  color: var(--bb-color); font-size: 13px; }
@media (max-width: 480px) { .bb-fab { bottom: 12px; } .bb-fab.right { right: 12px; } .bb-fab.left { left: 12px; } }
`;

function mount() {
  const config = readConfig(scriptElement());
  if (document.getElementById('bangban-widget')) return;
  const host = document.createElement('div');
  host.id = 'bangban-widget';
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = BUTTON_CSS;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'bb-fab ' + config.position;
  button.style.setProperty('--bb-color', config.color);
  button.dataset.testid = 'help-button';
  button.setAttribute('aria-haspopup', 'dialog');
  button.setAttribute('aria-expanded', 'false');
  button.innerHTML = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 2a9 9 0 0 0-9 9v5a3 3 0 0 0 3 3h2v-7H5v-1a7 7 0 0 1 14 0v1h-3v7h3v1h-5v2h5a2 2 0 0 0 2-2v-9a9 9 0 0 0-9-9z"/></svg>';
  const text = document.createElement('span');
  text.textContent = config.label;
  const badge = document.createElement('span');
  badge.className = 'bb-badge';
  badge.setAttribute('aria-hidden', 'true');
  button.append(text, badge);
  root.append(style, button);
  document.body.appendChild(host);

  let app = null;
  let loading = null;
  const load = () => {
    if (!loading) {
      loading = import(new URL('./widget/app.js', import.meta.url).href)
        .then((m) => (app = m.createApp({ config, host, root, button, badge })))
        .catch((e) => {
          loading = null;
          throw e;
        });
    }
    return loading;
  };
  button.addEventListener('click', () => {
    if (app) {
      app.toggle();
      return;
    }
    button.setAttribute('aria-busy', 'true');
    load().then((a) => {
      button.removeAttribute('aria-busy');
      a.open();
    }, () => {
      button.removeAttribute('aria-busy');
      badge.textContent = '!';
    });
  });

  // A diagnostics handle for the portal's support staff and for tests: the state and the media statistics.
  window.BangbanWidget = {
    open: () => load().then((a) => a.open()),
    state: () => (app ? app.snapshot() : { step: 'start', loaded: false }),
    stats: () => (app ? app.stats() : Promise.resolve(null)),
  };

  if (hasActiveState(config.stateKey)) load().then((a) => a.resume());
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
else mount();
