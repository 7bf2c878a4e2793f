// Small formatting helpers of the supervisor dashboard.

/** 75000 → "1:15", 3725000 → "1:02:05". */
export function duration(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? h + ':' + String(m).padStart(2, '0') + ':' + sec : m + ':' + sec;
}

/** 0.873 → "87%"; null → "—". */
export function percent(v) {
  return v === null || v === undefined ? '—' : Math.round(v * 100) + '%';
}

/** An instant (epoch ms or ISO text) as local date and time. */
export function dateTime(v, lang) {
  if (v === null || v === undefined || v === '') return '—';
  return new Date(v).toLocaleString(lang, { hour12: false });
}

/** Creates an element with attributes and children (strings become text). */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') e.textContent = v;
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}
