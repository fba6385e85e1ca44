package chatroom.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One batch of writes on the writer thread: helpers for statements, and the bookkeeping of
 * message appends (the next seq per conversation, cids seen in this batch, the new messages to
 * announce). Seqs it hands out become the committed ones only through {@link #committed()}.
 */
final class WriteTransaction {

    private final Connection connection;
    private final Map<String, Long> committedSeqs;
    private final Map<String, Long> batchSeqs = new HashMap<>();
    private final Map<String, StoredMessage> batchCids = new HashMap<>();
    private final List<StoredMessage> newMessages = new ArrayList<>();
    private Map<String, Long> opSeqs;
    private List<String> opCids;
    private int opMessages;

    WriteTransaction(Connection connection, Map<String, Long> committedSeqs) {
        this.connection = connection;
        this.committedSeqs = committedSeqs;
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

    /** Stores a message with the next seq of its conversation, or finds the original of a resent cid. */
    AppendResult append(NewMessage message) throws SQLException {
        String conversation = message.conversation().key();
        String senderKey = Names.key(message.from());
        String cidKey = message.cid() == null ? null : conversation + '\u0000' + senderKey + '\u0000' + message.cid();
        if (cidKey != null) {
            StoredMessage original = batchCids.get(cidKey);
            if (original == null) {
                original = findByCid(conversation, senderKey, message.cid());
            }
            if (original != null) {
                return new AppendResult(original, true);
            }
        }
        long seq = currentSeq(conversation) + 1;
        update("INSERT INTO messages(conv, seq, ts, sender, sender_key, recipient, text, cid)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", conversation, seq, message.ts(), message.from(), senderKey,
                message.to(), message.text(), message.cid());
        StoredMessage stored = new StoredMessage(message.conversation(), seq, message.ts(), message.from(),
                message.to(), message.text(), message.cid());
        opSeqs.put(conversation, seq);
        if (cidKey != null) {
            opCids.add(cidKey);
            batchCids.put(cidKey, stored);
        }
        newMessages.add(stored);
        opMessages++;
        return new AppendResult(stored, false);
    }

    private StoredMessage findByCid(String conversation, String senderKey, String cid) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT conv, seq, ts, sender, recipient, text, cid"
                + " FROM messages WHERE conv = ? AND sender_key = ? AND cid = ?")) {
            st.setString(1, conversation);
            st.setString(2, senderKey);
            st.setString(3, cid);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? JdbcChatStore.storedMessage(rs) : null;
            }
        }
    }

    private long currentSeq(String conversation) throws SQLException {
        Long seq = opSeqs.get(conversation);
        if (seq == null) {
            seq = batchSeqs.get(conversation);
        }
        if (seq == null) {
            seq = committedSeqs.get(conversation);
        }
        if (seq == null) {
            try (PreparedStatement st = connection.prepareStatement(
                    "SELECT coalesce(max(seq), 0) FROM messages WHERE conv = ?")) {
                st.setString(1, conversation);
                try (ResultSet rs = st.executeQuery()) {
                    seq = rs.next() ? rs.getLong(1) : 0L;
                }
            }
            committedSeqs.put(conversation, seq);
        }
        return seq;
    }

    // Each operation runs in a savepoint: its appends count only if it succeeds.

    void savepoint() throws SQLException {
        opSeqs = new HashMap<>();
        opCids = new ArrayList<>();
        opMessages = 0;
        try (Statement st = connection.createStatement()) {
            st.execute("SAVEPOINT op");
        }
    }

    void releaseSavepoint() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("RELEASE op");
        }
        batchSeqs.putAll(opSeqs);
    }

    void rollbackToSavepoint() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("ROLLBACK TO op");
            st.execute("RELEASE op");
        }
        opCids.forEach(batchCids::remove);
        newMessages.subList(newMessages.size() - opMessages, newMessages.size()).clear();
    }

    /** The transaction committed: its seqs are now the committed ones. */
    /** Drops what is known of a conversation's seq (its messages moved to another key). */
    void forgetConversation(String conversation) {
        committedSeqs.remove(conversation);
        batchSeqs.remove(conversation);
        if (opSeqs != null) {
            opSeqs.remove(conversation);
        }
    }

    void committed() {
        committedSeqs.putAll(batchSeqs);
    }

    /** Messages stored by this transaction, in the order they were stored. */
    List<StoredMessage> newMessages() {
        return newMessages;
    }
}
