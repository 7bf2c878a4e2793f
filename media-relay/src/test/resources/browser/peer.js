// Test-side WebRTC client for the media relay's browser tests: two peer connections like the
// real widget (publish: the browser offers; subscribe: the relay offers). Driven by Selenium.
// One page may hold several peers (applicant, helper, supervisor): each has its own connections.
'use strict';
const peerPrototype = {

  pcConfig() {
    return { bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require', iceServers: [] };
  },

  async capture(source) {
    if (source === 'microphone') {
      const s = await navigator.mediaDevices.getUserMedia({ audio: true });
      return s.getAudioTracks()[0];
    }
    if (source === 'camera') {
      const s = await navigator.mediaDevices.getUserMedia({ video: { width: 320, height: 240, frameRate: 15 } });
      return s.getVideoTracks()[0];
    }
    if (source === 'screen') {
      const s = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: 10 }, preferCurrentTab: true });
      return s.getVideoTracks()[0];
    }
    throw new Error('unknown source ' + source);
  },

  // Adds the given sources ("microphone", "camera", "screen") to the publish connection and
  // returns the offer with the mid -> source map.
  async publish(sources) {
    if (!this.pub) {
      this.pub = new RTCPeerConnection(this.pcConfig());
    }
    for (const source of sources) {
      const track = await this.capture(source);
      const existing = this.pub.getTransceivers().find(t => t.bbSource === source);
      if (existing) {
        await existing.sender.replaceTrack(track);
        existing.direction = 'sendonly';
      } else {
        const t = this.pub.addTransceiver(track, { direction: 'sendonly', streams: [new MediaStream([track])] });
        t.bbSource = source;
      }
      this.local[source] = track;
    }
    return this.offer();
  },

  // Stops a source: its transceiver goes inactive (the m-line stays, as unified plan wants).
  async unpublish(source) {
    const t = this.pub.getTransceivers().find(x => x.bbSource === source);
    if (this.local[source]) {
      this.local[source].stop();
      delete this.local[source];
    }
    await t.sender.replaceTrack(null);
    t.direction = 'inactive';
    return this.offer();
  },

  async offer() {
    const offer = await this.pub.createOffer();
    await this.pub.setLocalDescription(offer);
    const sources = {};
    for (const t of this.pub.getTransceivers()) {
      if (t.bbSource && t.mid !== null && t.direction !== 'inactive') {
        sources[t.mid] = t.bbSource;
      }
    }
    return { sdp: this.pub.localDescription.sdp, sources };
  },

  async publishAnswer(sdp) {
    await this.pub.setRemoteDescription({ type: 'answer', sdp });
  },

  async subscribeOffer(sdp) {
    if (!this.sub) {
      this.sub = new RTCPeerConnection(this.pcConfig());
      this.firstFrames = {};
      this.sub.onconnectionstatechange = () => {
        if (this.sub.connectionState === 'connected' && !this.subConnectedAt) this.subConnectedAt = performance.now();
      };
      this.sub.ontrack = (e) => {
        const mid = e.transceiver.mid;
        let v = this.videos[mid];
        if (!v) {
          v = document.createElement(e.track.kind === 'video' ? 'video' : 'audio');
          v.autoplay = true;
          v.muted = true;
          v.playsInline = true;
          v.id = this.name + '-remote-' + mid;
          document.body.appendChild(v);
          this.videos[mid] = v;
        }
        v.srcObject = new MediaStream([e.track]);
        v.play().catch(() => {});
        if (e.track.kind === 'video' && v.requestVideoFrameCallback) {
          v.requestVideoFrameCallback(() => {
            if (!this.firstFrames[mid]) this.firstFrames[mid] = performance.now();
          });
        }
      };
    }
    await this.sub.setRemoteDescription({ type: 'offer', sdp });
    const answer = await this.sub.createAnswer();
    await this.sub.setLocalDescription(answer);
    return this.sub.localDescription.sdp;
  },

  async pairOf(pc) {
    if (!pc) return null;
    const stats = await pc.getStats();
    let pair = null;
    stats.forEach(s => {
      if (s.type === 'transport' && s.selectedCandidatePairId) pair = stats.get(s.selectedCandidatePairId);
    });
    if (!pair) return null;
    const remote = stats.get(pair.remoteCandidateId);
    return { state: pair.state, address: remote.address || remote.ip, port: remote.port, protocol: remote.protocol };
  },

  // A summary the Java side asserts on.
  async stats() {
    const out = { inbound: {}, outboundBytes: 0, outboundPackets: 0, pubPair: null, subPair: null,
                  pubState: this.pub ? this.pub.connectionState : 'none',
                  subState: this.sub ? this.sub.connectionState : 'none',
                  subConnectedAt: this.subConnectedAt || null, firstFrames: this.firstFrames || {} };
    if (this.sub) {
      const s = await this.sub.getStats();
      s.forEach(r => {
        if (r.type === 'inbound-rtp') {
          out.inbound[r.mid] = { kind: r.kind, packetsReceived: r.packetsReceived || 0,
                                 bytesReceived: r.bytesReceived || 0, framesDecoded: r.framesDecoded || 0,
                                 trackIdentifier: r.trackIdentifier };
        }
      });
      out.subPair = await this.pairOf(this.sub);
    }
    for (const pc of [this.pub, this.sub]) {
      if (!pc) continue;
      const s = await pc.getStats();
      s.forEach(r => {
        if (r.type === 'outbound-rtp') {
          out.outboundBytes += r.bytesSent || 0;
          out.outboundPackets += r.packetsSent || 0;
        }
      });
    }
    out.pubPair = await this.pairOf(this.pub);
    return out;
  },
};

window.peers = {};
window.peer = function (name) {
  if (!window.peers[name]) {
    const p = Object.create(peerPrototype);
    Object.assign(p, { name, pub: null, sub: null, local: {}, videos: {} });
    window.peers[name] = p;
  }
  return window.peers[name];
};
