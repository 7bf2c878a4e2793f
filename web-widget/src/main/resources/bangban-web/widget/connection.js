// The widget's WebSocket to Bangban: authenticates (the kept token first, then the portal token or as a guest),
// pings so the server keeps it, and reconnects after a drop or a server drain with the same token, so the
// server's resume pushes bring back the queue place or the call (docs/protocol.md, "Authentication").

import { BangbanClient } from '../js/bangban-client.js';

const PUSHES = ['queue.update', 'request.ended', 'session.started', 'session.ended', 'session.transferred',
  'chat.message', 'pointer', 'material.added', 'media.closed', 'monitor.mode', 'monitor.stopped', 'server.draining'];
const PING_MS = 20000;
const BACKOFF_MS = [500, 1000, 2000, 4000, 8000];

export class Connection {
  /**
   * @param {string} server the Bangban origin, e.g. "https://bangban.example"
   * @param {{onPush: function(string, object), onStatus: function(string), authenticate: function(BangbanClient)}} hooks
   *        authenticate sends the auth message and resolves with its reply; onStatus gets "up", "down"
   */
  constructor(server, hooks) {
    this.url = server.replace(/^http/, 'ws') + '/ws';
    this.hooks = hooks;
    this.client = null;
    this.wanted = false;
    this.attempt = 0;
    this.timer = null;
    this.pinger = null;
  }

  /** Connects and authenticates; rejects when the first attempt fails (later drops reconnect by themselves). */
  open() {
    this.wanted = true;
    return this.dial();
  }

  async dial() {
    clearTimeout(this.timer);
    const client = new BangbanClient(this.url);
    for (const t of PUSHES) client.on(t, (m) => this.hooks.onPush(t, m));
    client.on('closed', () => this.dropped(client));
    this.client = client;
    await client.connect();
    const me = await this.hooks.authenticate(client);
    this.attempt = 0;
    clearInterval(this.pinger);
    this.pinger = setInterval(() => client.request('ping').catch(() => {}), PING_MS);
    this.hooks.onStatus('up');
    return me;
  }

  dropped(client) {
    if (client !== this.client) return;
    clearInterval(this.pinger);
    if (!this.wanted) return;
    this.hooks.onStatus('down');
    const wait = BACKOFF_MS[Math.min(this.attempt++, BACKOFF_MS.length - 1)];
    this.timer = setTimeout(() => this.dial().catch(() => {}), wait);
  }

  /** The server is shutting down: reconnect now (a load balancer sends us to another node). */
  redial() {
    if (this.client) this.client.close();
  }

  request(type, fields) {
    if (!this.client || !this.client.ws || this.client.ws.readyState !== WebSocket.OPEN) {
      return Promise.reject(Object.assign(new Error('not connected'), { code: 'offline' }));
    }
    return this.client.request(type, fields);
  }

  close() {
    this.wanted = false;
    clearTimeout(this.timer);
    clearInterval(this.pinger);
    if (this.client) this.client.close();
    this.client = null;
  }
}
