// Messages on their way: shown at once as "sending…", kept with their cid in sessionStorage so a
// reconnect or a page reload sends them again (the server stores a cid at most once), turned into
// sent messages on `ok`, and offered for retry or discard after a final error.

const STORAGE_KEY = 'chat.outbox';
const TRANSIENT = new Set(['disconnected', 'rate_limited', 'busy']);

function newCid() {
  return crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + '-' + Math.random().toString(36).slice(2);
}

export class Outbox {
  /**
   * @param connection the Connection
   * @param hooks {changed(key), delivered(item, ok), failed(item, error)}
   */
  constructor(connection, hooks) {
    this.connection = connection;
    this.hooks = hooks;
    this.inFlight = new Set();
    try {
      this.items = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || '[]');
    } catch (e) {
      this.items = [];
    }
  }

  save() {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(this.items));
  }

  /** The waiting and failed messages of one conversation, oldest first. */
  of(key) {
    return this.items.filter((item) => item.key === key);
  }

  add(conversation, text) {
    const target = conversation.kind === 'room' ? { room: conversation.name } : { to: conversation.name };
    const item = { cid: newCid(), key: conversation.key, target, text, state: 'sending', ts: Date.now() };
    this.items.push(item);
    this.save();
    this.hooks.changed(item.key);
    this.deliver(item);
    return item;
  }

  /** Sends everything still waiting (after a (re)login). */
  flush() {
    for (const item of this.items) if (item.state === 'sending') this.deliver(item);
  }

  deliver(item) {
    if (this.inFlight.has(item.cid) || !this.connection.open) return;
    this.inFlight.add(item.cid);
    this.connection.request('send', Object.assign({ text: item.text, cid: item.cid }, item.target)).then((ok) => {
      this.inFlight.delete(item.cid);
      this.drop(item);
      this.hooks.delivered(item, ok);
    }, (error) => {
      this.inFlight.delete(item.cid);
      if (error.code === 'disconnected') return; // sent again after the next login
      if (TRANSIENT.has(error.code)) {
        setTimeout(() => this.deliver(item), error.retry_after_ms || 1000);
        return;
      }
      item.state = 'failed';
      item.error = error.message || error.code;
      item.code = error.code;
      this.save();
      this.hooks.failed(item, error);
      this.hooks.changed(item.key);
    });
  }

  /** Forgets a message once the server has it (its own `ok`, or the `message` echo with its cid). */
  acknowledged(cid) {
    const item = this.items.find((i) => i.cid === cid);
    if (item) this.drop(item);
  }

  retry(item) {
    item.state = 'sending';
    delete item.error;
    this.save();
    this.hooks.changed(item.key);
    this.deliver(item);
  }

  discard(item) {
    this.drop(item);
    this.hooks.changed(item.key);
  }

  drop(item) {
    this.items = this.items.filter((i) => i.cid !== item.cid);
    this.save();
  }
}
