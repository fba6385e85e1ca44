// The web chat page: wires the connection, the conversation list, the message view, the outbox,
// files and notifications together, and handles the user's actions. Protocol v2 over /ws.
import { $, el, showError } from './dom.js';
import { Connection } from './connection.js';
import { Conversations, keyOf } from './conversations.js';
import { MessageView } from './messages.js';
import { Outbox } from './outbox.js';
import { Files } from './files.js';
import { Notifier } from './notifications.js';

const HISTORY_PAGE = 50;
const LAND_AT_MARKER_MAX = 150; // further behind than this, a conversation opens at its latest page
const LAST_OPEN_KEY = 'chat.last';

const state = { user: null, token: localStorage.getItem('chat.token'), everLoggedIn: false, editing: null,
  online: new Set(), bannerTimer: null };

const connection = new Connection({ onWelcome, onEvent, onStatus });
const conversations = new Conversations((conversation) => open(conversation),
    (room) => joinRoom(room).catch((error) => showError('join-error', error.message || 'could not join ' + room)));
const files = new Files(connection, $('uploads'));
const view = new MessageView(() => state.user, {
  edit: startEdit,
  remove: (m) => request(m, 'delete').catch((error) => showError('composer-error', error.message)),
  retry: (item) => outbox.retry(item),
  discard: (item) => outbox.discard(item),
  fileItem: (file) => files.item(file),
});
const outbox = new Outbox(connection, {
  changed: (key) => { if (current() && current().key === key) view.render(current(), outbox.of(key), 'keep'); },
  delivered: onDelivered,
  failed: onSendFailed,
});
const notifier = new Notifier((conversation) => open(conversation));

function current() {
  return conversations.current;
}

function targetOf(conversation) {
  return conversation.kind === 'room' ? { room: conversation.name } : { with: conversation.name };
}

function request(m, type) {
  return connection.request(type, Object.assign(targetOf(conversations.get(keyOf(m))), { seq: m.seq }));
}

// ---- connection state ----

function onStatus(status) {
  if (!state.everLoggedIn) return;
  $('chat').classList.add('offline');
  banner(status === 'offline' ? 'Offline — messages you send wait here and go out when the connection is back.'
      : 'Reconnecting…', 'warning');
}

function banner(text, kind) {
  clearTimeout(state.bannerTimer);
  const node = $('banner');
  node.textContent = text;
  node.className = 'banner ' + kind;
  node.hidden = !text;
}

function onWelcome() {
  if (state.token) {
    connection.request('login', { token: state.token }).then(loggedIn, (error) => {
      if (error.code === 'disconnected') return;
      state.token = null;
      localStorage.removeItem('chat.token');
      showAuth(error.code === 'bad_token' ? 'please log in again' : error.message);
    });
  } else {
    showAuth('');
  }
}

function showAuth(error) {
  $('chat').hidden = true;
  $('auth').hidden = false;
  $('auth-error').textContent = error || '';
}

async function loggedIn(ok) {
  const reconnect = state.everLoggedIn;
  state.user = ok.user;
  conversations.user = ok.user;
  state.token = ok.token;
  localStorage.setItem('chat.token', ok.token);
  $('me-name').textContent = ok.user;
  $('me-avatar').textContent = Array.from(ok.user)[0].toUpperCase();
  $('auth').hidden = true;
  $('chat').hidden = false;
  for (const r of ok.rooms) conversations.ensure('r:' + r.room, r.room).seq = r.seq;
  await Promise.allSettled([...conversations.all.values()].filter((c) => c.loaded).map(catchUp));
  outbox.flush();
  await refreshConversations();
  refreshOtherRooms();
  state.everLoggedIn = true;
  $('chat').classList.remove('offline');
  if (reconnect) {
    banner('Back online.', 'ok');
    state.bannerTimer = setTimeout(() => banner('', ''), 3000);
    if (current()) {
      view.render(current(), outbox.of(current().key), 'keep');
      refreshSide(current());
    }
  } else {
    const last = conversations.get(localStorage.getItem(LAST_OPEN_KEY));
    open(last || conversations.ensure('r:lobby', 'lobby'));
  }
}

