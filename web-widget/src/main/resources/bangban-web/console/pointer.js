// Remote pointer 远程标注, the helper's side (docs/protocol.md, "Remote pointer"): the helper points and draws on
// its view of the applicant's shared screen; every mark is sent as fractions 0..1 of the shared surface, i.e. of
// the picture the <video> element actually shows. A video keeps its aspect ratio inside its element (object-fit:
// contain, the default), so the picture is letterboxed: bars left/right or top/bottom are not the surface and a
// press there sends nothing.

const POINT_INTERVAL_MS = 100; // `point` at most ~10/s
const STROKE_FLUSH_MS = 100;   // a stroke's points are batched, ~10 messages/s (the connection allows 20/s)
const MAX_STROKE_POINTS = 256; // per message (the server's limit)
const KEY_STEP = 0.02;         // arrow keys move the pointer by 2 % of the surface
export const HELPER_COLOR = '#e53935';
const APPLICANT_COLOR = '#1e63d6';

/** The rectangle of an element's content box in client pixels (inside border and padding). */
export function contentBox(el) {
  const r = el.getBoundingClientRect();
  const cs = getComputedStyle(el);
  const px = (v) => parseFloat(v) || 0;
  const left = r.left + px(cs.borderLeftWidth) + px(cs.paddingLeft);
  const top = r.top + px(cs.borderTopWidth) + px(cs.paddingTop);
  return {
    left,
    top,
    width: r.width - px(cs.borderLeftWidth) - px(cs.borderRightWidth) - px(cs.paddingLeft) - px(cs.paddingRight),
    height: r.height - px(cs.borderTopWidth) - px(cs.borderBottomWidth) - px(cs.paddingTop) - px(cs.paddingBottom),
  };
}

/**
 * Where a picture of videoWidth × videoHeight is shown inside box for an object-fit value: `contain` (and
 * `scale-down` when it shrinks) letterboxes, `fill` stretches, `cover` crops (the box then shows a part of it),
 * `none` shows it at its own size, centred. null when there is no picture yet.
 */
export function pictureBox(videoWidth, videoHeight, box, fit = 'contain') {
  if (!videoWidth || !videoHeight || box.width <= 0 || box.height <= 0) return null;
  let scale;
  if (fit === 'fill') return { left: box.left, top: box.top, width: box.width, height: box.height };
  if (fit === 'cover') scale = Math.max(box.width / videoWidth, box.height / videoHeight);
  else if (fit === 'none') scale = 1;
  else if (fit === 'scale-down') scale = Math.min(1, box.width / videoWidth, box.height / videoHeight);
  else scale = Math.min(box.width / videoWidth, box.height / videoHeight);
  const width = videoWidth * scale;
  const height = videoHeight * scale;
  return { left: box.left + (box.width - width) / 2, top: box.top + (box.height - height) / 2, width, height };
}

/** The picture's rectangle of a <video> in client pixels, as laid out now. */
export function videoPictureBox(video) {
  return pictureBox(video.videoWidth, video.videoHeight, contentBox(video), getComputedStyle(video).objectFit);
}

/** A client point as fractions of the picture, rounded to 1/10000; null outside the picture (a letterbox bar). */
export function toFraction(picture, clientX, clientY) {
  if (!picture) return null;
  const x = (clientX - picture.left) / picture.width;
  const y = (clientY - picture.top) / picture.height;
  if (!(x >= 0 && x <= 1 && y >= 0 && y <= 1)) return null;
  return [Math.round(x * 10000) / 10000, Math.round(y * 10000) / 10000];
}

/**
 * The pointer and pen over the stage video. `send(fields)` sends one pointer.send (op, strokeId, color, points)
 * and returns a promise; `announce(key)` tells the screen reader what happened.
 */
export class PointerTool {
  constructor(video, canvas, send, announce = () => {}) {
    this.video = video;
    this.canvas = canvas;
    this.send = send;
    this.announce = announce;
    this.mode = 'off';
    this.strokes = new Map(); // strokeId → {color, points}
    this.pointers = {};       // helper / applicant → [x, y]
    this.drawing = null;      // the helper's stroke being drawn: {id, pending: [[x,y]], timer}
    this.lastPointAt = 0;
    this.pointTimer = null;
    this.pendingPoint = null;
    this.keyPos = [0.5, 0.5];
    this.strokeSeq = 0;
    canvas.addEventListener('pointerdown', (e) => this.down(e));
    canvas.addEventListener('pointermove', (e) => this.move(e));
    canvas.addEventListener('pointerup', (e) => this.up(e));
    canvas.addEventListener('pointercancel', (e) => this.up(e));
    canvas.addEventListener('keydown', (e) => this.key(e));
    new ResizeObserver(() => this.redraw()).observe(video);
    video.addEventListener('resize', () => this.redraw());
    window.addEventListener('resize', () => this.redraw());
  }

  /** 'off' (the video is only watched), 'point' or 'pen'. */
  setMode(mode) {
    this.mode = mode;
    this.canvas.classList.toggle('active', mode !== 'off');
    this.canvas.tabIndex = mode === 'off' ? -1 : 0;
    if (mode === 'off') this.flushStroke(true);
  }

  picture() {
    return videoPictureBox(this.video);
  }

  down(e) {
    if (this.mode === 'off') return;
    const p = toFraction(this.picture(), e.clientX, e.clientY);
    if (!p) return;
    e.preventDefault();
    if (this.mode === 'point') {
      this.sendPoint(p, true);
      return;
    }
    this.canvas.setPointerCapture(e.pointerId);
    this.strokeSeq += 1;
    const id = 'h' + Date.now().toString(36) + '-' + this.strokeSeq;
    this.drawing = { id, pending: [p], timer: setInterval(() => this.flushStroke(false), STROKE_FLUSH_MS) };
    this.strokes.set(id, { color: HELPER_COLOR, points: [p] });
    this.redraw();
  }

