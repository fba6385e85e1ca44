package chatroom.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The reads of protocol section 10: a user's conversation list with unread and mention counts, and
 * search. Neither scans a conversation's history:
 * <ul>
 *   <li>{@code unread} = latest seq - read marker - the user's own messages after the marker - the
 *   others' deleted messages after it. The latest seq is the conversation's counter row; the other
 *   two are counts over index ranges ({@code messages_by_sender}, the primary key of
 *   {@code deleted_messages}) that hold only the user's own messages and the deleted ones, never
 *   the whole history;</li>
 *   <li>{@code mentions} is an index range of the user's mention rows after the marker;</li>
 *   <li>the list itself is the user's memberships ({@code memberships_by_user}) plus its
 *   {@code direct_peers} rows, each with its
 *   counter row and latest message looked up by primary key; only the page returned is counted.</li>
 * </ul>
 */
final class ConversationQueries {

    private static final String SCOPE_OF_USER = "SELECT 'r:' || room_key AS conv FROM memberships WHERE user_key = ?"
            + " UNION ALL SELECT conv FROM direct_peers WHERE user_key = ?";

    private ConversationQueries() {
    }

    static ConversationPage conversations(Connection connection, String userKey, int limit) throws SQLException {
        List<ConversationSummary> page = new ArrayList<>();
        boolean more = false;
        String lastTs = "(SELECT m.ts FROM messages m WHERE m.conv = cs.conv AND m.seq = cs.seq)";
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT 'r:' || r.name_key, r.name, NULL, coalesce(cs.seq, 0), coalesce(" + lastTs + ", r.created)"
                        + " FROM memberships mb JOIN rooms r ON r.name_key = mb.room_key"
                        + " LEFT JOIN conv_seqs cs ON cs.conv = 'r:' || r.name_key WHERE mb.user_key = ?"
                        + " UNION ALL SELECT dp.conv, NULL, dp.peer, coalesce(cs.seq, 0), coalesce(" + lastTs + ", 0)"
                        + " FROM direct_peers dp LEFT JOIN conv_seqs cs ON cs.conv = dp.conv WHERE dp.user_key = ?"
                        + " ORDER BY 5 DESC, 4 DESC LIMIT ?")) {
            st.setString(1, userKey);
            st.setString(2, userKey);
            st.setInt(3, limit + 1);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (page.size() == limit) {
                        more = true;
                        break;
                    }
                    page.add(new ConversationSummary(new Conversation(rs.getString(1)), rs.getString(2),
                            rs.getString(3), rs.getLong(4), 0, 0, 0, null));
                }
            }
        }
        return new ConversationPage(counted(connection, userKey, page), more);
    }

    /** Fills in the marker, counts and latest message of each listed conversation. */
    private static List<ConversationSummary> counted(Connection connection, String userKey,
                                                     List<ConversationSummary> page) throws SQLException {
        List<ConversationSummary> counted = new ArrayList<>(page.size());
        try (PreparedStatement marker = connection.prepareStatement(
                "SELECT seq FROM read_markers WHERE user_key = ? AND conv = ?");
             PreparedStatement own = connection.prepareStatement(
                     "SELECT count(*) FROM messages WHERE sender_key = ? AND conv = ? AND seq > ?");
             PreparedStatement deleted = connection.prepareStatement(
                     "SELECT count(*) FROM deleted_messages WHERE conv = ? AND seq > ? AND sender_key <> ?");
             PreparedStatement mentions = connection.prepareStatement(
                     "SELECT count(*) FROM mentions WHERE user_key = ? AND conv = ? AND seq > ?");
             PreparedStatement last = connection.prepareStatement(
                     "SELECT " + MessageColumns.SELECT + " FROM messages m WHERE m.conv = ? AND m.seq = ?")) {
            for (ConversationSummary entry : page) {
                String conv = entry.conversation().key();
                long read = Math.min(entry.seq(), longOf(marker, userKey, conv));
                long unread = entry.seq() - read - longOf(own, userKey, conv, read)
                        - longOf(deleted, conv, read, userKey);
                long mentioned = longOf(mentions, userKey, conv, read);
                StoredMessage latest = null;
                if (entry.seq() > 0) {
                    last.setString(1, conv);
                    last.setLong(2, entry.seq());
                    try (ResultSet rs = last.executeQuery()) {
                        latest = rs.next() ? MessageColumns.read(rs) : null;
                    }
                }
                counted.add(new ConversationSummary(entry.conversation(), entry.room(), entry.peer(), entry.seq(),
                        read, Math.max(0, unread), mentioned, latest));
            }
        }
        return counted;
    }

    /** A count or value of a one-row query, 0 when there is no row. */
    private static long longOf(PreparedStatement st, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            st.setObject(i + 1, args[i]);
        }
        try (ResultSet rs = st.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /**
     * Messages matching a search, newest first, at most {@code limit + 1} (the caller tells
     * {@code more} from the extra one).
     */
    static List<StoredMessage> search(Connection connection, SearchIndex index, SearchQuery query)
            throws SQLException {
        if (!shorterThanATrigram(query)) {
            SqlStatement search = searchStatement(index, query);
            return hits(connection, search.sql(), search.args());
        }
        // the index's terms and its rows from one snapshot: a row indexed between the two reads could hold
        // a term not listed, and be past neither the listed terms nor the index's highest row
        connection.setAutoCommit(false);
        try {
            SqlStatement search = searchStatement(index, query, index.shortMatchArguments(connection, query.text()));
            return hits(connection, search.sql(), search.args());
        } finally {
            connection.setAutoCommit(true); // ends the read transaction
        }
    }

    /** A statement's SQL and its parameters. */
    record SqlStatement(String sql, List<Object> args) {
    }

    /** The statement {@link #search} runs for a query the index answers by its trigrams. */
    static SqlStatement searchStatement(SearchIndex index, SearchQuery query) {
        return searchStatement(index, query, null);
    }

    /**
     * The statement {@link #search} runs; {@code shortMatch}: what the index gave for a query shorter
     * than a trigram ({@link SearchIndex#shortMatchArguments}), or null.
     */
    static SqlStatement searchStatement(SearchIndex index, SearchQuery query, List<Object> shortMatch) {
        List<Object> args = new ArrayList<>();
        String scope = query.scope() != null ? "SELECT ? AS conv" : SCOPE_OF_USER;
        StringBuilder sql = new StringBuilder();
        if (shorterThanATrigram(query)) {
            if (shortMatch != null) {
                appendIndexedAndUnindexed(sql, args, index, shortMatch, query, scope);
            } else {
                appendShortQuery(sql, args, index, query, scope);
            }
        } else if (index.unindexed() == null) {
            appendArm(sql, args, index.matching(), index.matchArguments(query.text()), index.newestFirst(), null,
                    "m.conv", query, scope);
        } else {
            appendIndexedAndUnindexed(sql, args, index, index.matchArguments(query.text()), query, scope);
        }
        return new SqlStatement(sql.toString(), args);
    }

    private static boolean shorterThanATrigram(SearchQuery query) {
        return query.text().codePointCount(0, query.text().length()) < SearchIndex.MIN_INDEXED_LENGTH;
    }

    /** No trigram in the query: a LIKE over the newest messages of each conversation, no further. */
    private static void appendShortQuery(StringBuilder sql, List<Object> args, SearchIndex index, SearchQuery query,
                                         String scope) {
        sql.append("SELECT ").append(MessageColumns.SELECT)
                .append(" FROM (").append(scope).append(") sc JOIN conv_seqs cs ON cs.conv = sc.conv")
                .append(" JOIN messages m ON m.conv = cs.conv AND m.seq > cs.seq - ?")
                .append(" WHERE m.text ").append(index.like()).append(" ? ESCAPE '\\' AND m.deleted = 0");
        addScopeArguments(args, query);
        args.add(query.shortQueryWindow());
        args.add("%" + SearchIndex.escapeLike(query.text()) + "%");
        appendBefore(sql, args, query);
        sql.append(" ORDER BY m.ts DESC, m.seq DESC LIMIT ?");
        args.add(query.limit() + 1);
    }

    /**
     * The messages past the index's highest row (the newest, not indexed yet), then the index's, in
     * one statement so that both are read from one snapshot: a row the writer indexes meanwhile is
     * found once, in one or the other.
     */
    private static void appendIndexedAndUnindexed(StringBuilder sql, List<Object> args, SearchIndex index,
                                                  List<Object> matchArguments, SearchQuery query, String scope) {
        sql.append("SELECT * FROM (");
        // "+m.conv": SQLite would otherwise walk every message of every conversation in scope by primary
        // key (160 ms for a user in rooms of a million messages) instead of the few hundred past the index
        appendArm(sql, args, index.unindexed(), List.of(index.unindexedArgument(query.text())), " ORDER BY m.search_rowid DESC",
                "m.search_rowid", "+m.conv", query, scope);
        sql.append(") UNION ALL SELECT * FROM (");
        appendArm(sql, args, index.matching(), matchArguments, index.newestFirst(), "s.rowid", "m.conv", query, scope);
        sql.append(") ORDER BY k DESC LIMIT ?");
        args.add(query.limit() + 1);
    }

    /**
     * One source of hits, newest first; {@code row}, when given, is selected as {@code k} to merge two
     * sources by; {@code conversation} is the column tested against the scope.
     */
    private static void appendArm(StringBuilder sql, List<Object> args, String from, List<Object> fromArguments,
                                  String newestFirst, String row, String conversation, SearchQuery query,
                                  String scope) {
        sql.append("SELECT ").append(MessageColumns.SELECT);
        if (row != null) {
            sql.append(", ").append(row).append(" AS k");
        }
        sql.append(from).append(" AND ").append(conversation).append(" IN (").append(scope).append(") AND m.deleted = 0");
        args.addAll(fromArguments);
        addScopeArguments(args, query);
        appendBefore(sql, args, query);
        sql.append(newestFirst).append(" LIMIT ?");
        args.add(query.limit() + 1);
    }

    private static void appendBefore(StringBuilder sql, List<Object> args, SearchQuery query) {
        if (query.before() != null) {
            sql.append(" AND m.ts < ?");
            args.add(query.before());
        }
    }

    private static List<StoredMessage> hits(Connection connection, String sql, List<Object> args) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                st.setObject(i + 1, args.get(i));
            }
            List<StoredMessage> hits = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    hits.add(MessageColumns.read(rs));
                }
            }
            return hits;
        }
    }

    private static void addScopeArguments(List<Object> args, SearchQuery query) {
        if (query.scope() != null) {
            args.add(query.scope().key());
        } else {
            args.add(query.userKey());
            args.add(query.userKey());
        }
    }
}
