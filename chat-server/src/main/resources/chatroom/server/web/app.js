// The web chat page: the chat protocol over the WebSocket at /ws, one JSON object per text frame.
// Everything users wrote is put on the page with textContent, never as HTML.
'use strict';
(() => {
  const $ = (id) => document.getElementById(id);
  const HISTORY_PAGE = 50;

  const state = {
    ws: null,
    nextId: 1,
    pending: new Map(),        // request id -> {resolve, reject}
    welcome: null,
    user: null,
    token: localStorage.getItem('chat.token'),
    conversations: new Map(),  // 'r:room' or 'd:user' -> conversation
    current: null,
    outbox: [],                // sends not yet acknowledged: resent with the same cid after a reconnect
    backoffMs: 500,
    lastSent: 0,
    heartbeat: null,
    loggedOut: false,
  };

  // ---- connection ----

  function connect() {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(scheme + '//' + location.host + '/ws');
    state.ws = ws;
    showConnection('connecting…', false);
    ws.onmessage = (event) => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      handle(message);
    };
    ws.onclose = () => {
      if (state.ws !== ws) return;
      clearInterval(state.heartbeat);
      for (const { reject } of state.pending.values()) reject({ code: 'disconnected', message: 'connection lost' });
      state.pending.clear();
      if (state.loggedOut) return;
      const delay = state.backoffMs * (0.8 + Math.random() * 0.4);
      state.backoffMs = Math.min(state.backoffMs * 2, 10000);
      showConnection('reconnecting…', false);
      setTimeout(connect, delay);
    };
  }

  function send(message) {
    if (state.ws && state.ws.readyState === WebSocket.OPEN) {
      state.ws.send(JSON.stringify(message));
      state.lastSent = Date.now();
      return true;
    }
    return false;
  }

  function request(type, fields) {
    return new Promise((resolve, reject) => {
      const id = state.nextId++;
      state.pending.set(id, { resolve, reject });
      if (!send(Object.assign({ type, id }, fields))) {
        state.pending.delete(id);
        reject({ code: 'disconnected', message: 'not connected' });
      }
    });
  }

  function handle(m) {
    if ((m.type === 'ok' || m.type === 'error' || m.type === 'pong') && state.pending.has(m.id)) {
      const { resolve, reject } = state.pending.get(m.id);
      state.pending.delete(m.id);
      if (m.type === 'error') reject(m); else resolve(m);
      return;
    }
    switch (m.type) {
      case 'welcome': return onWelcome(m);
      case 'message': return onMessage(m);
      case 'presence': return onPresence(m);
      case 'topic': return onTopic(m);
      case 'kicked': return onRemoved('r:' + m.room, 'you were removed from ' + m.room + ' by ' + m.by);
      case 'room_deleted': return onRemoved('r:' + m.room, 'the room ' + m.room + ' was deleted');
      case 'renamed': return onRenamed(m);
      case 'muted': return systemLine('r:' + m.room, 'you were muted by ' + m.by
          + (m.until ? ' until ' + new Date(m.until).toLocaleTimeString() : ''));
      case 'unmuted': return systemLine('r:' + m.room, 'you may write again (' + m.by + ')');
      case 'file': return systemLine('r:' + m.room, m.from + ' shared ' + m.name + ' (' + m.size + ' bytes)');
      case 'ping': return send({ type: 'pong', id: m.id, t: m.t });
      case 'bye': return onBye(m);
      default: return undefined;
    }
  }

  function onWelcome(welcome) {
    state.welcome = welcome;
    state.backoffMs = 500;
    clearInterval(state.heartbeat);
    state.heartbeat = setInterval(() => {
      if (Date.now() - state.lastSent >= welcome.heartbeat_s * 1000 - 500) {
        request('ping', { t: Date.now() }).catch(() => {});
      }
    }, 1000);
    if (state.token) {
      request('login', { token: state.token }).then(loggedIn, (error) => {
        state.token = null;
        localStorage.removeItem('chat.token');
        showAuth(error.code === 'bad_token' ? 'please log in again' : error.message);
      });
    } else {
      showAuth('');
    }
  }

  function onBye(bye) {
    if (bye.reason === 'logout' || bye.reason === 'banned' || bye.reason === 'deleted'
        || bye.reason === 'password_reset') {
      state.token = null;
      localStorage.removeItem('chat.token');
      showAuth('the server ended the session: ' + bye.reason);
    }
    showConnection('disconnected (' + bye.reason + ')', false);
  }

  // ---- signing in ----

  function showAuth(error) {
    $('chat').hidden = true;
    $('auth').hidden = false;
    $('auth-error').textContent = error || '';
  }

  async function loggedIn(ok) {
    state.user = ok.user;
    state.token = ok.token;
    localStorage.setItem('chat.token', ok.token);
    $('me-name').textContent = ok.user;
    $('auth').hidden = true;
    $('chat').hidden = false;
    showConnection('online', true);
    const joins = ok.rooms.map((r) => {
      const conversation = ensure('r:' + r.room, r.room);
      conversation.joined = true;
      return joinRoom(conversation, r.seq);
    });
    await Promise.allSettled(joins);
    for (const conversation of state.conversations.values()) {
      if (conversation.kind === 'dm' && conversation.lastSeq > 0) catchUpDirect(conversation);
    }
    for (const item of state.outbox) send(item.message);
    if (!state.current) open(ensure('r:lobby', 'lobby'));
    renderSidebar();
    refreshOtherRooms();
  }

  /** Joins (again): after a reconnect, from the last seq seen, so nothing is missed or repeated. */
  async function joinRoom(conversation, latestSeq) {
    const since = conversation.lastSeq > 0 ? conversation.lastSeq : undefined;
    const ok = await request('join', since === undefined ? { room: conversation.name } : { room: conversation.name, since });
    conversation.topic = ok.topic;
    conversation.joined = true;
    if (since === undefined && (latestSeq || ok.seq) > 0) await loadOlder(conversation);
    if (conversation === state.current) renderHeader();
    return ok;
  }

  async function catchUpDirect(conversation) {
    for (;;) {
      const ok = await request('history', { with: conversation.name, after: conversation.lastSeq, limit: 200 });
      ok.messages.forEach((m) => add(conversation, m, false));
      if (ok.messages.length < 200) break;
    }
    if (conversation === state.current) render();
  }

  // ---- conversations ----

  function ensure(key, name) {
    let conversation = state.conversations.get(key);
    if (!conversation) {
      conversation = {
        key, name, kind: key.startsWith('r:') ? 'room' : 'dm', messages: new Map(), lastSeq: 0,
        oldestSeq: Infinity, unread: 0, topic: '', joined: false, historyDone: false, lines: [],
      };
      state.conversations.set(key, conversation);
      renderSidebar();
    }
    return conversation;
  }

  function keyOf(m) {
    return m.room !== undefined && m.room !== null ? 'r:' + m.room : 'd:' + m.with;
  }

  function onMessage(m) {
    const conversation = ensure(keyOf(m), m.room ?? m.with);
    if (add(conversation, m, true)) {
      if (conversation !== state.current || document.hidden) {
        if (m.from !== state.user) conversation.unread++;
        renderSidebar();
      }
      if (conversation === state.current) render(true);
    }
  }

  /** Adds a message once (by seq); returns whether it was new. */
  function add(conversation, m, live) {
    if (conversation.messages.has(m.seq)) return false;
    conversation.messages.set(m.seq, m);
    conversation.lastSeq = Math.max(conversation.lastSeq, m.seq);
    conversation.oldestSeq = Math.min(conversation.oldestSeq, m.seq);
    if (live && m.from === state.user && m.cid) {
      state.outbox = state.outbox.filter((item) => item.message.cid !== m.cid);
    }
    return true;
  }

  async function loadOlder(conversation) {
    if (conversation.historyDone || conversation.loading) return;
    conversation.loading = true;
    $('history-status').textContent = 'loading…';
    try {
      const fields = conversation.kind === 'room' ? { room: conversation.name } : { with: conversation.name };
      if (conversation.oldestSeq !== Infinity) fields.before = conversation.oldestSeq;
      fields.limit = HISTORY_PAGE;
      const ok = await request('history', fields);
      ok.messages.forEach((m) => add(conversation, m, false));
      if (ok.messages.length < HISTORY_PAGE) conversation.historyDone = true;
    } catch (e) {
      // shown as the status line below
    } finally {
      conversation.loading = false;
    }
    if (conversation === state.current) render(false, true);
  }

  function open(conversation) {
    state.current = conversation;
    conversation.unread = 0;
    $('chat').classList.remove('show-list');
    renderSidebar();
    renderHeader();
    render(true);
    if (conversation.messages.size < HISTORY_PAGE && !conversation.historyDone) loadOlder(conversation);
    if (conversation.kind === 'room') refreshMembers(conversation);
  }

  function onPresence(p) {
    if (p.event === 'join' && p.user === state.user && !state.conversations.has('r:' + p.room)) {
      const invited = ensure('r:' + p.room, p.room); // someone invited us: the room's messages come from now on
      invited.joined = true;
      systemLine(invited.key, 'you were invited to ' + p.room);
      loadOlder(invited);
      return;
    }
    const conversation = state.conversations.get('r:' + p.room);
    if (!conversation) return;
    if (p.event === 'join' || p.event === 'leave') {
      systemLine(conversation.key, p.user + (p.event === 'join' ? ' joined' : ' left'));
    }
    if (conversation === state.current) refreshMembers(conversation);
  }

  function onTopic(t) {
    const conversation = ensure('r:' + t.room, t.room);
    conversation.topic = t.topic;
    systemLine(conversation.key, t.by + ' set the topic: ' + t.topic);
    if (conversation === state.current) renderHeader();
  }

  function onRemoved(key, text) {
    const conversation = state.conversations.get(key);
    if (!conversation) return;
    conversation.joined = false;
    systemLine(key, text);
    state.conversations.delete(key);
    if (state.current === conversation) {
      state.current = null;
      open(ensure('r:lobby', 'lobby'));
    }
    renderSidebar();
  }

  function onRenamed(r) {
    if (r.kind === 'user' && r.old === state.user) {
      state.user = r.new;
      $('me-name').textContent = r.new;
    }
    const oldKey = (r.kind === 'room' ? 'r:' : 'd:') + r.old;
    const conversation = state.conversations.get(oldKey);
    if (conversation) {
      state.conversations.delete(oldKey);
      conversation.key = (r.kind === 'room' ? 'r:' : 'd:') + r.new;
      conversation.name = r.new;
      state.conversations.set(conversation.key, conversation);
      systemLine(conversation.key, r.old + ' is now called ' + r.new);
      renderSidebar();
      if (conversation === state.current) renderHeader();
    }
  }

  function systemLine(key, text) {
    const conversation = state.conversations.get(key);
    if (!conversation) return;
    conversation.lines.push({ afterSeq: conversation.lastSeq, text });
    if (conversation === state.current) render(true);
  }

  async function refreshMembers(conversation) {
    try {
      const ok = await request('members', { room: conversation.name });
      if (conversation !== state.current) return;
      const list = $('member-list');
      list.replaceChildren(...ok.members.map((member) => {
        const item = document.createElement('li');
        item.textContent = member.user;
        if (!member.online) item.classList.add('offline');
        item.title = member.online ? 'online — click to message' : 'offline — click to message';
        item.addEventListener('click', () => member.user !== state.user && open(ensure('d:' + member.user, member.user)));
        return item;
      }));
    } catch (e) {
      // not a member any more: the list stays as it was
    }
  }

  async function refreshOtherRooms() {
    try {
      const ok = await request('rooms', {});
      state.otherRooms = ok.rooms.map((r) => r.room).filter((room) => !state.conversations.has('r:' + room));
      renderSidebar();
    } catch (e) {
      state.otherRooms = [];
    }
  }

  // ---- rendering (text only) ----

  function renderSidebar() {
    const rooms = [];
    const directs = [];
    for (const conversation of state.conversations.values()) {
      (conversation.kind === 'room' ? rooms : directs).push(conversation);
    }
    $('room-list').replaceChildren(...rooms.sort(byName).map(sidebarItem),
        ...(state.otherRooms || []).filter((room) => !state.conversations.has('r:' + room)).map((room) => {
          const item = document.createElement('li');
          item.textContent = '+ ' + room;
          item.title = 'join ' + room;
          item.classList.add('other');
          item.addEventListener('click', () => joinByName(room));
          return item;
        }));
    $('dm-list').replaceChildren(...directs.sort(byName).map(sidebarItem));
  }

  function byName(a, b) {
    return a.name.localeCompare(b.name);
  }

  function sidebarItem(conversation) {
    const item = document.createElement('li');
    item.dataset.key = conversation.key;
    const name = document.createElement('span');
    name.textContent = conversation.kind === 'room' ? '# ' + conversation.name : conversation.name;
    item.append(name);
    if (conversation.unread > 0) {
      const badge = document.createElement('span');
      badge.className = 'unread';
      badge.textContent = String(conversation.unread);
      item.append(badge);
    }
    if (conversation === state.current) item.classList.add('active');
    item.addEventListener('click', () => open(conversation));
    return item;
  }

  function renderHeader() {
    const conversation = state.current;
    if (!conversation) return;
    $('conversation-title').textContent = conversation.kind === 'room' ? '# ' + conversation.name : conversation.name;
    $('conversation-topic').textContent = conversation.kind === 'room' ? conversation.topic || '' : 'direct messages';
    $('topic-button').hidden = conversation.kind !== 'room';
    $('leave-button').hidden = conversation.kind !== 'room' || conversation.name.toLowerCase() === 'lobby';
    $('members').hidden = conversation.kind !== 'room';
  }

  /** Redraws the open conversation: to the bottom when asked, or keeping the view when older messages came in. */
  function render(stickToBottom, keepPosition) {
    const conversation = state.current;
    if (!conversation) return;
    const box = $('messages');
    const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
    const fromBottom = box.scrollHeight - box.scrollTop;
    const items = [];
    const seqs = [...conversation.messages.keys()].sort((a, b) => a - b);
    let line = 0;
    const lines = conversation.lines;
    for (const seq of seqs) {
      while (line < lines.length && lines[line].afterSeq < seq) items.push(systemItem(lines[line++].text));
      items.push(messageItem(conversation.messages.get(seq)));
    }
    while (line < lines.length) items.push(systemItem(lines[line++].text));
    $('message-list').replaceChildren(...items);
    $('history-status').textContent = conversation.historyDone ? 'the beginning of this conversation' : '';
    if (keepPosition) {
      box.scrollTop = box.scrollHeight - fromBottom;
    } else if (stickToBottom || atBottom) {
      box.scrollTop = box.scrollHeight;
    }
  }

  function messageItem(m) {
    const item = document.createElement('li');
    item.className = 'message' + (m.from === state.user ? ' mine' : '');
    item.dataset.seq = String(m.seq);
    const from = document.createElement('span');
    from.className = 'from';
    from.textContent = m.from;
    const text = document.createElement('span');
    text.className = 'text';
    text.textContent = m.text;
    const time = document.createElement('time');
    time.dateTime = new Date(m.ts).toISOString();
    time.textContent = new Date(m.ts).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    item.append(from, text, time);
    return item;
  }

  function systemItem(text) {
    const item = document.createElement('li');
    item.className = 'system';
    item.textContent = text;
    return item;
  }

  function showConnection(text, online) {
    $('connection').textContent = text;
    $('connection').classList.toggle('online', online);
  }

  // ---- user actions ----

  async function joinByName(name) {
    const room = name.trim();
    if (!room) return;
    try {
      const conversation = ensure('r:' + room, room);
      const ok = await joinRoom(conversation, 0);
      conversation.name = ok.room;
      open(conversation);
    } catch (error) {
      state.conversations.delete('r:' + room);
      renderSidebar();
      alert(error.message || 'could not join ' + room);
    }
  }

  function sendCurrent() {
    const input = $('send-input');
    const text = input.value.trim();
    const conversation = state.current;
    if (!text || !conversation) return;
    const message = { type: 'send', id: state.nextId++, text,
      cid: (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random()) };
    if (conversation.kind === 'room') message.room = conversation.name; else message.to = conversation.name;
    state.outbox.push({ message });
    state.pending.set(message.id, {
      resolve: (ok) => {
        state.outbox = state.outbox.filter((item) => item.message.cid !== message.cid);
        if (conversation.kind === 'dm' && !conversation.messages.has(ok.seq)) {
          add(conversation, { with: conversation.name, seq: ok.seq, ts: ok.ts, from: state.user, to: conversation.name,
            text, cid: message.cid }, true);
          if (conversation === state.current) render(true);
        }
      },
      reject: (error) => {
        if (error.code !== 'disconnected') {
          state.outbox = state.outbox.filter((item) => item.message.cid !== message.cid);
          systemLine(conversation.key, 'not sent: ' + error.message);
        }
      },
    });
    send(message);
    input.value = '';
  }

  $('auth-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const user = $('auth-user').value.trim();
    request('login', { user, password: $('auth-password').value })
        .then(loggedIn, (error) => showAuth(error.message));
  });
  $('register-button').addEventListener('click', () => {
    const user = $('auth-user').value.trim();
    const password = $('auth-password').value;
    request('register', { user, password })
        .then(() => request('login', { user, password }))
        .then(loggedIn, (error) => showAuth(error.message));
  });
  $('logout-button').addEventListener('click', () => {
    state.loggedOut = true;
    request('logout', {}).catch(() => {});
    localStorage.removeItem('chat.token');
    location.reload();
  });
  $('join-form').addEventListener('submit', (event) => {
    event.preventDefault();
    joinByName($('join-input').value);
    $('join-input').value = '';
  });
  $('dm-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const user = $('dm-input').value.trim();
    if (user) open(ensure('d:' + user, user));
    $('dm-input').value = '';
  });
  $('send-form').addEventListener('submit', (event) => {
    event.preventDefault();
    sendCurrent();
  });
  $('send-input').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) { // isComposing: CJK input methods
      event.preventDefault();
      sendCurrent();
    }
  });
  $('messages').addEventListener('scroll', () => {
    if ($('messages').scrollTop < 40 && state.current) loadOlder(state.current);
  });
  $('topic-button').addEventListener('click', () => {
    const conversation = state.current;
    const topic = prompt('Topic of ' + conversation.name, conversation.topic || '');
    if (topic !== null) request('topic', { room: conversation.name, topic }).catch((e) => alert(e.message));
  });
  $('leave-button').addEventListener('click', async () => {
    const conversation = state.current;
    try {
      await request('leave', { room: conversation.name });
      onRemoved(conversation.key, 'you left ' + conversation.name);
    } catch (e) {
      alert(e.message);
    }
  });
  $('back-button').addEventListener('click', () => $('chat').classList.add('show-list'));
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && state.current) {
      state.current.unread = 0;
      renderSidebar();
    }
  });

  connect();
})();
