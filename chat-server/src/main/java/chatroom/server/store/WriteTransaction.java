package chatroom.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * One batch of writes on the writer thread: helpers for statements, message appends, and the new
 * messages to announce after the commit.
 *
 * <p>A conversation's next seq comes from its row in {@code conv_seqs}, incremented in the same
 * transaction that stores the message. The row stays locked until the commit, so on a database that
 * several servers share (PostgreSQL) a second server's append to the same conversation waits for the
 * first one's commit: seqs are unique, gap-free and commit in seq order. A rolled-back append gives
 * its seq back with the rollback.
 */
final class WriteTransaction {

    private final Connection connection;
    private final StatementCache cache;
    private final SearchIndex search;
    private final List<StoredMessage> newMessages = new ArrayList<>();
    private int opMessages;

    WriteTransaction(Connection connection, StatementCache cache, SearchIndex search) {
        this.connection = connection;
        this.cache = cache;
        this.search = search;
    }

    SearchIndex search() {
        return search;
    }

    /** Runs a kept statement of the append path. */
    int updateCached(String sql, Object... args) throws SQLException {
        PreparedStatement st = cache.prepared(connection, sql);
        bind(st, args);
        return st.executeUpdate();
    }

    /** Runs a kept INSERT and returns the rowid it gave the new row (SQLite). */
    long insertReturningRowid(String sql, Object... args) throws SQLException {
        updateCached(sql, args);
        try (ResultSet rs = cache.plain(connection).executeQuery("SELECT last_insert_rowid()")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** The first column of the first row of a kept query, or null when there is no row. */
    Long queryLong(String sql, Object... args) throws SQLException {
        PreparedStatement st = cache.prepared(connection, sql);
        bind(st, args);
        try (ResultSet rs = st.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            long value = rs.getLong(1);
            return rs.wasNull() ? null : value;
        }
    }

    PreparedStatement prepare(String sql) throws SQLException {
        return connection.prepareStatement(sql);
    }

    int update(String sql, Object... args) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            bind(st, args);
            return st.executeUpdate();
        }
    }