/** After a reconnect: what a loaded conversation missed, from its newest seq on, without a gap or a duplicate. */
async function catchUp(conversation) {
  if (conversation.kind === 'room') {
    await connection.request('join', { room: conversation.name, since: conversation.newestSeq });
    return;
  }
  for (;;) {
    const ok = await connection.request('history', { with: conversation.name, after: conversation.newestSeq, limit: 200 });
    ok.messages.forEach((m) => add(conversation, m));
    if (ok.messages.length < 200) break;
  }
}

async function refreshConversations() {
  try {
    const ok = await connection.request('conversations', { limit: 1000 });
    conversations.update(ok.conversations);
    markReadIfSeen();
  } catch (e) {
    // offline: the next login asks again
  }
}

// ---- events ----

function onEvent(m) {
  switch (m.type) {
    case 'message': return onMessage(m);
    case 'read': {
      const conversation = conversations.get(keyOf(m));
      if (conversation) conversations.markRead(conversation, m.seq);
      return undefined;
    }
    case 'edited': case 'deleted': return onChanged(m);
    case 'presence': return onPresence(m);
    case 'topic': return onTopic(m);
    case 'file': return onFile(m);
    case 'file_data': return files.onData(m);
    case 'kicked': return onRemoved('r:' + m.room, 'you were removed from ' + m.room + ' by ' + m.by);
    case 'room_deleted': return onRemoved('r:' + m.room, 'the room ' + m.room + ' was deleted');
    case 'renamed': return onRenamed(m);
    case 'muted': return systemLine('r:' + m.room, 'you were muted by ' + m.by
        + (m.until ? ' until ' + new Date(m.until).toLocaleTimeString() : ''));
    case 'unmuted': return systemLine('r:' + m.room, 'you may write again (' + m.by + ')');
    case 'bye': return onBye(m);
    default: return undefined;
  }
}

function add(conversation, m) {
  conversation.messages.set(m.seq, m);
  conversation.oldestSeq = Math.min(conversation.oldestSeq, m.seq);
  conversation.newestSeq = Math.max(conversation.newestSeq, m.seq);
  conversation.lastTs = Math.max(conversation.lastTs, m.ts);
  if (m.from === state.user && m.cid) outbox.acknowledged(m.cid);
}

function onMessage(m) {
  const conversation = conversations.ensure(keyOf(m), m.room ?? m.with);
  if (conversation.messages.has(m.seq)) return;
  add(conversation, m);
  const open = conversation === current();
  const mine = m.from === state.user;
  const seen = open && !document.hidden && view.atBottom();
  const mentionsMe = conversations.countLive(conversation, m, seen);
  if (open) {
    view.render(conversation, outbox.of(conversation.key), mine ? 'bottom' : 'live', mine ? 0 : 1);
    if (!mine) $('announcer').textContent = m.from + ': ' + (m.text || '');
    markReadIfSeen();
  }
  if (!mine) notifier.message(conversation, m, mentionsMe);
}

function onDelivered(item, ok) {
  const conversation = conversations.get(item.key);
  if (!conversation) return;
  if (!conversation.messages.has(ok.seq)) {
    const m = { seq: ok.seq, ts: ok.ts, from: state.user, text: item.text, cid: item.cid };
    if (conversation.kind === 'room') m.room = conversation.name; else { m.with = conversation.name; m.to = conversation.name; }
    add(conversation, m);
    conversations.countLive(conversation, m, true);
  }
  conversation.draft = false;
  conversations.render();
  if (conversation === current()) {
    view.render(conversation, outbox.of(conversation.key), 'bottom');
    markReadIfSeen();
  }
}

function onSendFailed(item, error) {
  const conversation = conversations.get(item.key);
  if (error.code === 'no_such_user' && conversation && conversation.draft) {
    // no phantom conversation: the text goes back into the box with the reason beside it
    outbox.discard(item);
    conversations.remove(item.key);
    if (conversation === current()) {
      $('send-input').value = item.text;
      showError('composer-error', error.message);
    }
    conversations.render();
  }
}

function onChanged(m) {
  const conversation = conversations.get(keyOf(m));
  const message = conversation && conversation.messages.get(m.seq);
  if (!message) return;
  if (m.type === 'edited') {
    message.text = m.text;
    message.edited_ts = m.edited_ts;
  } else {
    message.deleted = true;
    delete message.text;
  }
  if (conversation === current()) view.render(conversation, outbox.of(conversation.key), 'keep');
}

