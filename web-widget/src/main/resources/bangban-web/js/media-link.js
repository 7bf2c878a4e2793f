// Media of one assistance session between this browser and Bangban's media relay (docs/protocol.md,
// "Media"): a publish connection whose offers this browser makes (media.offer request) and a receive
// connection whose offers the relay makes (media.offer push, answered by media.answer). The relay is
// the only peer: its candidates are the only ones, so there is no peer-to-peer path.

const PC_CONFIG = { bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require', iceServers: [] };

export class MediaLink {
  /**
   * @param {BangbanClient} client an authenticated protocol client
   * @param {string} sessionId the live session
   * @param {{onTrack?: function(MediaStreamTrack, {mid: string, streamId: string, trackId: string}): void,
   *          onState?: function(string): void}} callbacks
   */
  constructor(client, sessionId, callbacks = {}) {
    this.client = client;
    this.sessionId = sessionId;
    this.callbacks = callbacks;
    this.pub = null;
    this.sub = null;
    this.senders = {};
    this.queue = Promise.resolve();
    this.onPush = (msg) => {
      if (msg.sessionId === this.sessionId) this.serialise(() => this.answerRelay(msg.sdp));
    };
    client.on('media.offer', this.onPush);
  }

  serialise(task) {
    this.queue = this.queue.then(task, task);
    return this.queue;
  }

  /**
   * Publishes tracks: {microphone?: track, camera?: track, screen?: track}. A source already published
   * gets its new track without renegotiation.
   */
  publish(tracks) {
    return this.serialise(async () => {
      if (!this.pub) {
        this.pub = new RTCPeerConnection(PC_CONFIG);
        this.pub.onconnectionstatechange = () => this.state('publish', this.pub.connectionState);
      }
      let changed = false;
      for (const [source, track] of Object.entries(tracks)) {
        const existing = this.senders[source];
        if (existing) {
          await existing.sender.replaceTrack(track);
          if (existing.direction !== 'sendonly') {
            existing.direction = 'sendonly';
            changed = true;
          }
        } else {
          this.senders[source] = this.pub.addTransceiver(track, { direction: 'sendonly', streams: [new MediaStream([track])] });
          changed = true;
        }
      }
      if (changed) await this.offer();
    });
  }

  /** Stops publishing a source (its m-line stays, inactive). */
  unpublish(source) {
    return this.serialise(async () => {
      const t = this.senders[source];
      if (!t) return;
      if (t.sender.track) t.sender.track.stop();
      await t.sender.replaceTrack(null);
      t.direction = 'inactive';
      await this.offer();
    });
  }

  async offer() {
    const offer = await this.pub.createOffer();
    await this.pub.setLocalDescription(offer);
    const sources = {};
    for (const [source, t] of Object.entries(this.senders)) {
      if (t.mid !== null && t.direction !== 'inactive') sources[t.mid] = source;
    }
    const reply = await this.client.request('media.offer',
      { sessionId: this.sessionId, sdp: this.pub.localDescription.sdp, sources });
    await this.pub.setRemoteDescription({ type: 'answer', sdp: reply.sdp });
  }

  async answerRelay(sdp) {
    if (!this.sub) {
      this.sub = new RTCPeerConnection(PC_CONFIG);
      this.sub.onconnectionstatechange = () => {
        this.state('receive', this.sub.connectionState);
        if (this.sub.connectionState === 'failed') {
          this.client.request('media.restart', { sessionId: this.sessionId }).catch(() => {});
        }
      };
      this.sub.ontrack = (e) => {
        const stream = e.streams[0];
        if (this.callbacks.onTrack) {
          this.callbacks.onTrack(e.track, { mid: e.transceiver.mid, streamId: stream ? stream.id : '', trackId: e.track.id });
        }
      };
    }
    await this.sub.setRemoteDescription({ type: 'offer', sdp });
    const answer = await this.sub.createAnswer();
    await this.sub.setLocalDescription(answer);
    await this.client.request('media.answer', { sessionId: this.sessionId, sdp: this.sub.localDescription.sdp });
  }

  state(which, value) {
    if (this.callbacks.onState) this.callbacks.onState(which + ':' + value);
  }

  /** Both connections' RTCStatsReports. */
  async stats() {
    return {
      publish: this.pub ? await this.pub.getStats() : null,
      receive: this.sub ? await this.sub.getStats() : null,
    };
  }

  close() {
    for (const t of Object.values(this.senders)) {
      if (t.sender.track) t.sender.track.stop();
    }
    if (this.pub) this.pub.close();
    if (this.sub) this.sub.close();
    this.pub = null;
    this.sub = null;
  }
}
