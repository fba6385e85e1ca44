// The open conversation's messages: day separators, a "new messages" divider at the read marker,
// consecutive messages grouped by sender with initials avatars, links, and a scroll position that
// stays put while older pages load or new messages arrive (a "N new messages ↓" button instead).
import { $, el } from './dom.js';
import { linkified } from './linkify.js';

const GROUP_GAP_MS = 5 * 60 * 1000;
const NEAR_BOTTOM_PX = 40;

export function initials(name) {
  const chars = Array.from(name || '?');
  return chars[0].toUpperCase();
}

function avatarColour(name) {
  let hash = 0;
  for (const ch of name || '') hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return 'c' + (hash % 8);
}

function dayOf(ts) {
  const d = new Date(ts);
  return d.getFullYear() + '-' + d.getMonth() + '-' + d.getDate();
}

function dayLabel(ts) {
  const d = new Date(ts);
  const today = new Date();
  const yesterday = new Date(Date.now() - 86400000);
  if (dayOf(ts) === dayOf(today.getTime())) return 'Today';
  if (dayOf(ts) === dayOf(yesterday.getTime())) return 'Yesterday';
  return d.toLocaleDateString([], { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
}

export class MessageView {
  /**
   * @param me a function returning the signed-in user's name
   * @param actions {edit(m), remove(m), retry(item), discard(item), fileItem(file)}
   */
  constructor(me, actions) {
    this.me = me;
    this.actions = actions;
    this.box = $('messages');
    this.list = $('message-list');
    this.newButton = $('new-messages');
    this.newCount = 0;
    this.newButton.addEventListener('click', () => this.toBottom());
    this.box.addEventListener('scroll', () => {
      if (this.atBottom()) this.clearNew();
    });
  }

  atBottom() {
    return this.box.scrollHeight - this.box.scrollTop - this.box.clientHeight < NEAR_BOTTOM_PX;
  }

  toBottom() {
    this.box.scrollTop = this.box.scrollHeight;
    this.clearNew();
  }

  clearNew() {
    this.newCount = 0;
    this.newButton.hidden = true;
  }

  /**
   * Redraws the conversation. mode: 'open' lands at the divider (or the bottom), 'bottom' goes to
   * the bottom, 'live' follows the bottom only when the reader is there (else counts `added` new
   * messages on the button), 'keep' keeps what the reader sees where it is.
   */
  render(conversation, pending, mode = 'keep', added = 0) {
    const wasAtBottom = this.atBottom();
    const anchor = mode === 'keep' || mode === 'live' ? this.anchor() : null;
    this.list.replaceChildren(...this.items(conversation, pending));
    $('history-status').textContent = conversation.historyDone ? 'the beginning of this conversation'
        : conversation.loading ? 'loading…' : '';
    if (mode === 'open') {
      this.clearNew();
      const divider = this.list.querySelector('.divider');
      if (divider) this.box.scrollTop = Math.max(0, divider.offsetTop - this.box.offsetTop - 8);
      else this.box.scrollTop = this.box.scrollHeight;
    } else if (mode === 'bottom' || (mode === 'live' && wasAtBottom)) {
      this.toBottom();
    } else {
      this.restore(anchor);
      if (mode === 'live' && added > 0) {
        this.newCount += added;
        this.newButton.textContent = this.newCount + (this.newCount === 1 ? ' new message ↓' : ' new messages ↓');
        this.newButton.hidden = false;
      }
    }
  }

  /** The first item in view and how far it is from the top of the box. */
  anchor() {
    const top = this.box.scrollTop;
    for (const item of this.list.children) {
      if (item.offsetTop - this.box.offsetTop + item.offsetHeight > top) {
        return { key: item.dataset.key, offset: item.offsetTop - top };
      }
    }
    return null;
  }

  restore(anchor) {
    if (!anchor) return;
    const item = [...this.list.children].find((node) => node.dataset.key === anchor.key);
    if (item) this.box.scrollTop = item.offsetTop - anchor.offset;
  }

  items(conversation, pending) {
    const entries = [...conversation.messages.values()].map((m) => ({ kind: 'message', ts: m.ts, seq: m.seq, m }));
    for (const file of conversation.files.values()) entries.push({ kind: 'file', ts: file.ts, seq: Infinity, file });
    entries.sort((a, b) => (a.kind === 'message' && b.kind === 'message' ? a.seq - b.seq : a.ts - b.ts || a.seq - b.seq));
    const items = [];
    let lineIndex = 0;
    const lines = conversation.lines;
    let previous = null;
    let dividerShown = false;
    let lastDay = null;
    for (const entry of entries) {
      if (entry.kind === 'message') {
        while (lineIndex < lines.length && lines[lineIndex].afterSeq < entry.seq) {
          items.push(this.systemItem(lines[lineIndex].text, 's' + lineIndex));
          lineIndex++;
          previous = null;
        }
      }
      if (dayOf(entry.ts) !== lastDay) {
        lastDay = dayOf(entry.ts);
        items.push(el('li', { class: 'day', role: 'separator', dataset: { key: 'day' + lastDay } },
            el('span', { text: dayLabel(entry.ts) })));
        previous = null;
      }
      if (entry.kind === 'message' && !dividerShown && conversation.divider !== null
          && entry.seq > conversation.divider && entry.m.from !== this.me()) {
        items.push(el('li', { class: 'divider', role: 'separator', dataset: { key: 'divider' } },
            el('span', { text: 'new messages' })));
        dividerShown = true;
        previous = null;
      }
      if (entry.kind === 'file') {
        items.push(this.actions.fileItem(entry.file));
        previous = null;
        continue;
      }
      const m = entry.m;
      const continued = previous !== null && previous.m.from === m.from && m.ts - previous.ts < GROUP_GAP_MS;
      items.push(this.messageItem(m, continued));
      previous = entry;
    }
    while (lineIndex < lines.length) {
      items.push(this.systemItem(lines[lineIndex].text, 's' + lineIndex));
      lineIndex++;
    }
    for (const item of pending) items.push(this.pendingItem(item));
    return items;
  }

  messageItem(m, continued) {
    const mine = m.from === this.me();
    const classes = ['message'];
    if (mine) classes.push('mine');
    if (continued) classes.push('continued');
    if (m.deleted) classes.push('deleted');
    if ((m.mentions || []).includes(this.me())) classes.push('mentions-me');
    const when = new Date(m.ts);
    const text = m.deleted ? el('div', { class: 'text', text: 'message deleted' })
        : el('div', { class: 'text' }, ...linkified(m.text || ''));
    const meta = el('div', { class: 'meta' },
        el('span', { class: 'from', text: m.from }),
        el('time', { datetime: when.toISOString(), title: when.toLocaleString(),
          text: when.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) }),
        m.edited_ts && !m.deleted ? el('span', { class: 'edited', text: '(edited)' }) : null);
    const actions = mine && !m.deleted ? el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'link', text: 'edit', 'aria-label': 'edit message',
          onclick: () => this.actions.edit(m) }),
        el('button', { type: 'button', class: 'link', text: 'delete', 'aria-label': 'delete message',
          onclick: () => this.actions.remove(m) })) : null;
    return el('li', { class: classes.join(' '), dataset: { seq: String(m.seq), key: 'm' + m.seq } },
        el('span', { class: 'avatar ' + avatarColour(m.from), 'aria-hidden': 'true', text: initials(m.from) }),
        el('div', { class: 'body' }, meta, text, actions));
  }

  pendingItem(item) {
    const failed = item.state === 'failed';
    const status = failed
      ? el('div', { class: 'status', role: 'alert' },
          el('span', { text: 'not sent: ' + (item.error || 'error') + ' ' }),
          el('button', { type: 'button', class: 'link', text: 'retry', onclick: () => this.actions.retry(item) }),
          el('button', { type: 'button', class: 'link', text: 'discard', onclick: () => this.actions.discard(item) }))
      : el('div', { class: 'status', text: 'sending…' });
    return el('li', { class: 'pending mine' + (failed ? ' failed' : ''), dataset: { cid: item.cid, key: 'p' + item.cid } },
        el('span', { class: 'avatar ' + avatarColour(this.me()), 'aria-hidden': 'true', text: initials(this.me()) }),
        el('div', { class: 'body' },
            el('div', { class: 'meta' }, el('span', { class: 'from', text: this.me() })),
            el('div', { class: 'text' }, ...linkified(item.text)), status));
  }

  systemItem(text, key) {
    return el('li', { class: 'system', dataset: { key }, text });
  }
}