function onPresence(p) {
  if (p.event === 'online') state.online.add(p.user);
  if (p.event === 'offline') state.online.delete(p.user);
  if (p.event === 'join' && p.user === state.user && !conversations.get('r:' + p.room)) {
    const invited = conversations.ensure('r:' + p.room, p.room);
    invited.lastTs = Date.now();
    systemLine(invited.key, 'you were invited to ' + p.room);
    refreshConversations();
    return;
  }
  const conversation = conversations.get('r:' + p.room);
  if (conversation && (p.event === 'join' || p.event === 'leave')) {
    systemLine(conversation.key, p.user + (p.event === 'join' ? ' joined' : ' left'));
  }
  if (current() && (current() === conversation || (current().kind === 'dm' && current().name === p.user))) {
    refreshSide(current());
  }
}

function onTopic(t) {
  const conversation = conversations.ensure('r:' + t.room, t.room);
  conversation.topic = t.topic;
  systemLine(conversation.key, t.by + ' set the topic: ' + t.topic);
  if (conversation === current()) renderHeader();
}

function onFile(f) {
  const conversation = conversations.get('r:' + f.room);
  if (!conversation) return;
  conversation.files.set(f.file_id, f);
  conversation.lastTs = Math.max(conversation.lastTs, f.ts);
  conversations.render();
  if (conversation === current()) {
    const mine = f.from === state.user;
    view.render(conversation, outbox.of(conversation.key), mine ? 'bottom' : 'live', mine ? 0 : 1);
  }
}

function onRemoved(key, text) {
  const conversation = conversations.get(key);
  if (!conversation) return;
  conversations.remove(key);
  if (current() === conversation) {
    conversations.current = null;
    open(conversations.ensure('r:lobby', 'lobby'));
    showError('composer-error', text);
  }
  conversations.render();
}

function onRenamed(r) {
  if (r.kind === 'user' && r.old === state.user) {
    state.user = r.new;
    conversations.user = r.new;
    $('me-name').textContent = r.new;
  }
  const prefix = r.kind === 'room' ? 'r:' : 'd:';
  const conversation = conversations.get(prefix + r.old);
  if (!conversation) return;
  conversations.remove(conversation.key);
  conversation.key = prefix + r.new;
  conversation.name = r.new;
  conversations.all.set(conversation.key, conversation);
  systemLine(conversation.key, r.old + ' is now called ' + r.new);
  conversations.render();
  if (conversation === current()) renderHeader();
}

function onBye(bye) {
  if (['logout', 'banned', 'deleted', 'password_reset'].includes(bye.reason)) {
    state.token = null;
    localStorage.removeItem('chat.token');
    state.everLoggedIn = false;
    banner('', '');
    showAuth('the server ended the session: ' + bye.reason);
  }
}

function systemLine(key, text) {
  const conversation = conversations.get(key);
  if (!conversation) return;
  conversation.lines.push({ afterSeq: conversation.newestSeq, text });
  if (conversation === current()) view.render(conversation, outbox.of(key), 'live');
}

// ---- opening and reading ----

async function open(conversation, focusSeq) {
  if (current() && current() !== conversation) current().divider = null;
  conversations.current = conversation;
  if (!conversation.draft) localStorage.setItem(LAST_OPEN_KEY, conversation.key);
  $('chat').classList.remove('show-list', 'members-open');
  showError('composer-error', '');
  cancelEdit();
  conversation.divider = conversation.unread > 0 && conversation.read > 0 ? conversation.read : null;
  renderHeader();
  conversations.render();
  view.render(conversation, outbox.of(conversation.key), 'open');
  if (focusSeq !== undefined) await loadAround(conversation, focusSeq);
  else if (!conversation.loaded && !conversation.draft) await loadFirst(conversation);
  if (conversation !== current()) return;
  view.render(conversation, outbox.of(conversation.key), 'open');
  if (focusSeq !== undefined) highlight(focusSeq);
  markReadIfSeen();
  refreshSide(conversation);
  if (conversation.kind === 'room') loadFiles(conversation);
}

