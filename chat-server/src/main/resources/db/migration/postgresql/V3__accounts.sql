-- Accounts get an immutable id, an admin flag and a deleted flag (a deleted account stays as a
-- tombstone, so its id and name are never someone else's); names an account had before a rename stay
-- reserved for it; direct conversations move from the pair of name keys to the pair of account ids
-- ('d:<low id>|<high id>'), every message at its seq. The same as version 4 of the SQLite schema.

ALTER TABLE users ADD COLUMN admin INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;

CREATE TABLE retired_names (
  name_key TEXT PRIMARY KEY,
  user_id  BIGINT NOT NULL
);

-- a party of a direct conversation whose account was deleted before tombstones existed gets one
INSERT INTO users(name_key, name, password_hash, banned, created, deleted)
  SELECT k, k, '!deleted', 0, 0, 1 FROM (
    SELECT split_part(substr(conv, 3), '|', 1) AS k FROM conv_seqs WHERE conv LIKE 'd:%'
    UNION SELECT split_part(conv, '|', 2) FROM conv_seqs WHERE conv LIKE 'd:%') parties
  WHERE k <> '' AND k NOT IN (SELECT name_key FROM users);

-- fills the existing rows from the sequence; new accounts take the next value
ALTER TABLE users ADD COLUMN id BIGSERIAL;
ALTER TABLE users ADD CONSTRAINT users_id_unique UNIQUE (id);

-- through a prefix no key has, since an id pair like d:1|2 may be some users' old name-key pair
UPDATE messages m SET conv = 'm:' || least(a.id, b.id) || '|' || greatest(a.id, b.id)
  FROM users a, users b
  WHERE m.conv LIKE 'd:%' AND a.name_key = split_part(substr(m.conv, 3), '|', 1)
    AND b.name_key = split_part(m.conv, '|', 2);
UPDATE messages SET conv = 'd:' || substr(conv, 3) WHERE conv LIKE 'm:%';

UPDATE conv_seqs c SET conv = 'm:' || least(a.id, b.id) || '|' || greatest(a.id, b.id)
  FROM users a, users b
  WHERE c.conv LIKE 'd:%' AND a.name_key = split_part(substr(c.conv, 3), '|', 1)
    AND b.name_key = split_part(c.conv, '|', 2);
UPDATE conv_seqs SET conv = 'd:' || substr(conv, 3) WHERE conv LIKE 'm:%';
