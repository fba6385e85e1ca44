// Desktop notifications for direct messages and mentions while the tab is hidden. Permission is
// asked once, from a click (browsers ignore or punish a request on page load).
import { $ } from './dom.js';

const ASKED_KEY = 'chat.notifications.asked';

export class Notifier {
  constructor(onOpen) {
    this.onOpen = onOpen;
    this.button = $('notify-button');
    this.button.addEventListener('click', () => this.ask());
    this.refresh();
  }

  supported() {
    return typeof window.Notification === 'function';
  }

  refresh() {
    this.button.hidden = !this.supported() || window.Notification.permission !== 'default';
  }

  /** Asks for permission; call from a user gesture only. */
  ask() {
    if (!this.supported() || window.Notification.permission !== 'default') return;
    localStorage.setItem(ASKED_KEY, '1');
    Promise.resolve(window.Notification.requestPermission()).finally(() => this.refresh());
  }

  /** Asks on the first message a user sends, unless asked before. */
  askOnce() {
    if (!localStorage.getItem(ASKED_KEY)) this.ask();
  }

  /** A live message from someone else: notifies when the tab is hidden and it is a DM or mentions us. */
  message(conversation, m, mentionsMe) {
    if (!document.hidden || !this.supported() || window.Notification.permission !== 'granted') return;
    if (conversation.kind !== 'dm' && !mentionsMe) return;
    const title = conversation.kind === 'dm' ? m.from : m.from + ' in #' + conversation.name;
    const notification = new window.Notification(title, { body: m.text || '', tag: conversation.key });
    notification.onclick = () => {
      window.focus();
      this.onOpen(conversation);
    };
  }
}