/** The first view: at the read marker when it is near, else the latest page. */
async function loadFirst(conversation) {
  conversation.loading = true;
  // live messages that came before the first load may sit after a gap: start from the server's view
  conversation.messages.clear();
  conversation.oldestSeq = Infinity;
  conversation.newestSeq = 0;
  try {
    const target = targetOf(conversation);
    const behind = conversation.seq - conversation.read;
    if (conversation.read > 0 && conversation.unread > 0 && behind <= LAND_AT_MARKER_MAX) {
      const before = await connection.request('history', Object.assign({ before: conversation.read + 1, limit: 30 }, target));
      before.messages.forEach((m) => add(conversation, m));
      if (before.messages.length < 30) conversation.historyDone = true;
      await loadAfter(conversation, conversation.read);
    } else {
      const ok = await connection.request('history', Object.assign({ limit: HISTORY_PAGE }, target));
      ok.messages.forEach((m) => add(conversation, m));
      if (ok.messages.length < HISTORY_PAGE) conversation.historyDone = true;
    }
    conversation.loaded = true;
  } catch (error) {
    showError('composer-error', 'could not load messages: ' + (error.message || error.code));
  } finally {
    conversation.loading = false;
  }
}

async function loadAfter(conversation, after) {
  for (let pages = 0; pages < 10; pages++) {
    const ok = await connection.request('history', Object.assign({ after, limit: 200 }, targetOf(conversation)));
    ok.messages.forEach((m) => add(conversation, m));
    if (ok.messages.length < 200) return;
    after = ok.messages[ok.messages.length - 1].seq;
  }
}

/** A search hit: the messages from a little before it to the latest, so there is no gap. */
async function loadAround(conversation, seq) {
  if (conversation.loaded && conversation.messages.has(seq)) return;
  conversation.loading = true;
  try {
    const before = await connection.request('history', Object.assign({ before: seq, limit: 20 }, targetOf(conversation)));
    before.messages.forEach((m) => add(conversation, m));
    if (before.messages.length < 20) conversation.historyDone = true;
    await loadAfter(conversation, seq - 1);
    conversation.loaded = true;
  } finally {
    conversation.loading = false;
  }
}

function highlight(seq) {
  const item = document.querySelector('#message-list li[data-seq="' + Number(seq) + '"]');
  if (!item) return;
  item.classList.add('highlight');
  item.scrollIntoView({ block: 'center' });
  view.clearNew();
}

async function loadOlder(conversation) {
  if (conversation.historyDone || conversation.loading || !conversation.loaded) return;
  conversation.loading = true;
  try {
    const fields = Object.assign({ limit: HISTORY_PAGE }, targetOf(conversation));
    if (conversation.oldestSeq !== Infinity) fields.before = conversation.oldestSeq;
    const ok = await connection.request('history', fields);
    ok.messages.forEach((m) => add(conversation, m));
    if (ok.messages.length < HISTORY_PAGE) conversation.historyDone = true;
  } catch (e) {
    // offline: scrolling up again retries
  } finally {
    conversation.loading = false;
  }
  if (conversation === current()) view.render(conversation, outbox.of(conversation.key), 'keep');
}

/** Moves the read marker when the reader can see the newest message (tab visible, view at the bottom). */
function markReadIfSeen() {
  const conversation = current();
  if (!conversation || document.hidden || !connection.open || !view.atBottom()) return;
  const seq = Math.min(conversation.newestSeq, conversation.seq || conversation.newestSeq);
  if (seq <= conversation.read || seq <= 0) return;
  conversations.markRead(conversation, seq);
  connection.request('read', Object.assign({ seq }, targetOf(conversation))).catch(() => {});
}

async function loadFiles(conversation) {
  try {
    const ok = await connection.request('files', { room: conversation.name });
    ok.files.forEach((f) => conversation.files.set(f.file_id, Object.assign({ room: conversation.name }, f)));
    if (conversation === current() && ok.files.length > 0) view.render(conversation, outbox.of(conversation.key), 'keep');
  } catch (e) {
    // not a member any more
  }
}

// ---- header, members, direct-message presence ----

