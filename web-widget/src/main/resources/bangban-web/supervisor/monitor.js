// Monitoring one live session from the dashboard (docs/protocol.md, "Monitoring"): silent (sees and hears both
// sides through the relay, sends nothing), whisper (the helper hears the supervisor), barge-in (both do).
// The supervisor's microphone is published only for whisper and barge-in, and withdrawn on the way back to silent.
import { MediaLink } from '../js/media-link.js';
import { el } from './format.js';

export class Monitor {
  /**
   * @param {BangbanClient} client
   * @param {HTMLElement} panel the monitor panel
   * @param {{messages: function(): Messages, onChange: function(string|null), announce: function(string)}} hooks
   */
  constructor(client, panel, hooks) {
    this.client = client;
    this.panel = panel;
    this.hooks = hooks;
    this.session = null;
    this.link = null;
    this.mode = null;
    this.micPublished = false;
    this.tiles = new Map();
    client.on('media.closed', (m) => {
      if (this.session && m.sessionId === this.session.sessionId && m.reason === 'SESSION_ENDED') this.ended();
    });
    const on = (id, fn) => panel.querySelector('[data-testid=' + id + ']').addEventListener('click', fn);
    on('whisper-start', () => this.setMode('whisper'));
    on('barge-in', () => this.setMode('barge'));
    on('monitor-silent', () => this.setMode('silent'));
    on('monitor-stop', () => this.stop());
    panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.session) this.stop();
    });
  }

  get m() {
    return this.hooks.messages();
  }

  /** Starts silent monitoring of a wallboard session; resolves when the server accepted it. */
  async start(session) {
    if (this.session) await this.stop();
    this.session = session;
    this.helperEndpoint = session.helperId.replace(/:/g, '.');
    this.link = new MediaLink(this.client, session.sessionId, { onTrack: (track, info) => this.track(track, info) });
    this.panel.hidden = false;
    this.render();
    try {
      await this.client.request('monitor.start', { sessionId: session.sessionId });
    } catch (e) {
      this.teardown();
      throw e;
    }
    this.mode = 'silent';
    this.render();
    this.hooks.onChange(session.sessionId);
    this.panel.querySelector('[data-testid=whisper-start]').focus();
    this.hooks.announce(this.m.t('monitor.started', { helper: session.helperName }));
  }

  async setMode(mode) {
    if (!this.session) return;
    const sessionId = this.session.sessionId;
    await this.client.request('monitor.mode', { sessionId, mode });
    if (mode === 'silent') {
      if (this.micPublished) await this.link.unpublish('microphone');
      this.micPublished = false;
    } else if (!this.micPublished) {
      const mic = (await navigator.mediaDevices.getUserMedia({ audio: true })).getAudioTracks()[0];
      await this.link.publish({ microphone: mic });
      this.micPublished = true;
    }
    this.mode = mode;
    this.render();
  }

  async stop() {
    if (!this.session) return;
    const sessionId = this.session.sessionId;
    this.teardown();
    await this.client.request('monitor.stop', { sessionId }).catch(() => {});
  }

  /** The session ended (forced, or by a party): the relay closed our media. */
  ended() {
    const helper = this.session.helperName;
    this.teardown();
    this.hooks.announce(this.m.t('monitor.ended', { helper }));
  }

  teardown() {
    if (this.link) {
      const handlers = this.client.handlers.get('media.offer') || [];
      this.client.handlers.set('media.offer', handlers.filter((h) => h !== this.link.onPush));
      this.link.close();
    }
    this.link = null;
    this.session = null;
    this.mode = null;
    this.micPublished = false;
    this.tiles.clear();
    this.panel.querySelector('[data-testid=monitor-media]').replaceChildren();
    this.panel.hidden = true;
    this.hooks.onChange(null);
  }

  /** A track of either side arrives: msid "<endpoint>-<source>", the endpoint being the principal id with ':' → '.'. */
  track(track, info) {
    const id = info.trackId || '';
    const source = id.slice(id.lastIndexOf('-') + 1);
    const party = id.startsWith(this.helperEndpoint + '-') ? 'helper' : 'applicant';
    const media = el(track.kind === 'video' ? 'video' : 'audio', { autoplay: true, playsinline: true,
      'data-testid': 'monitor-' + party + '-' + source });
    if (track.kind === 'video') media.muted = true; // the sound comes from the audio elements
    media.srcObject = new MediaStream([track]);
    const label = el('figcaption', { 'data-party': party, 'data-source': source });
    const figure = el('figure', {}, media, label);
    if (track.kind === 'audio') figure.hidden = true;
    this.tiles.set(id, figure);
    this.panel.querySelector('[data-testid=monitor-media]').append(figure);
    media.play().catch(() => { /* starts with the next user gesture */ });
    this.render();
  }

  render() {
    const m = this.m;
    if (!this.session) return;
    this.panel.querySelector('[data-testid=monitor-title]').textContent =
      m.t('monitor.title', { helper: this.session.helperName, applicant: this.session.applicant });
    this.panel.querySelector('[data-testid=monitor-mode]').textContent =
      this.mode ? m.t('monitor.mode.' + this.mode) : m.t('monitor.connecting');
    for (const cap of this.panel.querySelectorAll('figcaption')) {
      cap.textContent = m.t('party.' + cap.dataset.party) + ' · ' + m.t('source.' + cap.dataset.source);
    }
    for (const [id, mode] of [['whisper-start', 'whisper'], ['barge-in', 'barge'], ['monitor-silent', 'silent']]) {
      const b = this.panel.querySelector('[data-testid=' + id + ']');
      b.setAttribute('aria-pressed', String(this.mode === mode));
      b.disabled = !this.mode;
    }
  }

  /** A summary of the monitor's RTCStatsReports (inbound streams by mid, bytes sent), for diagnostics and tests. */
  async stats() {
    const out = { inbound: {}, outboundBytes: 0 };
    if (!this.link) return out;
    const { publish, receive } = await this.link.stats();
    if (receive) {
      receive.forEach((s) => {
        if (s.type === 'inbound-rtp') {
          out.inbound[s.mid] = { kind: s.kind, packetsReceived: s.packetsReceived || 0,
            framesDecoded: s.framesDecoded || 0, trackIdentifier: s.trackIdentifier };
        }
      });
    }
    for (const report of [publish, receive]) {
      if (report) report.forEach((s) => { if (s.type === 'outbound-rtp') out.outboundBytes += s.bytesSent || 0; });
    }
    return out;
  }
}
