// Language for Bangban's pages: zh-CN by default, English second. Every string lives in a message file
// i18n/<bundle>.<lang>.json ({"key": "text with {name} placeholders"}); pages mark elements with
//   data-i18n="key"              → textContent
//   data-i18n-aria="key"         → aria-label
//   data-i18n-placeholder="key"  → placeholder
//   data-i18n-title="key"        → title
// The choice is kept in localStorage ("bangban.lang") and can be forced with ?lang=en on the page's address.
// Plain ES module, no dependencies.

export const LANGS = ['zh-CN', 'en'];
const STORE_KEY = 'bangban.lang';

/** The language to use now: ?lang=, then the stored choice, then zh-CN (the default, whatever the browser says). */
export function currentLang() {
  try {
    const q = new URLSearchParams(location.search).get('lang');
    if (q && LANGS.includes(q)) return q;
    const stored = localStorage.getItem(STORE_KEY);
    if (stored && LANGS.includes(stored)) return stored;
  } catch (e) {
    // storage may be blocked (private mode, third-party frame): the default stands
  }
  return 'zh-CN';
}

/** The language a page's switch offers when this one is shown. */
export function otherLang(lang) {
  return lang === 'en' ? 'zh-CN' : 'en';
}

export function rememberLang(lang) {
  try {
    localStorage.setItem(STORE_KEY, lang);
  } catch (e) {
    // not kept: the page still switches
  }
}

/**
 * Loads a bundle's messages for a language (falling back to zh-CN for a missing key).
 * @param {string} base  URL of the i18n folder, e.g. new URL('../i18n/', import.meta.url)
 * @param {string} bundle e.g. "widget", "console", "supervisor"
 */
export async function loadMessages(base, bundle, lang = currentLang()) {
  const fetchJson = async (l) => {
    const r = await fetch(new URL(bundle + '.' + l + '.json', base));
    if (!r.ok) throw new Error('no messages ' + bundle + '.' + l + ' (' + r.status + ')');
    return r.json();
  };
  const fallback = await fetchJson('zh-CN');
  const chosen = lang === 'zh-CN' ? fallback : await fetchJson(lang).catch(() => ({}));
  return new Messages(lang, Object.assign({}, fallback, chosen));
}

export class Messages {
  constructor(lang, table) {
    this.lang = lang;
    this.table = table;
  }

  /** The text for a key with {name} placeholders filled; the key itself when missing (visible, never blank). */
  t(key, params = {}) {
    const text = Object.prototype.hasOwnProperty.call(this.table, key) ? this.table[key] : key;
    return text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
  }

  /** Fills every marked element under root, and sets the document language when root is the document. */
  apply(root = document) {
    for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = this.t(el.dataset.i18n);
    for (const el of root.querySelectorAll('[data-i18n-aria]')) el.setAttribute('aria-label', this.t(el.dataset.i18nAria));
    for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.setAttribute('placeholder', this.t(el.dataset.i18nPlaceholder));
    for (const el of root.querySelectorAll('[data-i18n-title]')) el.setAttribute('title', this.t(el.dataset.i18nTitle));
    if (root === document) document.documentElement.lang = this.lang;
  }
}
