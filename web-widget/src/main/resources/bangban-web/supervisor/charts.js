// Indicator charts 评价指标 as plain SVG, from GET /api/indicators?from&to&by=day (docs/api.md, "Indicators"):
// {from, to, by, serviceLevelSeconds, total: row, rows: [row]}, a row being {key (yyyy-MM-dd), sessions,
// responseTime: {p50Ms, …}, serviceLevel / satisfactionRate / abandonmentRate / resolutionRate: {value|null, …}}.
import { percent } from './format.js';

const NS = 'http://www.w3.org/2000/svg';
const W = 320;
const H = 180;
const PAD = { left: 40, right: 8, top: 24, bottom: 28 };

function svg(tag, attrs = {}, text) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function frame(title, summary) {
  const figure = document.createElement('figure');
  figure.dataset.testid = 'indicator-chart';
  const root = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': title + ': ' + summary });
  root.append(svg('title', {}, title));
  const caption = document.createElement('figcaption');
  caption.textContent = title;
  figure.append(caption, root);
  return { figure, root };
}

function axes(root, labels, max, format) {
  const x0 = PAD.left;
  const y0 = H - PAD.bottom;
  root.append(svg('line', { class: 'sv-axis', x1: x0, y1: PAD.top, x2: x0, y2: y0 }));
  root.append(svg('line', { class: 'sv-axis', x1: x0, y1: y0, x2: W - PAD.right, y2: y0 }));
  root.append(svg('text', { x: x0 - 4, y: PAD.top + 8, 'text-anchor': 'end' }, format(max)));
  root.append(svg('text', { x: x0 - 4, y: y0, 'text-anchor': 'end' }, format(0)));
  const step = Math.max(1, Math.ceil(labels.length / 6));
  labels.forEach((l, i) => {
    if (i % step !== 0) return;
    root.append(svg('text', { x: xCenter(i, labels.length), y: H - 10, 'text-anchor': 'middle' }, l));
  });
}

function xCenter(i, n) {
  const width = W - PAD.left - PAD.right;
  return PAD.left + (i + 0.5) * (width / n);
}

function yOf(v, max) {
  const height = H - PAD.top - PAD.bottom;
  return H - PAD.bottom - (max > 0 ? (v / max) * height : 0);
}

/** Bars of one value per label; null values draw no bar. */
export function barChart({ title, labels, values, format = String, max }) {
  const top = max !== undefined ? max : Math.max(1, ...values.filter((v) => v !== null));
  const summary = labels.map((l, i) => l + ' ' + (values[i] === null ? '—' : format(values[i]))).join(', ');
  const { figure, root } = frame(title, summary);
  axes(root, labels, top, format);
  const band = (W - PAD.left - PAD.right) / Math.max(1, labels.length);
  values.forEach((v, i) => {
    if (v === null || v === undefined) return;
    const y = yOf(v, top);
    const bar = svg('rect', { class: 'sv-bar', x: (PAD.left + i * band + band * 0.15).toFixed(1), y: y.toFixed(1),
      width: (band * 0.7).toFixed(1), height: (H - PAD.bottom - y).toFixed(1), 'data-testid': 'chart-bar',
      'data-label': labels[i], 'data-value': String(v) });
    bar.append(svg('title', {}, labels[i] + ': ' + format(v)));
    root.append(bar);
  });
  return figure;
}

/** One line per series over the labels, 0..max; a null value breaks the line. */
export function lineChart({ title, labels, series, format = String, max = 1 }) {
  const summary = series.map((s) => s.name + ' ' + s.values.map((v) => (v === null ? '—' : format(v))).join('/')).join('; ');
  const { figure, root } = frame(title, summary);
  axes(root, labels, max, format);
  series.forEach((s, k) => {
    let segment = [];
    const flush = () => {
      if (segment.length) {
        root.append(svg('polyline', { class: 'sv-line', points: segment.join(' '), 'data-testid': 'chart-line',
          'data-series': s.name, style: k ? 'stroke-dasharray: 5 3' : '' }));
      }
      segment = [];
    };
    s.values.forEach((v, i) => {
      if (v === null || v === undefined) return flush();
      const x = xCenter(i, labels.length).toFixed(1);
      const y = yOf(v, max).toFixed(1);
      segment.push(x + ',' + y);
      root.append(svg('circle', { cx: x, cy: y, r: 2.5, class: 'sv-bar', 'data-testid': 'chart-point',
        'data-series': s.name, 'data-value': String(v) }));
    });
    flush();
  });
  const legend = svg('text', { x: PAD.left + 4, y: 12 }, series.map((s, k) => (k ? '- - ' : '— ') + s.name).join('   '));
  root.append(legend);
  return figure;
}

/** Renders the dashboard's four indicator charts for a by=day report into the container. */
export function renderIndicators(container, report, m) {
  const rows = report.rows || [];
  const labels = rows.map((r) => String(r.key).slice(5)); // MM-dd
  const value = (r, k) => (r[k] && r[k].value !== undefined ? r[k].value : null);
  const seconds = (ms) => (ms === null || ms === undefined ? null : Math.round(ms / 100) / 10);
  const total = report.total || {};
  const summary = document.createElement('p');
  summary.dataset.testid = 'indicator-summary';
  summary.textContent = m.t('indicators.summary', { sessions: total.sessions || 0,
    serviceLevel: percent(value(total, 'serviceLevel')), satisfaction: percent(value(total, 'satisfactionRate')),
    resolution: percent(value(total, 'resolutionRate')), seconds: report.serviceLevelSeconds });
  container.replaceChildren(summary,
    barChart({ title: m.t('indicators.sessions'), labels, values: rows.map((r) => r.sessions) }),
    lineChart({ title: m.t('indicators.rates'), labels, format: percent, max: 1, series: [
      { name: m.t('indicators.serviceLevel'), values: rows.map((r) => value(r, 'serviceLevel')) },
      { name: m.t('indicators.satisfaction'), values: rows.map((r) => value(r, 'satisfactionRate')) }] }),
    barChart({ title: m.t('indicators.response'), labels, format: (v) => v + ' s',
      values: rows.map((r) => seconds(r.responseTime ? r.responseTime.p50Ms : null)) }),
    barChart({ title: m.t('indicators.abandonment'), labels, format: percent, max: 1,
      values: rows.map((r) => value(r, 'abandonmentRate')) }));
}
