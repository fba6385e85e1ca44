package chatroom.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link MessageStore} on SQL: table {@code messages} and the rows kept beside it per
 * conversation ({@code conv_seqs}, {@code read_markers}, {@code mentions}, {@code direct_peers},
 * {@code deleted_messages}, the search index). Appends are {@link MessageAppends}, edits, deletes and
 * read markers {@link MessageEdits}, the conversation list and search {@link ConversationQueries};
 * this class runs them on the writer or a reader, and holds the history reads and what renames and
 * deletions of users and rooms do to messages.
 */
final class MessageSql implements MessageStore {

    private final SqlExecutor sql;
    private final Database db;

    MessageSql(SqlExecutor sql, Database db) {
        this.sql = sql;
        this.db = db;
    }

    @Override
    public CompletableFuture<AppendResult> append(NewMessage message) {
        return sql.writeTakingSeq(tx -> MessageAppends.append(tx, message), message.conversation().key());
    }

    @Override
    public CompletableFuture<List<StoredMessage>> history(Conversation conversation, Long before, Long after,
                                                         int limit) {
        // four texts at most, bound rather than spliced, so that each reader keeps them prepared
        StringBuilder query = new StringBuilder("SELECT " + MessageColumns.SELECT + " FROM messages m WHERE conv = ?");
        if (after != null) {
            query.append(" AND seq > ?");
        }
        if (before != null) {
            query.append(" AND seq < ?");
        }
        boolean oldestFirst = after != null;
        query.append(oldestFirst ? " ORDER BY seq ASC" : " ORDER BY seq DESC").append(" LIMIT ?");
        return sql.read(query.toString(), st -> {
            int parameter = 1;
            st.setString(parameter++, conversation.key());
            if (after != null) {
                st.setLong(parameter++, after);
            }
            if (before != null) {
                st.setLong(parameter++, before);
            }
            st.setInt(parameter, limit);
            List<StoredMessage> messages = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    messages.add(MessageColumns.read(rs));
                }
            }
            if (!oldestFirst) {
                Collections.reverse(messages);
            }
            return messages;
        });
    }

    @Override
    public CompletableFuture<Long> latestSeq(Conversation conversation) {
        return sql.read("SELECT coalesce(max(seq), 0) FROM messages WHERE conv = ?", st -> {
            st.setString(1, conversation.key());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    @Override
    public CompletableFuture<ReadMarker> markRead(String userKey, Conversation conversation, long seq) {
        return sql.write(tx -> MessageEdits.markRead(tx, userKey, conversation, seq));
    }

    @Override
    public CompletableFuture<ConversationPage> conversations(String userKey, int limit) {
        return sql.read(connection -> ConversationQueries.conversations(connection, userKey, limit));
    }

    @Override
    public CompletableFuture<MessageChange> edit(Conversation conversation, long seq, String editorKey, String text,
                                                 List<String> mentions, long ts) {
        return sql.write(tx -> MessageEdits.edit(tx, conversation, seq, editorKey, text, mentions, ts));
    }

    @Override
    public CompletableFuture<MessageChange> delete(Conversation conversation, long seq, String actorKey,
                                                   boolean mayDeleteAnyones) {
        return sql.write(tx -> MessageEdits.delete(tx, conversation, seq, actorKey, mayDeleteAnyones));
    }

    @Override
    public CompletableFuture<List<StoredMessage>> search(SearchQuery query) {
        return sql.read(connection -> ConversationQueries.search(connection, db.searchIndex(), query));
    }

    // ---- parts of other kinds' writes, in their transaction ----

    /** A deleted account's rows: nothing left to read, mention or list (its sent messages stay). */
    static void forgetUser(WriteTransaction tx, String userKey) throws SQLException {
        tx.update("DELETE FROM read_markers WHERE user_key = ?", userKey);
        tx.update("DELETE FROM mentions WHERE user_key = ?", userKey);
        tx.update("DELETE FROM direct_peers WHERE user_key = ?", userKey);
    }

    /**
     * A rename's part in messages: the user's rows of every conversation and its name on the
     * messages it sent and received (direct conversations are keyed by account ids and stay put).
     */
    static void moveUser(WriteTransaction tx, String oldKey, String oldName, String newKey, String newName)
            throws SQLException {
        tx.update("UPDATE read_markers SET user_key = ? WHERE user_key = ?", newKey, oldKey);
        tx.update("UPDATE mentions SET user_key = ? WHERE user_key = ?", newKey, oldKey);
        tx.update("UPDATE direct_peers SET user_key = ? WHERE user_key = ?", newKey, oldKey);
        tx.update("UPDATE direct_peers SET peer_key = ?, peer = ? WHERE peer_key = ?", newKey, newName, oldKey);
        tx.update("UPDATE deleted_messages SET sender_key = ? WHERE sender_key = ?", newKey, oldKey);
        tx.update("UPDATE messages SET sender = ?, sender_key = ? WHERE sender_key = ?", newName, newKey, oldKey);
        tx.update("UPDATE messages SET recipient = ? WHERE recipient = ?", newName, oldName);
    }

    /** Moves a conversation, every message at its seq, with its counter and the rows kept beside it. */
    static void moveConversation(WriteTransaction tx, String from, String to) throws SQLException {
        tx.update("UPDATE messages SET conv = ? WHERE conv = ?", to, from);
        tx.update("UPDATE conv_seqs SET conv = ? WHERE conv = ?", to, from);
        tx.update("UPDATE read_markers SET conv = ? WHERE conv = ?", to, from);
        tx.update("UPDATE mentions SET conv = ? WHERE conv = ?", to, from);
        tx.update("UPDATE direct_peers SET conv = ? WHERE conv = ?", to, from);
        tx.update("UPDATE deleted_messages SET conv = ? WHERE conv = ?", to, from);
    }

    /**
     * Keeps a deleted room's messages under {@code archiveKey}, a key no conversation can have, and
     * drops the rest: a new room of the same name starts empty, nothing read, nothing mentioned.
     */
    static void archiveConversation(WriteTransaction tx, String conversation, String archiveKey)
            throws SQLException {
        tx.update("UPDATE messages SET conv = ? WHERE conv = ?", archiveKey, conversation);
        tx.update("DELETE FROM conv_seqs WHERE conv = ?", conversation);
        tx.update("DELETE FROM read_markers WHERE conv = ?", conversation);
        tx.update("DELETE FROM mentions WHERE conv = ?", conversation);
        tx.update("DELETE FROM direct_peers WHERE conv = ?", conversation);
        tx.update("DELETE FROM deleted_messages WHERE conv = ?", conversation);
    }
}
