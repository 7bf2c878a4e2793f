// Remote pointer 远程标注, the applicant's side: the helper's pointer and strokes drawn on this real page.
//
// A mark's points are fractions of the shared surface — this tab's viewport as the helper sees it in the video
// (docs/protocol.md, "Remote pointer"). Each point is placed in document coordinates when it arrives:
//   page x = x · innerWidth + scrollX,  page y = y · innerHeight + scrollY
// and drawn in an absolutely positioned overlay, so a mark stays on the content it was drawn on when the page
// scrolls afterwards, and on resize it stays where it was in the document. The overlay never takes a click
// (pointer-events: none) and lives in its own Shadow DOM, out of reach of the portal's styles.
// Limits: content that moves by itself (animations, a reflow after a resize, fixed headers) does not carry the
// marks with it, and the helper sees the page one video frame late.

const DEFAULT_COLOR = '#e53935';
const SVG = 'http://www.w3.org/2000/svg';

/** Maps a fraction of the viewport to document coordinates for a view {innerWidth, innerHeight, scrollX, scrollY}. */
export function toPage([x, y], view) {
  return { x: x * view.innerWidth + view.scrollX, y: y * view.innerHeight + view.scrollY };
}

export class PointerOverlay {
  constructor(win = window) {
    this.win = win;
    this.strokes = new Map();
    this.host = null;
  }

  ensure() {
    if (this.host && this.host.isConnected) return;
    const doc = this.win.document;
    this.host = doc.createElement('div');
    this.host.id = 'bangban-pointer';
    this.host.setAttribute('aria-hidden', 'true');
    this.host.style.cssText = 'position:absolute;left:0;top:0;width:0;height:0;overflow:visible;'
      + 'pointer-events:none;z-index:2147483646;margin:0;padding:0;border:0;';
    const root = this.host.attachShadow({ mode: 'open' });
    const style = doc.createElement('style');
    style.textContent = ':host{all:initial} *{pointer-events:none}'
      + ' svg{position:absolute;left:0;top:0;overflow:visible}'
      + ' .dot{position:absolute;box-sizing:border-box;width:22px;height:22px;margin:-11px 0 0 -11px;border-radius:50%;'
      + 'border:3px solid #fff;box-shadow:0 0 0 2px var(--c),0 2px 8px rgba(0,0,0,.4);background:var(--c);opacity:.85}'
      + ' .dot[hidden]{display:none}';
    this.svg = doc.createElementNS(SVG, 'svg');
    this.svg.setAttribute('width', '1');
    this.svg.setAttribute('height', '1');
    this.dot = doc.createElement('div');
    this.dot.className = 'dot';
    this.dot.hidden = true;
    this.dot.setAttribute('data-testid', 'pointer-dot');
    root.append(style, this.svg, this.dot);
    doc.body.appendChild(this.host);
  }

  /** The overlay's own document offset (non-zero when the portal positions its body with a margin). */
  origin() {
    const r = this.host.getBoundingClientRect();
    return { x: r.left + this.win.scrollX, y: r.top + this.win.scrollY };
  }

  view() {
    const w = this.win;
    return { innerWidth: w.innerWidth, innerHeight: w.innerHeight, scrollX: w.scrollX, scrollY: w.scrollY };
  }

  local(point) {
    const p = toPage(point, this.view());
    const o = this.origin();
    return { x: p.x - o.x, y: p.y - o.y };
  }

  /** Applies one `pointer` push: {op: point|stroke|clear, strokeId, color, points}. */
  apply(mark) {
    if (mark.op === 'clear') {
      this.clear();
      return;
    }
    const points = Array.isArray(mark.points) ? mark.points : [];
    if (!points.length) return;
    this.ensure();
    const color = /^#[0-9a-fA-F]{6}$/.test(mark.color || '') ? mark.color : DEFAULT_COLOR;
    if (mark.op === 'point') {
      const p = this.local(points[0]);
      this.dot.style.setProperty('--c', color);
      this.dot.style.left = p.x + 'px';
      this.dot.style.top = p.y + 'px';
      this.dot.hidden = false;
    } else if (mark.op === 'stroke') {
      let line = this.strokes.get(mark.strokeId);
      if (!line) {
        line = this.win.document.createElementNS(SVG, 'polyline');
        line.setAttribute('fill', 'none');
        line.setAttribute('stroke', color);
        line.setAttribute('stroke-width', '4');
        line.setAttribute('stroke-linecap', 'round');
        line.setAttribute('stroke-linejoin', 'round');
        line.setAttribute('data-testid', 'pointer-stroke');
        line.dataset.strokeId = mark.strokeId;
        this.svg.appendChild(line);
        this.strokes.set(mark.strokeId, line);
      }
      const more = points.map((pt) => {
        const p = this.local(pt);
        return p.x.toFixed(1) + ',' + p.y.toFixed(1);
      }).join(' ');
      const had = line.getAttribute('points');
      line.setAttribute('points', had ? had + ' ' + more : more);
    }
  }

  hasMarks() {
    return this.strokes.size > 0 || (this.dot && !this.dot.hidden);
  }

  clear() {
    this.strokes.clear();
    if (this.svg) this.svg.replaceChildren();
    if (this.dot) this.dot.hidden = true;
  }

  destroy() {
    this.clear();
    if (this.host) this.host.remove();
    this.host = null;
  }
}
