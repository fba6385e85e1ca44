-- The chat store's schema on PostgreSQL: the same tables and rules as the SQLite schema
-- (chatroom.server.store.Schema). Names are stored twice, as registered and as their key.
-- Foreign keys are DEFERRABLE so that renames can move a key in parent and child tables within
-- one transaction.

CREATE TABLE users (
  name_key      TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  banned        INTEGER NOT NULL DEFAULT 0,
  created       BIGINT NOT NULL
);

CREATE TABLE tokens (
  token_hash TEXT PRIMARY KEY,
  user_key   TEXT NOT NULL REFERENCES users(name_key) ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE,
  expires_at BIGINT NOT NULL
);
CREATE INDEX tokens_by_user ON tokens(user_key);

CREATE TABLE rooms (
  name_key TEXT PRIMARY KEY,
  name     TEXT NOT NULL,
  owner    TEXT,
  topic    TEXT NOT NULL DEFAULT '',
  private  INTEGER NOT NULL DEFAULT 0,
  created  BIGINT NOT NULL
);

CREATE TABLE memberships (
  room_key TEXT NOT NULL REFERENCES rooms(name_key) ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE,
  user_key TEXT NOT NULL REFERENCES users(name_key) ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE,
  PRIMARY KEY (room_key, user_key)
);

CREATE TABLE messages (
  conv       TEXT NOT NULL,
  seq        BIGINT NOT NULL,
  ts         BIGINT NOT NULL,
  sender     TEXT NOT NULL,
  sender_key TEXT NOT NULL,
  recipient  TEXT,
  text       TEXT NOT NULL,
  cid        TEXT,
  PRIMARY KEY (conv, seq)
);
CREATE UNIQUE INDEX messages_by_cid ON messages(conv, sender_key, cid) WHERE cid IS NOT NULL;

CREATE TABLE files (
  file_id      TEXT PRIMARY KEY,
  room_key     TEXT NOT NULL,
  name         TEXT NOT NULL,
  size         BIGINT NOT NULL,
  sha256       TEXT NOT NULL,
  sender       TEXT NOT NULL,
  ts           BIGINT NOT NULL,
  upload_order BIGSERIAL
);
CREATE INDEX files_by_room ON files(room_key, ts);

CREATE TABLE mutes (
  room_key TEXT NOT NULL,
  user_key TEXT NOT NULL,
  until    BIGINT NOT NULL,
  PRIMARY KEY (room_key, user_key)
);
