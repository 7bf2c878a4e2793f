// The applicant's media in a live session: own microphone and camera published to the relay, the helper's
// tracks received, microphone/camera toggles, and sharing this tab (preferCurrentTab) on the same publish
// connection. Uses the web-widget's MediaLink (js/media-link.js); the relay is the only peer.

import { MediaLink } from '../js/media-link.js';

const CAMERA = { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 15 } };

/** The source of a received track from its msid track id "<endpoint>-<source>". */
export function sourceOf(trackId) {
  const i = trackId.lastIndexOf('-');
  return i < 0 ? '' : trackId.slice(i + 1);
}

export class Call {
  /**
   * @param client an authenticated BangbanClient
   * @param {{onRemote: function(string, MediaStreamTrack), onState: function(string), onShare: function(boolean)}} hooks
   */
  constructor(client, sessionId, hooks) {
    this.sessionId = sessionId;
    this.hooks = hooks;
    this.local = null;
    this.screen = null;
    this.closed = false;
    this.link = new MediaLink(client, sessionId, {
      onTrack: (track, info) => hooks.onRemote(sourceOf(info.trackId) || track.kind, track),
      onState: (s) => hooks.onState(s),
    });
  }

  /** Captures microphone and camera (whatever of them is available) and publishes them. */
  async start() {
    this.local = await capture();
    if (this.closed) {
      stopAll(this.local);
      return null;
    }
    const tracks = {};
    const mic = this.local.getAudioTracks()[0];
    const cam = this.local.getVideoTracks()[0];
    if (mic) tracks.microphone = mic;
    if (cam) tracks.camera = cam;
    if (Object.keys(tracks).length) await this.link.publish(tracks);
    return this.local;
  }

  has(kind) {
    return !!(this.local && (kind === 'audio' ? this.local.getAudioTracks() : this.local.getVideoTracks()).length);
  }

  /** Mutes or unmutes a source without renegotiating (the relay keeps the stream; silence or black frames flow). */
  setEnabled(kind, on) {
    if (!this.local) return;
    for (const t of kind === 'audio' ? this.local.getAudioTracks() : this.local.getVideoTracks()) t.enabled = on;
  }

  /** Shares this tab; resolves with the captured surface ("browser" when it is this tab). */
  async shareTab() {
    const stream = await navigator.mediaDevices.getDisplayMedia({
      video: { frameRate: { ideal: 10, max: 15 } }, audio: false,
      preferCurrentTab: true, selfBrowserSurface: 'include', surfaceSwitching: 'exclude', monitorTypeSurfaces: 'exclude',
    });
    const track = stream.getVideoTracks()[0];
    this.screen = track;
    track.addEventListener('ended', () => {
      if (this.screen === track) this.stopShare();
    });
    await this.link.publish({ screen: track });
    this.hooks.onShare(true);
    return (track.getSettings && track.getSettings().displaySurface) || 'browser';
  }

  async stopShare() {
    if (!this.screen) return;
    this.screen = null;
    this.hooks.onShare(false);
    await this.link.unpublish('screen');
  }

  sharing() {
    return !!this.screen;
  }

  /** A summary of both connections' statistics: inbound streams by mid, outbound by source. */
  async stats() {
    const { publish, receive } = await this.link.stats();
    const out = { inbound: {}, outbound: {} };
    if (receive) {
      receive.forEach((s) => {
        if (s.type === 'inbound-rtp') {
          out.inbound[s.mid] = { kind: s.kind, packetsReceived: s.packetsReceived || 0,
            framesDecoded: s.framesDecoded || 0, trackIdentifier: s.trackIdentifier };
        }
      });
    }
    if (publish) {
      const sourceByMid = {};
      for (const [source, t] of Object.entries(this.link.senders)) sourceByMid[t.mid] = source;
      publish.forEach((s) => {
        if (s.type === 'outbound-rtp') {
          out.outbound[sourceByMid[s.mid] || s.mid] = { kind: s.kind, packetsSent: s.packetsSent || 0,
            framesEncoded: s.framesEncoded || 0 };
        }
      });
    }
    return out;
  }

  close() {
    this.closed = true;
    this.screen = null;
    this.link.close();
    stopAll(this.local);
  }
}

async function capture() {
  const md = navigator.mediaDevices;
  if (!md || !md.getUserMedia) return new MediaStream();
  for (const constraints of [{ audio: true, video: CAMERA }, { audio: true }, { video: CAMERA }]) {
    try {
      return await md.getUserMedia(constraints);
    } catch (e) {
      // try with less: the applicant may have no camera, or refuse it
    }
  }
  return new MediaStream();
}

function stopAll(stream) {
  if (stream) for (const t of stream.getTracks()) t.stop();
}