function renderHeader() {
  const conversation = current();
  if (!conversation) return;
  const room = conversation.kind === 'room';
  $('conversation-title').textContent = room ? '# ' + conversation.name : conversation.name;
  $('conversation-topic').textContent = room ? conversation.topic || '' : (state.online.has(conversation.name) ? 'online' : '');
  $('topic-button').hidden = !room;
  $('leave-button').hidden = !room || conversation.name.toLowerCase() === 'lobby';
  $('members-button').hidden = !room;
  $('members').hidden = !room;
  $('topic-form').hidden = true;
}

async function refreshSide(conversation) {
  try {
    if (conversation.kind === 'room') {
      const ok = await connection.request('members', { room: conversation.name });
      if (conversation !== current()) return;
      ok.members.forEach((m) => (m.online ? state.online.add(m.user) : state.online.delete(m.user)));
      $('member-list').replaceChildren(...ok.members.map((member) => el('li', { class: member.online ? 'online' : 'offline' },
          el('button', { type: 'button', class: 'link member', text: member.user,
            'aria-label': member.user + (member.online ? ', online' : ', offline') + ': message',
            onclick: () => member.user !== state.user && openDirect(member.user) }))));
    } else {
      const ok = await connection.request('users', {});
      if (conversation !== current()) return;
      const online = ok.users.some((u) => u.toLowerCase() === conversation.name.toLowerCase());
      if (online) state.online.add(conversation.name); else state.online.delete(conversation.name);
      $('conversation-topic').textContent = online ? '● online' : '○ offline';
      $('conversation-topic').classList.toggle('is-online', online);
    }
  } catch (e) {
    // offline or not a member any more: the side stays as it was
  }
}

/** Opens a direct conversation, checking first that the user exists (no phantom conversations). */
async function openDirect(name) {
  const existing = conversations.get('d:' + name);
  if (existing) return open(existing);
  await connection.request('history', { with: name, limit: 1 });
  const conversation = conversations.ensure('d:' + name, name);
  conversation.draft = true;
  return open(conversation);
}

// ---- composer: send and edit ----

function sendCurrent() {
  const input = $('send-input');
  const text = input.value.trim();
  const conversation = current();
  if (!text || !conversation) return;
  showError('composer-error', '');
  notifier.askOnce();
  if (state.editing) {
    const { conversation: target, seq } = state.editing;
    connection.request('edit', Object.assign({ seq, text }, targetOf(target))).then(() => {
      cancelEdit();
      input.value = '';
    }, (error) => showError('composer-error', 'not edited: ' + error.message));
    return;
  }
  input.value = '';
  outbox.add(conversation, text);
  view.render(conversation, outbox.of(conversation.key), 'bottom');
}

function startEdit(m) {
  state.editing = { conversation: current(), seq: m.seq };
  $('send-input').value = m.text || '';
  $('editing').hidden = false;
  $('send-input').focus();
}

function cancelEdit() {
  if (!state.editing) return;
  state.editing = null;
  $('editing').hidden = true;
  $('send-input').value = '';
}

function uploadAll(fileList) {
  const conversation = current();
  if (!conversation || fileList.length === 0) return;
  if (conversation.kind !== 'room') {
    showError('composer-error', 'files can be shared in rooms only');
    return;
  }
  for (const file of fileList) files.upload(conversation.name, file);
}

/** Joins (or creates) a room and opens it; rejects with the server's error. */
async function joinRoom(room) {
  const ok = await connection.request('join', { room });
  showError('join-error', '');
  const conversation = conversations.ensure('r:' + ok.room, ok.room);
  conversation.topic = ok.topic;
  conversation.seq = ok.seq;
  conversation.lastTs = Math.max(conversation.lastTs, Date.now());
  open(conversation);
}

async function refreshOtherRooms() {
  try {
    const ok = await connection.request('rooms', {});
    conversations.others = ok.rooms.map((r) => r.room);
    conversations.render();
  } catch (e) {
    // offline: offered again after the next login
  }
}

// ---- controls ----

