// The REST API (docs/api.md) as the console uses it: JSON with the helper's Bearer token, errors as ApiError
// carrying the server's stable code, and file downloads as blob URLs (an <a href> cannot carry the token).

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || code);
    this.status = status;
    this.code = code;
  }
}

export class Api {
  /** @param {function(): string} token gives the current session token */
  constructor(token) {
    this.token = token;
  }

  headers(extra = {}) {
    return Object.assign({ Authorization: 'Bearer ' + this.token() }, extra);
  }

  async json(method, path, body) {
    const init = { method, headers: this.headers(body === undefined ? {} : { 'Content-Type': 'application/json' }) };
    if (body !== undefined) init.body = JSON.stringify(body);
    return this.reply(await fetch(path, init));
  }

  /** Sends a file as the raw body (a material): resolves with the JSON reply. */
  async upload(path, file) {
    return this.reply(await fetch(path, { method: 'POST', body: file,
      headers: this.headers({ 'Content-Type': file.type || 'application/octet-stream' }) }));
  }

  async reply(r) {
    const text = await r.text();
    let data = {};
    try {
      data = text ? JSON.parse(text) : {};
    } catch (e) {
      data = { code: 'invalid_reply', message: text.slice(0, 200) };
    }
    if (!r.ok) throw new ApiError(r.status, data.code || String(r.status), data.message);
    return data;
  }

  get(path) {
    return this.json('GET', path);
  }

  post(path, body) {
    return this.json('POST', path, body);
  }

  /** Fetches a material's bytes with the token; resolves with a blob: URL the caller revokes when done. */
  async download(materialId) {
    const r = await fetch('/api/materials/' + encodeURIComponent(materialId), { headers: this.headers() });
    if (!r.ok) {
      let data = {};
      try {
        data = await r.json();
      } catch (e) {
        // no JSON body: the status says enough
      }
      throw new ApiError(r.status, data.code || String(r.status), data.message);
    }
    return URL.createObjectURL(await r.blob());
  }
}
