// The helpers' side for the widget's browser tests, on top of actors.js (run after it in the same page): helpers
// (window.peer('helper'), and 'helper2' for transfers) who log in away, become available when the test says, accept
// the offer, publish their microphone and camera when the session starts, and keep every push they get.
'use strict';
(function () {
  const wait = window.peer.until;
  const methods = {
    async loginAway(username, sources) {
      if (this.client) return this.me;
      await this.connect();
      this.sources = sources;
      this.got = [];
      for (const t of ['offer', 'chat.message', 'pointer', 'material.added', 'session.ended']) {
        this.client.on(t, (m) => this.got.push(m));
      }
      this.me = await this.client.request('auth.login', { username, password: 'bangban-demo' });
      return this.me.principalId;
    },
    available() {
      return this.client.request('presence.set', { status: 'available' });
    },
    async acceptNext() {
      const before = this.sessionId;
      const offer = await wait(() => this.got.find((m) => m.type === 'offer' && !m.taken), 'an offer');
      offer.taken = true;
      await this.client.request('offer.accept', { requestId: offer.requestId });
      await wait(() => this.sessionId && this.sessionId !== before, 'session.started');
      await this.client.request('presence.set', { status: 'away' });
      return { sessionId: this.sessionId, description: offer.description, green: offer.green || null, kind: offer.kind };
    },
    pointer(op, points, strokeId) {
      const m = { sessionId: this.sessionId, op };
      if (points) m.points = points;
      if (strokeId) m.strokeId = strokeId;
      return this.client.request('pointer.send', m).then(() => null);
    },
    chat(text) {
      return this.client.request('chat.send', { sessionId: this.sessionId, text }).then(() => null);
    },
    received(type) {
      return Promise.resolve(this.got.filter((m) => m.type === type).map((m) => JSON.parse(JSON.stringify(m))));
    },
    end() {
      return this.client.request('session.end', { sessionId: this.sessionId }).then(() => null);
    },
    /** The token of this helper's login, for its REST calls (a file sent to the applicant). */
    token() {
      return Promise.resolve(this.me.token);
    },
    transfer(toHelper, note) {
      return this.client.request('session.transfer', { sessionId: this.sessionId, toHelper, note })
        .then((r) => r.requestId);
    },
  };
  // helper1 is window.peer('helper'); a second helper for transfers is window.peer('helper2')
  for (const name of ['helper', 'helper2']) Object.assign(window.peer(name), methods);
})();