$('auth-form').addEventListener('submit', (event) => {
  event.preventDefault();
  connection.request('login', { user: $('auth-user').value.trim(), password: $('auth-password').value })
      .then(loggedIn, (error) => showAuth(error.message));
});
$('register-button').addEventListener('click', () => {
  connection.request('register', { user: $('auth-user').value.trim(), password: $('auth-password').value, login: true })
      .then(loggedIn, (error) => showAuth(error.message));
});
$('logout-button').addEventListener('click', () => {
  connection.stop();
  connection.request('logout').catch(() => {});
  localStorage.removeItem('chat.token');
  localStorage.removeItem(LAST_OPEN_KEY);
  sessionStorage.clear();
  location.reload();
});
$('join-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const room = $('join-input').value.trim();
  if (!room) return;
  try {
    await joinRoom(room);
    $('join-input').value = '';
  } catch (error) {
    showError('join-error', error.message || 'could not join ' + room);
  }
});
$('dm-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const name = $('dm-input').value.trim();
  if (!name) return;
  try {
    await openDirect(name);
    showError('dm-error', '');
    $('dm-input').value = '';
  } catch (error) {
    showError('dm-error', error.message || 'no such user');
  }
});
$('search-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const q = $('search-input').value.trim();
  if (!q) { $('search-results').replaceChildren(); return; }
  try {
    const ok = await connection.request('search', { q, limit: 20 });
    $('search-results').replaceChildren(...(ok.hits.length === 0 ? [el('li', { class: 'system', text: 'nothing found' })]
        : ok.hits.map((hit) => el('li', {}, el('button', { type: 'button', class: 'hit',
          onclick: () => open(conversations.ensure(keyOf(hit), hit.room ?? hit.with), hit.seq) },
        el('span', { class: 'where', text: (hit.room ? '# ' + hit.room : hit.with) + ' · ' + hit.from }),
        el('span', { class: 'snippet', text: hit.text || '' }))))));
  } catch (error) {
    $('search-results').replaceChildren(el('li', { class: 'error', text: error.message || error.code }));
  }
});
$('send-form').addEventListener('submit', (event) => {
  event.preventDefault();
  sendCurrent();
});
$('send-input').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) { // isComposing: CJK input methods
    event.preventDefault();
    sendCurrent();
  } else if (event.key === 'Escape') {
    cancelEdit();
  }
});
$('send-input').addEventListener('paste', (event) => {
  const pasted = event.clipboardData && event.clipboardData.files;
  if (pasted && pasted.length > 0) {
    event.preventDefault();
    uploadAll([...pasted]);
  }
});
$('cancel-edit').addEventListener('click', cancelEdit);
$('file-button').addEventListener('click', () => $('file-input').click());
$('file-input').addEventListener('change', () => {
  uploadAll([...$('file-input').files]);
  $('file-input').value = '';
});
const dropZone = $('conversation');
dropZone.addEventListener('dragover', (event) => {
  event.preventDefault();
  dropZone.classList.add('dropping');
});
dropZone.addEventListener('dragleave', () => dropZone.classList.remove('dropping'));
dropZone.addEventListener('drop', (event) => {
  event.preventDefault();
  dropZone.classList.remove('dropping');
  uploadAll([...event.dataTransfer.files]);
});
$('messages').addEventListener('scroll', () => {
  if ($('messages').scrollTop < 40 && current()) loadOlder(current());
  markReadIfSeen();
});
$('topic-button').addEventListener('click', () => {
  $('topic-form').hidden = false;
  $('topic-input').value = current().topic || '';
  $('topic-input').focus();
});
$('topic-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const conversation = current();
  connection.request('topic', { room: conversation.name, topic: $('topic-input').value }).then(() => {
    $('topic-form').hidden = true;
  }, (error) => showError('composer-error', error.message));
});
$('leave-button').addEventListener('click', async () => {
  const conversation = current();
  try {
    await connection.request('leave', { room: conversation.name });
    onRemoved(conversation.key, 'you left ' + conversation.name);
  } catch (error) {
    showError('composer-error', error.message);
  }
});
$('back-button').addEventListener('click', () => $('chat').classList.add('show-list'));
$('members-button').addEventListener('click', () => {
  const open = $('chat').classList.toggle('members-open');
  $('members-button').setAttribute('aria-expanded', String(open));
  if (open) $('members-close').focus();
});
$('members-close').addEventListener('click', () => {
  $('chat').classList.remove('members-open');
  $('members-button').setAttribute('aria-expanded', 'false');
});
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') $('chat').classList.remove('members-open');
});
document.addEventListener('visibilitychange', () => {
  if (!document.hidden) markReadIfSeen();
});
window.addEventListener('focus', markReadIfSeen);

connection.connect();
