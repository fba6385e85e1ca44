-- Protocol section 10, never miss a message: the same tables as SQLite schema version 6
-- (chatroom.server.store.Schema.neverMiss). Search uses pg_trgm's GIN index for substrings
-- (CJK included) instead of SQLite's FTS5 trigram table, so search_rowid stays empty here.

ALTER TABLE messages ADD COLUMN mentions TEXT;
ALTER TABLE messages ADD COLUMN edited_ts BIGINT;
ALTER TABLE messages ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN search_rowid BIGINT;

-- unread = latest - read - own after read - others' deleted after read: both are index ranges
CREATE INDEX messages_by_sender ON messages(sender_key, conv, seq);
-- a user's rooms, found without reading every membership (conversations, search)
CREATE INDEX memberships_by_user ON memberships(user_key, room_key);

CREATE TABLE read_markers (
  user_key TEXT NOT NULL,
  conv     TEXT NOT NULL,
  seq      BIGINT NOT NULL,
  PRIMARY KEY (user_key, conv)
);

CREATE TABLE direct_peers (
  user_key TEXT NOT NULL,
  conv     TEXT NOT NULL,
  peer_key TEXT NOT NULL,
  peer     TEXT NOT NULL,
  PRIMARY KEY (user_key, conv)
);

CREATE TABLE mentions (
  user_key TEXT NOT NULL,
  conv     TEXT NOT NULL,
  seq      BIGINT NOT NULL,
  PRIMARY KEY (user_key, conv, seq)
);
CREATE INDEX mentions_by_message ON mentions(conv, seq);

-- the deleted messages only, so that counting those after a read marker never reads history
CREATE TABLE deleted_messages (
  conv       TEXT NOT NULL,
  seq        BIGINT NOT NULL,
  sender_key TEXT NOT NULL,
  PRIMARY KEY (conv, seq)
);

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX messages_text_trgm ON messages USING gin (text gin_trgm_ops);

-- what existed before: every message counts as read, every direct conversation is listed
INSERT INTO direct_peers(user_key, conv, peer_key, peer)
  SELECT DISTINCT ON (m.sender_key, m.conv) m.sender_key, m.conv, coalesce(u.name_key, lower(m.recipient)), m.recipient
  FROM messages m LEFT JOIN users u ON u.name = m.recipient WHERE m.recipient IS NOT NULL
  ON CONFLICT DO NOTHING;
INSERT INTO direct_peers(user_key, conv, peer_key, peer)
  SELECT DISTINCT ON (coalesce(u.name_key, lower(m.recipient)), m.conv) coalesce(u.name_key, lower(m.recipient)),
         m.conv, m.sender_key, m.sender
  FROM messages m LEFT JOIN users u ON u.name = m.recipient WHERE m.recipient IS NOT NULL
  ON CONFLICT DO NOTHING;
INSERT INTO read_markers(user_key, conv, seq)
  SELECT mb.user_key, cs.conv, cs.seq FROM memberships mb JOIN conv_seqs cs ON cs.conv = 'r:' || mb.room_key
  ON CONFLICT DO NOTHING;
INSERT INTO read_markers(user_key, conv, seq)
  SELECT dp.user_key, cs.conv, cs.seq FROM direct_peers dp JOIN conv_seqs cs ON cs.conv = dp.conv
  ON CONFLICT DO NOTHING;
