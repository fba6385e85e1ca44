// The conversation list: rooms and direct messages from `conversations`, most recent first, with
// unread and mention badges; kept current by live messages and by `read` from other tabs.
import { $, el } from './dom.js';

/** 'r:room' or 'd:user'. */
export function keyOf(m) {
  return m.room !== undefined && m.room !== null ? 'r:' + m.room : 'd:' + m.with;
}

export class Conversations {
  constructor(onOpen, onJoin) {
    this.onOpen = onOpen;
    this.onJoin = onJoin;
    this.others = []; // public rooms the user is not a member of, offered to join
    this.all = new Map();
    this.current = null;
    this.user = null;
  }

  get(key) {
    return this.all.get(key);
  }

  /** The conversation with this key, created empty when new. */
  ensure(key, name) {
    let conversation = this.all.get(key);
    if (!conversation) {
      conversation = {
        key, name, kind: key.startsWith('r:') ? 'room' : 'dm', messages: new Map(), files: new Map(), lines: [],
        seq: 0, read: 0, unread: 0, mentions: 0, lastTs: 0, oldestSeq: Infinity, newestSeq: 0, historyDone: false,
        loaded: false, topic: '', draft: false, divider: null,
      };
      this.all.set(key, conversation);
    }
    return conversation;
  }

  remove(key) {
    this.all.delete(key);
  }

  /** Takes the server's entries of `conversations` (the same on every tab and device). */
  update(entries) {
    for (const entry of entries) {
      const conversation = this.ensure(keyOf(entry), entry.room ?? entry.with);
      conversation.seq = entry.seq;
      conversation.read = entry.read;
      conversation.unread = entry.unread;
      conversation.mentions = entry.mentions;
      conversation.draft = false;
      if (entry.last) conversation.lastTs = Math.max(conversation.lastTs, entry.last.ts);
    }
    this.render();
  }

  /** A live message: counts it as unread unless the reader sees it; returns whether it mentions the user. */
  countLive(conversation, m, seen) {
    conversation.seq = Math.max(conversation.seq, m.seq);
    conversation.lastTs = Math.max(conversation.lastTs, m.ts);
    conversation.draft = false;
    const mentionsMe = (m.mentions || []).includes(this.user);
    if (m.from !== this.user && !seen && m.seq > conversation.read) {
      conversation.unread++;
      if (mentionsMe) conversation.mentions++;
    }
    this.render();
    return mentionsMe;
  }

  /** The read marker moved (here or on another tab): the badge goes when everything is read. */
  markRead(conversation, seq) {
    if (seq <= conversation.read) return;
    const newlyRead = [...conversation.messages.values()]
        .filter((m) => m.seq > conversation.read && m.seq <= seq && m.from !== this.user).length;
    conversation.read = seq;
    conversation.unread = seq >= conversation.seq ? 0 : Math.max(0, conversation.unread - newlyRead);
    if (conversation.unread === 0) conversation.mentions = 0;
    this.render();
  }

  totalUnread() {
    let total = 0;
    for (const conversation of this.all.values()) total += conversation.unread;
    return total;
  }

  render() {
    const listed = [...this.all.values()].filter((c) => !c.draft)
        .sort((a, b) => b.lastTs - a.lastTs || a.name.localeCompare(b.name));
    const others = this.others.filter((room) => !this.all.has('r:' + room)).map((room) => el('li', { class: 'other' },
        el('button', { type: 'button', class: 'conversation-button', text: '+ ' + room, 'aria-label': 'join ' + room,
          onclick: () => this.onJoin(room) })));
    $('room-list').replaceChildren(...listed.filter((c) => c.kind === 'room').map((c) => this.item(c)), ...others);
    $('dm-list').replaceChildren(...listed.filter((c) => c.kind === 'dm').map((c) => this.item(c)));
    const total = this.totalUnread();
    document.title = total > 0 ? '(' + total + ') chatroom' : 'chatroom';
  }

  item(conversation) {
    const label = conversation.kind === 'room' ? '# ' + conversation.name : conversation.name;
    const badges = [];
    if (conversation.mentions > 0) {
      badges.push(el('span', { class: 'mention', text: '@' + conversation.mentions,
        'aria-label': conversation.mentions + ' mentions' }));
    }
    if (conversation.unread > 0) {
      badges.push(el('span', { class: 'unread', text: String(conversation.unread),
        'aria-label': conversation.unread + ' unread' }));
    }
    const button = el('button', { type: 'button', class: 'conversation-button',
      'aria-current': conversation === this.current ? 'true' : null,
      onclick: () => this.onOpen(conversation) },
    el('span', { class: 'name', text: label }), ...badges);
    return el('li', { dataset: { key: conversation.key }, class: conversation === this.current ? 'active' : null,
      onclick: (event) => { if (event.target === event.currentTarget) this.onOpen(conversation); } }, button);
  }
}
