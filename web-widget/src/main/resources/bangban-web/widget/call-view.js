// The call in the help panel, mixed into the App (app.js): the helper's video and screen, own preview, microphone
// and camera toggles, sharing this tab with the "being viewed" banner, the remote pointer's marks and the end.

import { h, fill } from './dom.js';
import { Call } from './call.js';
import { renderChat } from './chat.js';

export const CallViews = {
  sessionStarted(msg) {
    const s = this.state;
    const same = s.sessionId === msg.sessionId;
    const transferred = !same && s.transferring;
    if (!same) {
      if (!transferred) s.chat = [];
      this.mic = true;
      this.cam = true;
    }
    Object.assign(s, { sessionId: msg.sessionId, requestId: msg.requestId, helperName: msg.helperName,
      caseNumber: msg.caseNumber || s.caseNumber, itemId: msg.item || s.itemId, kind: msg.kind || s.kind, queue: null,
      transferring: false });
    if (msg.resumed) this.setNotice(this.m.t('notice.resumed'));
    else if (transferred) this.setNotice(this.m.t('notice.transferDone', { helper: msg.helperName || '' }));
    else this.setNotice(null);
    this.endCall();
    this.go('call');
    this.say(this.m.t('call.heading', { helper: msg.helperName || '' }));
    this.startMedia();
    if (!this.panel.hidden) return;
    this.panel.hidden = false;
    this.button.setAttribute('aria-expanded', 'true');
    this.state.panelOpen = true;
    this.save();
  },

  startMedia() {
    const call = new Call(this.conn.client, this.state.sessionId, {
      onRemote: (source, track) => this.attachRemote(source, track),
      onState: (st) => {
        this.mediaState = st;
        this.refreshCall();
      },
      onShare: (on) => this.showBanner(on),
    });
    this.call = call;
    call.start().then((local) => {
      if (this.call !== call || !local) return;
      // the applicant may have muted before the devices were ready: that choice stands
      call.setEnabled('audio', this.mic !== false);
      call.setEnabled('video', this.cam !== false);
      if (!call.has('audio') && !call.has('video')) this.addChat({ who: 'system', text: this.m.t('call.noDevices'), at: Date.now() });
      this.refreshCall();
    }, (e) => {
      if (this.call === call) this.addChat({ who: 'system', text: this.errorText(e), at: Date.now() });
    });
  },

  /** The relay dropped our media (consent lost, DTLS failed): start it again on this session. */
  restartMedia() {
    if (this.state.step !== 'call') return;
    this.endCall();
    this.addChat({ who: 'system', text: this.m.t('call.mediaRestart'), at: Date.now() });
    this.startMedia();
  },

  endCall() {
    if (this.call) this.call.close();
    this.call = null;
    this.mediaState = null;
    this.remote = {};
    this.showBanner(false);
    this.pointer.destroy();
    this.callView = null;
  },

  attachRemote(source, track) {
    this.remote = this.remote || {};
    this.remote[source] = track;
    // a stopped source keeps its stream (docs/protocol.md, "Media"): show the helper's screen only while it flows
    track.addEventListener('mute', () => this.refreshCall());
    track.addEventListener('unmute', () => this.refreshCall());
    if (this.callView) this.bindRemote();
  },

  bindRemote() {
    const v = this.callView;
    const r = this.remote || {};
    const set = (el, tracks) => {
      const have = el.srcObject && el.srcObject.getTracks();
      if (have && tracks.every((t) => have.includes(t))) return;
      el.srcObject = new MediaStream(tracks);
      el.play().catch(() => {});
    };
    if (r.camera) set(v.querySelector('[data-testid="remote-video"]'), [r.camera]);
    if (r.screen) set(v.querySelector('[data-testid="remote-screen"]'), [r.screen]);
    if (r.microphone) set(v.querySelector('audio'), [r.microphone]);
    if (this.call && this.call.local) {
      const self = v.querySelector('[data-testid="self-video"]');
      if (self.srcObject !== this.call.local) {
        self.srcObject = this.call.local;
        self.play().catch(() => {});
      }
    }
  },

  viewCall() {
    const t = (k, p) => this.m.t(k, p);
    const s = this.state;
    const remoteScreen = h('video', { class: 'bb-remote-screen', testid: 'remote-screen', autoplay: true, playsinline: true,
      muted: true, 'aria-label': t('call.remoteScreen'), hidden: true });
    remoteScreen.muted = true;
    const remote = h('video', { class: 'bb-remote', testid: 'remote-video', autoplay: true, playsinline: true,
      'aria-label': t('call.remote') });
    remote.muted = true;
    const self = h('video', { class: 'bb-self', testid: 'self-video', autoplay: true, playsinline: true,
      'aria-label': t('call.self') });
    self.muted = true;
    const audio = h('audio', { autoplay: true });
    const view = h('div', { class: 'bb-step bb-call' },
      h('h3', { testid: 'call-heading' }, t('call.heading', { helper: s.helperName || '' })),
      s.caseNumber ? h('p', { class: 'bb-muted bb-small', testid: 'case-number' }, t('call.case', { caseNumber: s.caseNumber })) : null,
      h('p', { class: 'bb-muted bb-small', testid: 'media-state' }),
      h('div', { class: 'bb-videos' }, remote, self, remoteScreen, audio),
      h('div', { class: 'bb-controls' },
        h('button', { type: 'button', testid: 'toggle-mic', 'aria-pressed': 'true', onclick: () => this.toggle('audio') }, t('call.mic')),
        h('button', { type: 'button', testid: 'toggle-camera', 'aria-pressed': 'true', onclick: () => this.toggle('video') }, t('call.camera')),
        h('button', { type: 'button', testid: 'start-screen-share', onclick: (e) => this.share(e.currentTarget) }, t('call.share')),
        h('button', { type: 'button', testid: 'pointer-clear', hidden: true, onclick: () => this.clearMarks() }, t('call.clear')),
        h('button', { type: 'button', class: 'bb-danger', testid: 'end-call', onclick: (e) => this.endSession(e.currentTarget) }, t('call.end'))),
      renderChat(this, t));
    this.callView = view;
    this.bindRemote();
    return view;
  },

  refreshCall() {
    const v = this.callView;
    if (!v) return;
    const t = (k, p) => this.m.t(k, p);
    const mic = v.querySelector('[data-testid="toggle-mic"]');
    const cam = v.querySelector('[data-testid="toggle-camera"]');
    mic.setAttribute('aria-pressed', String(this.mic !== false));
    mic.textContent = t(this.mic === false ? 'call.micOff' : 'call.mic');
    mic.disabled = !!this.call && !!this.call.local && !this.call.has('audio');
    cam.setAttribute('aria-pressed', String(this.cam !== false));
    cam.textContent = t(this.cam === false ? 'call.cameraOff' : 'call.camera');
    cam.disabled = !!this.call && !!this.call.local && !this.call.has('video');
    const sharing = !!(this.call && this.call.sharing());
    v.querySelector('[data-testid="start-screen-share"]').hidden = sharing;
    v.querySelector('[data-testid="pointer-clear"]').hidden = !this.pointer.hasMarks();
    const st = v.querySelector('[data-testid="media-state"]');
    st.textContent = this.notice || (this.mediaState && !/connected/.test(this.mediaState) ? t('call.connecting') : '');
    const screen = v.querySelector('[data-testid="remote-screen"]');
    screen.hidden = !(this.remote && this.remote.screen && !this.remote.screen.muted);
    this.bindRemote();
  },

  toggle(kind) {
    if (!this.call) return;
    if (kind === 'audio') {
      this.mic = this.mic === false;
      this.call.setEnabled('audio', this.mic);
      this.say(this.m.t(this.mic ? 'call.micOnSaid' : 'call.micOffSaid'));
    } else {
      this.cam = this.cam === false;
      this.call.setEnabled('video', this.cam);
      this.say(this.m.t(this.cam ? 'call.cameraOnSaid' : 'call.cameraOffSaid'));
    }
    this.refreshCall();
  },

  async share(button) {
    if (!this.call) return;
    button.disabled = true;
    try {
      const surface = await this.call.shareTab();
      if (surface !== 'browser') this.addChat({ who: 'system', text: this.m.t('call.shareNotTab'), at: Date.now() });
    } catch (e) {
      this.addChat({ who: 'system', text: this.m.t('call.shareFailed'), at: Date.now() });
    }
    button.disabled = false;
    this.refreshCall();
  },

  showBanner(on) {
    if (!this.banner) return;
    const t = (k, p) => this.m.t(k, p);
    fill(this.banner, on ? [
      h('span', { class: 'bb-rec', 'aria-hidden': 'true' }),
      h('span', { testid: 'being-viewed' }, t('banner.viewed')),
      h('button', { type: 'button', testid: 'stop-screen-share', onclick: () => this.stopShare() }, t('banner.stop')),
    ] : []);
    this.banner.hidden = !on;
    if (on) this.say(t('banner.viewed'));
    this.refreshCall();
  },

  async stopShare() {
    if (this.call) await this.call.stopShare();
    this.say(this.m.t('banner.stopped'));
    const b = this.callView && this.callView.querySelector('[data-testid="start-screen-share"]');
    if (b) b.focus();
  },

  clearMarks() {
    this.pointer.clear();
    this.conn.request('pointer.send', { sessionId: this.state.sessionId, op: 'clear' }).catch(() => {});
    this.refreshCall();
    const end = this.callView && this.callView.querySelector('[data-testid="end-call"]');
    if (end) end.focus();
  },

  async endSession(button) {
    button.disabled = true;
    try {
      await this.conn.request('session.end', { sessionId: this.state.sessionId });
    } catch (e) {
      if (e.code !== 'not_found' && e.code !== 'conflict') {
        button.disabled = false;
        this.addChat({ who: 'system', text: this.errorText(e), at: Date.now() });
        return;
      }
    }
    if (this.state.step === 'call') {
      this.endCall();
      this.setNotice(this.m.t('notice.youEnded'));
      this.go('rating');
    }
  },
};
