package chatroom.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * The columns a {@link StoredMessage} is read from, in one place for every query that returns
 * messages. Mentions are kept as display names joined by a line feed, which no name may contain.
 */
final class MessageColumns {

    /** The select list, for a query whose messages table is {@code m}. */
    static final String SELECT = "m.conv, m.seq, m.ts, m.sender, m.recipient, m.text, m.cid, m.mentions, m.edited_ts,"
            + " m.deleted";

    private static final String SEPARATOR = "\n";

    private MessageColumns() {
    }

    /** The message of the current row of a query selecting {@link #SELECT}. */
    static StoredMessage read(ResultSet rs) throws SQLException {
        long editedTs = rs.getLong(9);
        Long edited = rs.wasNull() ? null : editedTs;
        boolean deleted = rs.getInt(10) != 0;
        return new StoredMessage(new Conversation(rs.getString(1)), rs.getLong(2), rs.getLong(3), rs.getString(4),
                rs.getString(5), deleted ? null : rs.getString(6), rs.getString(7), splitMentions(rs.getString(8)),
                edited, deleted);
    }

    static String joinMentions(List<String> mentions) {
        return mentions.isEmpty() ? null : String.join(SEPARATOR, mentions);
    }

    static List<String> splitMentions(String column) {
        return column == null || column.isEmpty() ? List.of() : Arrays.asList(column.split(SEPARATOR));
    }
}