    boolean exists(String sql, Object... args) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            bind(st, args);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void bind(PreparedStatement st, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            st.setObject(i + 1, args[i]);
        }
    }

    /**
     * Stores a message with the next seq of its conversation, or finds the original of a resent cid.
     * The unique cid index decides a race between two servers: the loser's insert does nothing, it
     * gives its seq back and answers with the winner's message.
     */
    AppendResult append(NewMessage message) throws SQLException {
        String conversation = message.conversation().key();
        String senderKey = Names.key(message.from());
        if (message.cid() != null) {
            StoredMessage original = findByCid(conversation, senderKey, message.cid());
            if (original != null) {
                return new AppendResult(original, true);
            }
        }
        long seq = nextSeq(conversation);
        Long searchRow = search.add(this, message.text());
        int inserted = updateCached("INSERT INTO messages(conv, seq, ts, sender, sender_key, recipient, text, cid,"
                        + " mentions, search_rowid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                conversation, seq, message.ts(), message.from(), senderKey, message.to(), message.text(), message.cid(),
                MessageColumns.joinMentions(message.mentions()), searchRow);
        if (inserted == 0) {
            search.remove(this, searchRow);
            updateCached("UPDATE conv_seqs SET seq = seq - 1 WHERE conv = ?", conversation);
            StoredMessage original = message.cid() == null ? null : findByCid(conversation, senderKey, message.cid());
            if (original == null) {
                throw new StoreException("seq " + seq + " of " + conversation + " is taken: conv_seqs is behind messages");
            }
            return new AppendResult(original, true);
        }
        if (message.to() != null) {
            rememberDirect(conversation, senderKey, message.from(), Names.key(message.to()), message.to());
        }
        addMentionRows(conversation, seq, senderKey, message.mentions());
        StoredMessage stored = new StoredMessage(message.conversation(), seq, message.ts(), message.from(),
                message.to(), message.text(), message.cid(), message.mentions(), null, false);
        newMessages.add(stored);
        opMessages++;
        return new AppendResult(stored, false);
    }

    /** Lists a direct conversation for both of its users, naming the other party explicitly (keys are opaque). */
    private void rememberDirect(String conversation, String fromKey, String from, String toKey, String to)
            throws SQLException {
        String sql = "INSERT INTO direct_peers(user_key, conv, peer_key, peer) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING";
        updateCached(sql, fromKey, conversation, toKey, to);
        updateCached(sql, toKey, conversation, fromKey, from);
    }

    /** One row per mentioned member but the sender: {@code conversations} counts them by index range. */
    void addMentionRows(String conversation, long seq, String senderKey, List<String> mentions) throws SQLException {
        for (String mentioned : mentions) {
            String key = Names.key(mentioned);
            if (!key.equals(senderKey)) {
                updateCached("INSERT INTO mentions(user_key, conv, seq) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                        key, conversation, seq);
            }
        }
    }

    /** Takes the lock on a conversation's seq counter now (creating the counter at 0 when it has none). */
    void lockSeqCounter(String conversation) throws SQLException {
        updateCached("INSERT INTO conv_seqs(conv, seq) VALUES (?, 0)"
                + " ON CONFLICT (conv) DO UPDATE SET seq = conv_seqs.seq", conversation);
    }

    private long nextSeq(String conversation) throws SQLException {
        PreparedStatement st = cache.prepared(connection, "INSERT INTO conv_seqs(conv, seq) VALUES (?, 1)"
                + " ON CONFLICT (conv) DO UPDATE SET seq = conv_seqs.seq + 1 RETURNING seq");
        st.setString(1, conversation);
        try (ResultSet rs = st.executeQuery()) {
            if (!rs.next()) {
                throw new StoreException("no seq returned for " + conversation);
            }
            return rs.getLong(1);
        }
    }

    private StoredMessage findByCid(String conversation, String senderKey, String cid) throws SQLException {
        PreparedStatement st = cache.prepared(connection, "SELECT " + MessageColumns.SELECT
                + " FROM messages m WHERE m.conv = ? AND m.sender_key = ? AND m.cid = ?");
        st.setString(1, conversation);
        st.setString(2, senderKey);
        st.setString(3, cid);
        try (ResultSet rs = st.executeQuery()) {
            return rs.next() ? MessageColumns.read(rs) : null;
        }
    }

    /** Moves a conversation's seq counter to another key (its messages moved there), or drops it ({@code to} null). */
    void moveConversation(String from, String to) throws SQLException {
        if (to == null) {
            update("DELETE FROM conv_seqs WHERE conv = ?", from);
            // a new room of the same name starts empty: nothing read, nothing mentioned
            update("DELETE FROM read_markers WHERE conv = ?", from);
            update("DELETE FROM mentions WHERE conv = ?", from);
            update("DELETE FROM direct_peers WHERE conv = ?", from);
            update("DELETE FROM deleted_messages WHERE conv = ?", from);
        } else {
            update("UPDATE conv_seqs SET conv = ? WHERE conv = ?", to, from);
            update("UPDATE read_markers SET conv = ? WHERE conv = ?", to, from);
            update("UPDATE mentions SET conv = ? WHERE conv = ?", to, from);
            update("UPDATE direct_peers SET conv = ? WHERE conv = ?", to, from);
            update("UPDATE deleted_messages SET conv = ? WHERE conv = ?", to, from);
        }
    }

    // Each operation runs in a savepoint: its appends count only if it succeeds.

    void savepoint() throws SQLException {
        opMessages = 0;
        cache.plain(connection).execute("SAVEPOINT op");
    }

    void releaseSavepoint() throws SQLException {
        cache.plain(connection).execute("RELEASE op");
    }

    void rollbackToSavepoint() throws SQLException {
        Statement st = cache.plain(connection);
        st.execute("ROLLBACK TO op");
        st.execute("RELEASE op");
        newMessages.subList(newMessages.size() - opMessages, newMessages.size()).clear();
    }

    /** Messages stored by this transaction, in the order they were stored. */
    List<StoredMessage> newMessages() {
        return newMessages;
    }
}
