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
    private final List<StoredMessage> newMessages = new ArrayList<>();
    private int opMessages;

    WriteTransaction(Connection connection, StatementCache cache) {
        this.connection = connection;
        this.cache = cache;
    }

    /** Runs a kept statement of the append path. */
    private int updateCached(String sql, Object... args) throws SQLException {
        PreparedStatement st = cache.prepared(connection, sql);
        bind(st, args);
        return st.executeUpdate();
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

    /** The first column of the first row as a number, or null when there is no row. */
    Long queryLong(String sql, Object... args) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            bind(st, args);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
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
        int inserted = updateCached("INSERT INTO messages(conv, seq, ts, sender, sender_key, recipient, text, cid)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", conversation, seq, message.ts(),
                message.from(), senderKey, message.to(), message.text(), message.cid());
        if (inserted == 0) {
            updateCached("UPDATE conv_seqs SET seq = seq - 1 WHERE conv = ?", conversation);
            StoredMessage original = message.cid() == null ? null : findByCid(conversation, senderKey, message.cid());
            if (original == null) {
                throw new StoreException("seq " + seq + " of " + conversation + " is taken: conv_seqs is behind messages");
            }
            return new AppendResult(original, true);
        }
        StoredMessage stored = new StoredMessage(message.conversation(), seq, message.ts(), message.from(),
                message.to(), message.text(), message.cid());
        newMessages.add(stored);
        opMessages++;
        return new AppendResult(stored, false);
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
        PreparedStatement st = cache.prepared(connection, "SELECT conv, seq, ts, sender, recipient, text, cid"
                + " FROM messages WHERE conv = ? AND sender_key = ? AND cid = ?");
        st.setString(1, conversation);
        st.setString(2, senderKey);
        st.setString(3, cid);
        try (ResultSet rs = st.executeQuery()) {
            return rs.next() ? JdbcChatStore.storedMessage(rs) : null;
        }
    }

    /** Moves a conversation's seq counter to another key (its messages moved there), or drops it ({@code to} null). */
    void moveConversation(String from, String to) throws SQLException {
        if (to == null) {
            update("DELETE FROM conv_seqs WHERE conv = ?", from);
        } else {
            update("UPDATE conv_seqs SET conv = ? WHERE conv = ?", to, from);
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
