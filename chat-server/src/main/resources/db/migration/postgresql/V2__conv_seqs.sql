-- The latest seq of each conversation. An append increments its conversation's row in the
-- transaction that stores the message: the row lock orders appends of several servers, and the
-- seq is given back when the transaction rolls back.
CREATE TABLE conv_seqs (
  conv TEXT PRIMARY KEY,
  seq  BIGINT NOT NULL
);
INSERT INTO conv_seqs(conv, seq) SELECT conv, max(seq) FROM messages GROUP BY conv;
