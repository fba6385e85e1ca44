package chatroom.server.store;

import chatroom.server.store.MessageChangeRefused.Reason;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The writes of protocol section 10 that change what was already stored, each inside the write
 * transaction of the writer thread: read markers, edits and deletes. The search index and the
 * mention rows change in the same transaction as the message, so counts and search never see a
 * half-done change.
 */
final class MessageEdits {

    private MessageEdits() {
    }

    /** Moves a read marker forward (never back); past the latest seq is refused. */
    static ReadMarker markRead(WriteTransaction tx, String userKey, Conversation conversation, long seq)
            throws SQLException {
        String conv = conversation.key();
        Long latest = tx.queryLong("SELECT seq FROM conv_seqs WHERE conv = ?", conv);
        if (seq > (latest == null ? 0 : latest)) {
            throw new MessageChangeRefused(Reason.SEQ_BEYOND_LATEST, "seq " + seq + " is past the latest message ("
                    + (latest == null ? 0 : latest) + ")");
        }
        Long current = tx.queryLong("SELECT seq FROM read_markers WHERE user_key = ? AND conv = ?", userKey, conv);
        if (current != null && current >= seq) {
            return new ReadMarker(current, false);
        }
        tx.updateCached("INSERT INTO read_markers(user_key, conv, seq) VALUES (?, ?, ?)"
                + " ON CONFLICT (user_key, conv) DO UPDATE SET seq = excluded.seq", userKey, conv, seq);
        return new ReadMarker(seq, true);
    }

    /** Replaces the text of the author's message; the same text again changes nothing. */
    static MessageChange edit(WriteTransaction tx, Conversation conversation, long seq, String editorKey,
                              String text, List<String> mentions, long ts) throws SQLException {
        Found found = find(tx, conversation, seq);
        if (!found.senderKey.equals(editorKey)) {
            throw new MessageChangeRefused(Reason.NOT_ALLOWED, "only its author may edit a message");
        }
        if (found.message.deleted()) {
            throw new MessageChangeRefused(Reason.DELETED, "message " + seq + " is deleted");
        }
        if (text.equals(found.message.text())) {
            return new MessageChange(found.message, false);
        }
        tx.update("UPDATE messages SET text = ?, edited_ts = ?, mentions = ? WHERE conv = ? AND seq = ?", text, ts,
                MessageColumns.joinMentions(mentions), conversation.key(), seq);
        tx.update("DELETE FROM mentions WHERE conv = ? AND seq = ?", conversation.key(), seq);
        MessageAppends.addMentionRows(tx, conversation.key(), seq, found.senderKey, mentions);
        tx.search().replace(tx, found.searchRow, text);
        StoredMessage m = found.message;
        return new MessageChange(new StoredMessage(m.conversation(), seq, m.ts(), m.from(), m.to(), text, m.cid(),
                mentions, ts, false), true);
    }

    /**
     * Deletes a message: its text, mentions and index entry go, its seq, sender and time stay.
     * {@code mayDeleteAnyones}: the deleting user owns the room or is an admin.
     */
    static MessageChange delete(WriteTransaction tx, Conversation conversation, long seq, String actorKey,
                                boolean mayDeleteAnyones) throws SQLException {
        Found found = find(tx, conversation, seq);
        if (!found.senderKey.equals(actorKey) && !mayDeleteAnyones) {
            throw new MessageChangeRefused(Reason.NOT_ALLOWED, "only its author, the room's owner or an admin"
                    + " may delete a message");
        }
        if (found.message.deleted()) {
            return new MessageChange(found.message, false);
        }
        // search_rowid stays: the highest number given out must stay readable (Fts5SearchIndex)
        tx.update("UPDATE messages SET deleted = 1, text = '', mentions = NULL WHERE conv = ? AND seq = ?",
                conversation.key(), seq);
        tx.update("DELETE FROM mentions WHERE conv = ? AND seq = ?", conversation.key(), seq);
        tx.update("INSERT INTO deleted_messages(conv, seq, sender_key) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                conversation.key(), seq, found.senderKey);
        tx.search().remove(tx, found.searchRow);
        StoredMessage m = found.message;
        return new MessageChange(new StoredMessage(m.conversation(), seq, m.ts(), m.from(), m.to(), null, m.cid(),
                List.of(), m.editedTs(), true), true);
    }

    private record Found(StoredMessage message, String senderKey, Long searchRow) {
    }

    private static Found find(WriteTransaction tx, Conversation conversation, long seq) throws SQLException {
        try (PreparedStatement st = tx.prepare("SELECT " + MessageColumns.SELECT + ", m.sender_key, m.search_rowid"
                + " FROM messages m WHERE m.conv = ? AND m.seq = ?")) {
            st.setString(1, conversation.key());
            st.setLong(2, seq);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new MessageChangeRefused(Reason.NO_SUCH_MESSAGE, "no message " + seq + " here");
                }
                long row = rs.getLong(12);
                return new Found(MessageColumns.read(rs), rs.getString(11), rs.wasNull() ? null : row);
            }
        }
    }
}
