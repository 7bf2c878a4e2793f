// Test actors for the signaling server's browser tests: applicants, helpers and supervisors that
// speak protocol v1 with the real web-widget modules (/js/bangban-client.js, /js/media-link.js),
// several in one page. Driven by Selenium through window.peer(name).<method>(...).
'use strict';
(function () {
  const modules = Promise.all([import('/js/bangban-client.js'), import('/js/media-link.js')]);

  async function capture(source) {
    if (source === 'microphone') return (await navigator.mediaDevices.getUserMedia({ audio: true })).getAudioTracks()[0];
    if (source === 'camera') {
      return (await navigator.mediaDevices.getUserMedia({ video: { width: 320, height: 240, frameRate: 15 } })).getVideoTracks()[0];
    }
    return (await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: 10 }, preferCurrentTab: true })).getVideoTracks()[0];
  }

  function until(predicate, what, ms = 20000) {
    return new Promise((resolve, reject) => {
      const t0 = Date.now();
      const tick = () => {
        const v = predicate();
        if (v) return resolve(v);
        if (Date.now() - t0 > ms) return reject(new Error('timed out waiting for ' + what));
        setTimeout(tick, 50);
      };
      tick();
    });
  }

  const proto = {
    async connect() {
      const [{ BangbanClient }, { MediaLink }] = await modules;
      this.MediaLink = MediaLink;
      this.client = await new BangbanClient().connect();
      this.pushes = [];
      for (const t of ['offer', 'session.started', 'session.ended', 'media.closed', 'monitor.mode', 'monitor.started']) {
        this.client.on(t, (m) => this.pushes.push(m));
      }
      this.client.on('session.started', (m) => {
        this.sessionId = m.sessionId;
        this.link = this.newLink(m.sessionId);
        if (this.sources) this.publish(this.sources);
      });
    },

    newLink(sessionId) {
      this.videos = {};
      return new this.MediaLink(this.client, sessionId, {
        onTrack: (track, info) => {
          const el = document.createElement(track.kind === 'video' ? 'video' : 'audio');
          el.autoplay = true;
          el.muted = true;
          el.srcObject = new MediaStream([track]);
          document.body.appendChild(el);
          el.play().catch(() => {});
          this.videos[info.mid] = el;
        },
      });
    },

    async publish(sources) {
      const tracks = {};
      for (const s of sources) tracks[s] = await capture(s);
      await this.link.publish(tracks);
    },

    /** A helper: logs in, becomes available, accepts the first offer, publishes when the session starts. */
    async helper(username, sources) {
      await this.connect();
      this.sources = sources;
      await this.client.request('auth.login', { username, password: 'bangban-demo' });
      this.client.on('offer', (m) => this.client.request('offer.accept', { requestId: m.requestId }));
      await this.client.request('presence.set', { status: 'available' });
    },

    /** An applicant: a guest asking for help with an item; publishes when the session starts. */
    async applicant(item, sources) {
      await this.connect();
      this.sources = sources;
      await this.client.request('auth.guest');
      const r = await this.client.request('request.create', { item, kind: 'assist', language: 'zh', description: 'test' });
      return r.requestId || null;
    },

    async supervisor(username) {
      await this.connect();
      const me = await this.client.request('auth.login', { username, password: 'bangban-demo' });
      return me.principalId;
    },

    async monitor(sessionId) {
      this.sessionId = sessionId;
      this.link = this.newLink(sessionId);
      return this.client.request('monitor.start', { sessionId });
    },

    async mode(mode) {
      return this.client.request('monitor.mode', { sessionId: this.sessionId, mode });
    },

    async waitSession() {
      return until(() => this.sessionId, 'session.started');
    },

    async endSession() {
      return this.client.request('session.end', { sessionId: this.sessionId });
    },

    async request(type, fields) {
      return this.client.request(type, fields || {});
    },

    pushTypes() {
      return Promise.resolve(this.pushes.map((m) => m.type));
    },

    async stats() {
      const out = { inbound: {}, outboundBytes: 0, pubPair: null, subPair: null };
      if (!this.link) return out;
      const { publish, receive } = await this.link.stats();
      const pair = (report) => {
        if (!report) return null;
        let p = null;
        report.forEach((s) => {
          if (s.type === 'transport' && s.selectedCandidatePairId) p = report.get(s.selectedCandidatePairId);
        });
        if (!p) return null;
        const r = report.get(p.remoteCandidateId);
        return { address: r.address || r.ip, port: r.port, protocol: r.protocol };
      };
      if (receive) {
        receive.forEach((s) => {
          if (s.type === 'inbound-rtp') {
            out.inbound[s.mid] = { kind: s.kind, packetsReceived: s.packetsReceived || 0,
              framesDecoded: s.framesDecoded || 0, trackIdentifier: s.trackIdentifier };
          }
        });
      }
      for (const report of [publish, receive]) {
        if (!report) continue;
        report.forEach((s) => {
          if (s.type === 'outbound-rtp') out.outboundBytes += s.bytesSent || 0;
        });
      }
      out.pubPair = pair(publish);
      out.subPair = pair(receive);
      return out;
    },
  };

  window.peers = {};
  window.peer = function (name) {
    if (!window.peers[name]) {
      window.peers[name] = Object.assign(Object.create(proto), { name });
    }
    return window.peers[name];
  };
  /** Resolves with the predicate's first truthy value (polled every 50 ms), for scripts added on top (widget-helper.js). */
  window.peer.until = until;
})();
