package chatroom.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Stores new messages, inside the write transaction of the writer thread: the seq from the
 * conversation's counter ({@link SeqCounters}), the resent-cid check, the search index entry, the
 * direct conversation's listing for both users and the mention rows, all in the transaction that
 * stores the message. The hot path of the server: every statement here is a kept one.
 */
final class MessageAppends {

    private MessageAppends() {
    }

    /**
     * Stores a message with the next seq of its conversation, or finds the original of a resent cid.
     * The unique cid index decides a race between two servers: the loser's insert does nothing, it
     * gives its seq back and answers with the winner's message.
     */
    static AppendResult append(WriteTransaction tx, NewMessage message) throws SQLException {
        String conversation = message.conversation().key();
        String senderKey = Names.key(message.from());
        if (message.cid() != null) {
            StoredMessage original = findByCid(tx, conversation, senderKey, message.cid());
            if (original != null) {
                return new AppendResult(original, true);
            }
        }
        long seq = tx.seqs().next(tx, conversation);
        Long searchRow = tx.search().add(tx, message.text());
        int inserted = tx.updateCached("INSERT INTO messages(conv, seq, ts, sender, sender_key, recipient, text, cid,"
                        + " mentions, search_rowid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                conversation, seq, message.ts(), message.from(), senderKey, message.to(), message.text(), message.cid(),
                MessageColumns.joinMentions(message.mentions()), searchRow);
        if (inserted == 0) {
            tx.search().remove(tx, searchRow);
            tx.seqs().giveBack(tx, conversation);
            StoredMessage original = message.cid() == null ? null
                    : findByCid(tx, conversation, senderKey, message.cid());
            if (original == null) {
                throw new StoreException("seq " + seq + " of " + conversation + " is taken: conv_seqs is behind messages");
            }
            return new AppendResult(original, true);
        }
        if (message.to() != null) {
            rememberDirect(tx, conversation, senderKey, message.from(), Names.key(message.to()), message.to());
        }
        addMentionRows(tx, conversation, seq, senderKey, message.mentions());
        StoredMessage stored = new StoredMessage(message.conversation(), seq, message.ts(), message.from(),
                message.to(), message.text(), message.cid(), message.mentions(), null, false);
        tx.announce(stored);
        return new AppendResult(stored, false);
    }

    /** One row per mentioned member but the sender: {@code conversations} counts them by index range. */
    static void addMentionRows(WriteTransaction tx, String conversation, long seq, String senderKey,
                               List<String> mentions) throws SQLException {
        for (String mentioned : mentions) {
            String key = Names.key(mentioned);
            if (!key.equals(senderKey)) {
                tx.updateCached("INSERT INTO mentions(user_key, conv, seq) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                        key, conversation, seq);
            }
        }
    }

    /** Lists a direct conversation for both of its users, naming the other party explicitly (keys are opaque). */
    private static void rememberDirect(WriteTransaction tx, String conversation, String fromKey, String from,
                                       String toKey, String to) throws SQLException {
        String sql = "INSERT INTO direct_peers(user_key, conv, peer_key, peer) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING";
        tx.updateCached(sql, fromKey, conversation, toKey, to);
        tx.updateCached(sql, toKey, conversation, fromKey, from);
    }

    private static StoredMessage findByCid(WriteTransaction tx, String conversation, String senderKey, String cid)
            throws SQLException {
        PreparedStatement st = tx.prepareCached("SELECT " + MessageColumns.SELECT
                + " FROM messages m WHERE m.conv = ? AND m.sender_key = ? AND m.cid = ?");
        st.setString(1, conversation);
        st.setString(2, senderKey);
        st.setString(3, cid);
        try (ResultSet rs = st.executeQuery()) {
            return rs.next() ? MessageColumns.read(rs) : null;
        }
    }
}