  move(e) {
    if (this.mode === 'point') {
      const p = toFraction(this.picture(), e.clientX, e.clientY);
      if (p) this.sendPoint(p, false);
      return;
    }
    if (this.mode !== 'pen' || !this.drawing) return;
    const p = toFraction(this.picture(), e.clientX, e.clientY);
    if (!p) return;
    this.drawing.pending.push(p);
    this.strokes.get(this.drawing.id).points.push(p);
    this.redraw();
  }

  up() {
    if (this.drawing) this.flushStroke(true);
  }

  /** Arrow keys move the pointer (Shift: 5×), Enter or Space shows it to the applicant: no mouse needed. */
  key(e) {
    if (this.mode === 'off') return;
    const step = e.shiftKey ? KEY_STEP * 5 : KEY_STEP;
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const clamp = (v) => Math.min(1, Math.max(0, Math.round(v * 10000) / 10000));
    if (moves[e.key]) {
      this.keyPos = [clamp(this.keyPos[0] + moves[e.key][0]), clamp(this.keyPos[1] + moves[e.key][1])];
      this.pointers.helper = this.keyPos;
      this.redraw();
      e.preventDefault();
    } else if (e.key === 'Enter' || e.key === ' ') {
      this.sendPoint(this.keyPos, true);
      e.preventDefault();
    }
  }

  /** Sends where the pointer is, at most every 100 ms (the latest position wins); `now` skips the wait. */
  sendPoint(p, now) {
    this.pointers.helper = p;
    this.redraw();
    this.pendingPoint = p;
    const wait = POINT_INTERVAL_MS - (Date.now() - this.lastPointAt);
    if (now || wait <= 0) {
      clearTimeout(this.pointTimer);
      this.pointTimer = null;
      this.flushPoint();
    } else if (!this.pointTimer) {
      this.pointTimer = setTimeout(() => {
        this.pointTimer = null;
        this.flushPoint();
      }, wait);
    }
  }

  flushPoint() {
    if (!this.pendingPoint) return;
    const p = this.pendingPoint;
    this.pendingPoint = null;
    this.lastPointAt = Date.now();
    this.send({ op: 'point', color: HELPER_COLOR, points: [p] });
  }

  flushStroke(end) {
    const d = this.drawing;
    if (!d) return;
    while (d.pending.length) {
      const batch = d.pending.splice(0, MAX_STROKE_POINTS);
      this.send({ op: 'stroke', strokeId: d.id, color: HELPER_COLOR, points: batch });
    }
    if (end) {
      clearInterval(d.timer);
      this.drawing = null;
      this.announce('pointer.drawn');
    }
  }

  /** Removes every mark, here and on the applicant's page. */
  clear() {
    this.clearLocal();
    this.send({ op: 'clear' });
  }

  clearLocal() {
    if (this.drawing) {
      clearInterval(this.drawing.timer);
      this.drawing = null;
    }
    this.strokes.clear();
    this.pointers = {};
    this.redraw();
  }

  /** A `pointer` push from the applicant: shown on the helper's view too. */
  receive(msg) {
    if (msg.op === 'clear') {
      this.clearLocal();
      this.announce('pointer.clearedByApplicant');
      return;
    }
    const points = Array.isArray(msg.points) ? msg.points : [];
    if (msg.op === 'point' && points.length) this.pointers.applicant = points[0];
    if (msg.op === 'stroke' && msg.strokeId) {
      const id = 'a:' + msg.strokeId;
      const s = this.strokes.get(id) || { color: msg.color || APPLICANT_COLOR, points: [] };
      s.points.push(...points);
      this.strokes.set(id, s);
    }
    this.redraw();
  }

  redraw() {
    const c = this.canvas;
    const rect = c.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(rect.width * dpr));
    const h = Math.max(1, Math.round(rect.height * dpr));
    if (c.width !== w || c.height !== h) {
      c.width = w;
      c.height = h;
    }
    const g = c.getContext('2d');
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.clearRect(0, 0, w, h);
    const pic = this.picture();
    if (!pic) return;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    const at = (p) => [pic.left - rect.left + p[0] * pic.width, pic.top - rect.top + p[1] * pic.height];
    g.lineWidth = 3;
    g.lineCap = 'round';
    g.lineJoin = 'round';
    for (const s of this.strokes.values()) {
      if (!s.points.length) continue;
      g.strokeStyle = s.color;
      g.beginPath();
      const [x0, y0] = at(s.points[0]);
      g.moveTo(x0, y0);
      for (const p of s.points.slice(1)) g.lineTo(...at(p));
      if (s.points.length === 1) g.lineTo(x0 + 0.1, y0 + 0.1);
      g.stroke();
    }
    for (const [who, p] of Object.entries(this.pointers)) {
      const [x, y] = at(p);
      g.fillStyle = who === 'helper' ? HELPER_COLOR : APPLICANT_COLOR;
      g.globalAlpha = 0.75;
      g.beginPath();
      g.arc(x, y, 9, 0, Math.PI * 2);
      g.fill();
      g.globalAlpha = 1;
      g.strokeStyle = '#ffffff';
      g.lineWidth = 2;
      g.stroke();
      g.lineWidth = 3;
    }
  }

  stop() {
    this.setMode('off');
    clearTimeout(this.pointTimer);
    this.pointTimer = null;
    this.pendingPoint = null;
    this.clearLocal();
  }
}
