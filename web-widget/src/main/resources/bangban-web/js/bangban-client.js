// Bangban protocol v1 client (docs/protocol.md): one WebSocket, requests with ids answered by
// ok/error replies, server pushes by type. Plain ES module, no dependencies.

export class ProtocolError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

export class BangbanClient {
  /** @param {string} url e.g. "wss://portal.example/ws"; defaults to this page's server */
  constructor(url) {
    this.url = url || ((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws');
    this.seq = 0;
    this.pending = new Map();
    this.handlers = new Map();
    this.ws = null;
  }

  connect() {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.url);
      this.ws = ws;
      ws.onopen = () => resolve(this);
      ws.onerror = () => reject(new Error('cannot reach ' + this.url));
      ws.onclose = () => {
        for (const p of this.pending.values()) p.reject(new Error('connection closed'));
        this.pending.clear();
        this.emit('closed', {});
      };
      ws.onmessage = (e) => {
        let msg;
        try {
          msg = JSON.parse(e.data);
        } catch (err) {
          return;
        }
        if (msg.id && this.pending.has(msg.id)) {
          const p = this.pending.get(msg.id);
          this.pending.delete(msg.id);
          if (msg.type === 'ok') p.resolve(msg.data || {});
          else p.reject(new ProtocolError(msg.code, msg.message));
          return;
        }
        this.emit(msg.type, msg);
      };
    });
  }

  /** Sends one message; resolves with the reply's data or rejects with a ProtocolError. */
  request(type, fields = {}) {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) {
      // a send on a closing socket is lost and logged by the browser as an error: refuse it here instead
      return Promise.reject(new ProtocolError('offline', 'not connected to ' + this.url));
    }
    const id = 'c' + (++this.seq);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.ws.send(JSON.stringify(Object.assign({ type, id }, fields)));
    });
  }

  /** Registers a handler for a server push type (e.g. "offer", "session.started", "media.offer"). */
  on(type, handler) {
    if (!this.handlers.has(type)) this.handlers.set(type, []);
    this.handlers.get(type).push(handler);
    return this;
  }

  emit(type, msg) {
    for (const h of this.handlers.get(type) || []) {
      try {
        h(msg);
      } catch (err) {
        console.error('bangban handler for ' + type + ' failed', err);
      }
    }
  }

  close() {
    if (this.ws) this.ws.close();
  }
}
