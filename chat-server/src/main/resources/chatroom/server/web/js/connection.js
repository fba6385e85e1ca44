// The WebSocket at /ws: requests with ids and their replies, events, heartbeats, and reconnecting
// quickly (250 ms doubling to 1 s, and at once when the browser says it is online again).

const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 1000;

export class Connection {
  /**
   * @param onWelcome called with `welcome` on every (re)connect
   * @param onEvent called with every event (a message without a pending id)
   * @param onStatus called with 'connecting' | 'online' | 'offline'
   */
  constructor({ onWelcome, onEvent, onStatus }) {
    this.onWelcome = onWelcome;
    this.onEvent = onEvent;
    this.onStatus = onStatus;
    this.ws = null;
    this.nextId = 1;
    this.pending = new Map();
    this.delayMs = FIRST_DELAY_MS;
    this.retryTimer = null;
    this.heartbeat = null;
    this.lastSent = 0;
    this.stopped = false;
    window.addEventListener('online', () => this.retryNow());
  }

  get open() {
    return this.ws !== null && this.ws.readyState === WebSocket.OPEN;
  }

  connect() {
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(scheme + '//' + location.host + '/ws');
    this.ws = ws;
    this.onStatus('connecting');
    ws.onmessage = (event) => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      this.dispatch(message);
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      clearInterval(this.heartbeat);
      for (const { reject } of this.pending.values()) reject({ code: 'disconnected', message: 'connection lost' });
      this.pending.clear();
      if (this.stopped) return;
      this.onStatus('offline');
      this.scheduleRetry();
    };
  }

  scheduleRetry() {
    const delay = this.delayMs * (0.5 + Math.random() * 0.5);
    this.delayMs = Math.min(this.delayMs * 2, MAX_DELAY_MS);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  /** Tries again now rather than waiting for the backoff (the browser's `online` event). */
  retryNow() {
    if (this.ws === null && !this.stopped) {
      this.delayMs = FIRST_DELAY_MS;
      this.connect();
    }
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
  }

  dispatch(m) {
    if ((m.type === 'ok' || m.type === 'error' || m.type === 'pong') && this.pending.has(m.id)) {
      const { resolve, reject } = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.type === 'error') reject(m); else resolve(m);
      return;
    }
    if (m.type === 'welcome') {
      this.delayMs = FIRST_DELAY_MS;
      this.startHeartbeat(m.heartbeat_s);
      this.onWelcome(m);
      return;
    }
    if (m.type === 'ping') {
      this.send({ type: 'pong', id: m.id, t: m.t });
      return;
    }
    this.onEvent(m);
  }

  startHeartbeat(seconds) {
    clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => {
      if (Date.now() - this.lastSent >= seconds * 1000 - 500) this.request('ping', { t: Date.now() }).catch(() => {});
    }, 1000);
  }

  send(message) {
    if (!this.open) return false;
    this.ws.send(JSON.stringify(message));
    this.lastSent = Date.now();
    return true;
  }

  /** One request; resolves with its `ok`, rejects with its `error` (or code `disconnected`). */
  request(type, fields = {}) {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      if (!this.send(Object.assign({ type, id }, fields))) {
        this.pending.delete(id);
        reject({ code: 'disconnected', message: 'not connected' });
      }
    });
  }
}
