// The media of the helper's call (docs/protocol.md, "Media"): the helper publishes its microphone and camera (and,
// to demonstrate, its own screen) and receives the applicant's microphone, camera and screen through the relay.
// The relay names each forwarded track `<endpoint>-<source>` (msid), which tells the applicant's camera from its
// screen. The large stage shows the screen when the applicant shares it, else the camera; the helper can swap them.

import { MediaLink } from '../js/media-link.js';

function sourceOf(trackId) {
  const m = /-(microphone|camera|screen)$/.exec(trackId || '');
  return m ? m[1] : null;
}

export class CallView {
  /**
   * @param {object} els {stage, side, own, audio, stageLabel, sideLabel, switchBtn, micBtn, camBtn, shareBtn}
   * @param {function(string, object=): void} notify a status line for the helper (message key, params)
   * @param {function(): void} changed called when what the stage shows changes
   */
  constructor(client, els, notify, changed) {
    this.client = client;
    this.els = els;
    this.notify = notify;
    this.changed = changed;
    this.link = null;
    this.local = {};
    this.remote = {}; // camera / screen → MediaStream, with .live (packets flowing)
    this.onStage = 'camera';
    this.stageChosen = false;
  }

  async start(sessionId) {
    this.close();
    this.link = new MediaLink(this.client, sessionId, {
      onTrack: (track, info) => this.track(track, info),
      onState: (s) => {
        if (s.endsWith(':failed')) this.notify('call.mediaFailed');
      },
    });
    try {
      const media = await navigator.mediaDevices.getUserMedia({
        audio: true, video: { width: 640, height: 360, frameRate: 15 } });
      this.local.microphone = media.getAudioTracks()[0];
      this.local.camera = media.getVideoTracks()[0];
      this.els.own.srcObject = new MediaStream([this.local.camera]);
      this.els.own.play().catch(() => {});
      await this.link.publish({ microphone: this.local.microphone, camera: this.local.camera });
    } catch (e) {
      this.notify('call.noDevices', { detail: e.message || String(e) });
    }
    this.renderToggles();
  }

  track(track, info) {
    const source = sourceOf(info.trackId);
    if (track.kind === 'audio') {
      const a = this.els.audio;
      a.srcObject = new MediaStream([track]);
      a.play().catch(() => {});
      return;
    }
    const kind = source === 'screen' ? 'screen' : 'camera';
    const stream = new MediaStream([track]);
    stream.live = !track.muted;
    this.remote[kind] = stream;
    track.addEventListener('unmute', () => {
      stream.live = true;
      if (kind === 'screen' && !this.stageChosen) this.onStage = 'screen';
      if (kind === 'screen') this.notify('call.screenStarted');
      this.layout();
    });
    track.addEventListener('mute', () => {
      stream.live = false;
      if (kind === 'screen' && !this.stageChosen) this.onStage = 'camera';
      if (kind === 'screen') this.notify('call.screenStopped');
      this.layout();
    });
    if (kind === 'screen' && stream.live && !this.stageChosen) this.onStage = 'screen';
    this.layout();
  }

  /** Puts the chosen source on the large stage and the other one beside it. */
  layout() {
    const stageSrc = this.remote[this.onStage] || null;
    const other = this.onStage === 'screen' ? 'camera' : 'screen';
    const sideSrc = this.remote[other] || null;
    const put = (video, stream) => {
      if (video.srcObject !== stream) {
        video.srcObject = stream;
        if (stream) video.play().catch(() => {});
      }
    };
    put(this.els.stage, stageSrc);
    put(this.els.side, sideSrc);
    this.els.stage.dataset.source = this.onStage;
    this.els.side.dataset.source = other;
    this.els.switchBtn.disabled = !(this.remote.camera && this.remote.screen);
    this.changed();
  }

  switchStage() {
    this.onStage = this.onStage === 'screen' ? 'camera' : 'screen';
    this.stageChosen = true;
    this.layout();
  }

  /** True when the stage shows the applicant's shared screen (the pointer draws only there). */
  stageIsScreen() {
    return this.onStage === 'screen' && !!this.remote.screen;
  }

  toggle(source) {
    const t = this.local[source];
    if (!t) return;
    t.enabled = !t.enabled;
    this.renderToggles();
  }

  async toggleShare() {
    if (this.local.screen) {
      await this.stopShare();
      return;
    }
    try {
      const media = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: 10 }, audio: false });
      const track = media.getVideoTracks()[0];
      this.local.screen = track;
      track.addEventListener('ended', () => this.stopShare());
      await this.link.publish({ screen: track });
      this.notify('call.sharing');
    } catch (e) {
      this.local.screen = null;
      this.notify('call.shareFailed', { detail: e.message || String(e) });
    }
    this.renderToggles();
  }

  async stopShare() {
    if (!this.local.screen) return;
    this.local.screen = null;
    if (this.link) await this.link.unpublish('screen').catch(() => {});
    this.notify('call.sharingStopped');
    this.renderToggles();
  }

  renderToggles() {
    const on = (t) => !!t && t.enabled;
    this.els.micBtn.setAttribute('aria-pressed', String(!on(this.local.microphone)));
    this.els.camBtn.setAttribute('aria-pressed', String(!on(this.local.camera)));
    this.els.shareBtn.setAttribute('aria-pressed', String(!!this.local.screen));
    this.els.micBtn.disabled = !this.local.microphone;
    this.els.camBtn.disabled = !this.local.camera;
    this.els.shareBtn.disabled = !this.link;
    this.changed();
  }

  /** The receive connection's inbound streams by mid: kind, packets, decoded frames, track id (msid). */
  async stats() {
    const out = { inbound: {} };
    if (!this.link) return out;
    const { receive } = await this.link.stats();
    if (receive) {
      receive.forEach((s) => {
        if (s.type === 'inbound-rtp') {
          out.inbound[s.mid] = { kind: s.kind, packetsReceived: s.packetsReceived || 0,
            framesDecoded: s.framesDecoded || 0, trackIdentifier: s.trackIdentifier };
        }
      });
    }
    return out;
  }

  close() {
    if (this.link) this.link.close();
    this.link = null;
    for (const t of Object.values(this.local)) if (t) t.stop();
    this.local = {};
    this.remote = {};
    this.onStage = 'camera';
    this.stageChosen = false;
    for (const v of [this.els.stage, this.els.side, this.els.own, this.els.audio]) v.srcObject = null;
  }
}
