// Simulated workstations for the sync bench, all in the bench's one Node process: each has a
// session's token, its nudge WebSocket, a cursor, and behaves as the sync client does (the
// protocol of shared/server/sync.ts): on a nudge past its cursor it pulls page by page until the
// log ends, never more than one pull at a time (a nudge during a pull makes it pull again after).
// Pushes and pulls go over HTTP/1.1 with keep-alive (fetch).
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';

export class Workstation {
  constructor({ base, token, institution, role, accountId }) {
    this.base = base;
    this.token = token;
    this.institution = institution;
    this.role = role;
    this.accountId = accountId;
    this.id = randomUUID();
    this.cursor = 0;
    this.head = 0;
    this.pulling = null;
    this.pulls = 0;
    this.changesPulled = 0;
    /** Called with (change, receivedAt) for every change a pull returns. */
    this.onChange = null;
    this.errors = 0;
    /** false: nudges only move the known head (the bench's push phase, measured without pulls). */
    this.pullOnNudge = true;
  }

  async call(method, path, body) {
    const response = await fetch(new URL(`api/v1${path}`, this.base), {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
    return JSON.parse(text);
  }

  /** Opens the nudge socket; resolves at the server's hello (the cursor starts at its seq: this workstation is up to date). */
  connect() {
    const url = new URL('api/v1/sync/nudge', this.base);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers: { authorization: `Bearer ${this.token}` }, perMessageDeflate: false });
      this.ws = ws;
      let greeted = false;
      ws.on('message', (data) => {
        const message = JSON.parse(String(data));
        if (message.type === 'hello' && !greeted) {
          greeted = true;
          this.cursor = message.seq;
          this.head = message.seq;
          resolve();
        } else if (message.type === 'changed') this.nudged(message.seq);
      });
      ws.on('error', (error) => (greeted ? (this.errors += 1) : reject(error)));
      ws.on('close', (code) => {
        if (!greeted) reject(new Error(`nudge closed before hello (${code})`));
      });
    });
  }

  nudged(seq) {
    if (seq > this.head) this.head = seq;
    if (this.pullOnNudge && !this.pulling && this.head > this.cursor) {
      this.pulling = this.pullUp().finally(() => (this.pulling = null));
    }
  }

  /** Pulls from the cursor until the log ends (and again if nudged meanwhile). */
  async pullUp(limit = 1000) {
    while (this.cursor < this.head) {
      let page;
      try {
        page = await this.call('GET', `/sync/pull?since=${this.cursor}&limit=${limit}`);
      } catch {
        this.errors += 1;
        return;
      }
      const at = performance.now();
      this.pulls += 1;
      this.changesPulled += page.changes.length;
      this.cursor = page.next;
      if (page.head > this.head) this.head = page.head;
      if (this.onChange) for (const change of page.changes) this.onChange(change, at);
    }
  }

  push(mutations) {
    return this.call('POST', '/sync/push', { workstationId: this.id, mutations });
  }

  close() {
    this.ws?.terminate();
  }
}

/** Runs `work` over `items` with at most `concurrency` at once. */
export async function pool(items, concurrency, work) {
  let next = 0;
  const runners = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index], index);
    }
  });
  await Promise.all(runners);
}
