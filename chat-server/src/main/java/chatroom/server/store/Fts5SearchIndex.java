package chatroom.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * SQLite's search: an FTS5 trigram table in {@code search.db} (attached as {@code search}) whose
 * rowid each message keeps in {@code messages.search_rowid}. The table keeps rowids only (no copy of
 * the texts, no positions: {@link SearchIndexer#TABLE_OPTIONS}), so it finds the messages holding
 * every trigram of a query, and {@link SearchContains} then keeps those whose text holds the query
 * itself.
 *
 * <p>The writer numbers each new text (in commit order, so the index's order is newest first) and
 * the {@link SearchIndexer} inserts it later, on its own thread; a search also reads the messages
 * past the index's highest row. An edit or a delete changes the index in the writer's transaction
 * and is written down in {@code search_changes} in {@code chat.db}: were the process to die between
 * the two files' commits, the next start puts those rows right ({@link #repair}).
 *
 * <p>Threading: {@link #add}, {@link #remove}, {@link #replace} and {@link #afterCommit} run on the
 * writer thread, which owns the numbering.
 */
final class Fts5SearchIndex implements SearchIndex {

    /**
     * The most trigrams of a query looked up in the index (a query may be 4000 characters long);
     * more would only narrow what the text check reads anyway.
     */
    static final int MAX_TRIGRAMS = 32;

    /**
     * The most trigrams a query of two characters may begin to be looked up in the index: each costs
     * about 35 µs (5000 took 170 ms, docs/benchmarks.md, round twenty). A pair that begins more is
     * common enough to be found among the newest messages, which are read instead.
     */
    static final int MAX_SHORT_TERMS = 256;

    /** The last code point: a string of two characters and any more sorts below them followed by it. */
    private static final String HIGHEST = new String(Character.toChars(Character.MAX_CODE_POINT));

    private final SearchIndexer indexer;
    /**
     * The last row number given out, read at the first append (not at start-up, which must not read
     * the messages); a rolled-back transaction leaves a gap, which costs nothing. A deleted message
     * keeps its number, so the highest stays readable.
     */
    private long lastRow = -1;

    Fts5SearchIndex(SearchIndexer indexer) {
        this.indexer = indexer;
    }

    /**
     * Puts right the index rows of the edits and deletes written down in {@code search_changes}, then
     * forgets them: first the index (its own commit), then the list, so that a crash between the two
     * only does it again. Rows past the index's highest are left to the indexer. Runs at start-up, on
     * the writer's connection (auto-commit on), before any write.
     */
    static void repair(Connection writer) throws SQLException {
        List<Long> rows = new ArrayList<>();
        long highest = SearchIndexer.highestRow(writer, "search");
        try (Statement st = writer.createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT row FROM search_changes")) {
            while (rs.next()) {
                rows.add(rs.getLong(1));
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        writer.setAutoCommit(false);
        try (PreparedStatement delete = writer.prepareStatement("DELETE FROM search.message_search WHERE rowid = ?");
             PreparedStatement insert = writer.prepareStatement("INSERT INTO search.message_search(rowid, text)"
                     + " SELECT search_rowid, text || ? FROM messages WHERE search_rowid = ? AND deleted = 0")) {
            for (long row : rows) {
                if (row > highest) {
                    continue;
                }
                delete.setLong(1, row);
                delete.executeUpdate();
                insert.setString(1, SearchIndexer.TEXT_END);
                insert.setLong(2, row);
                insert.executeUpdate();
            }
            writer.commit();
            try (Statement st = writer.createStatement()) {
                st.executeUpdate("DELETE FROM search_changes");
            }
            writer.commit();
        } catch (SQLException e) {
            writer.rollback();
            throw e;
        } finally {
            writer.setAutoCommit(true);
        }
    }

    @Override
    public Long add(WriteTransaction tx, String text) throws SQLException {
        if (lastRow < 0) {
            Long highest = tx.queryLong("SELECT max(search_rowid) FROM messages");
            lastRow = highest == null ? 0 : highest;
        }
        return ++lastRow;
    }

    @Override
    public void remove(WriteTransaction tx, Long row) throws SQLException {
        if (row != null) {
            tx.updateCached("INSERT INTO search_changes(row) VALUES (?)", row);
            tx.updateCached("DELETE FROM search.message_search WHERE rowid = ?", row);
        }
    }

    @Override
    public void replace(WriteTransaction tx, Long row, String text) throws SQLException {
        if (row != null) {
            tx.updateCached("INSERT INTO search_changes(row) VALUES (?)", row);
            // nothing when the row is not indexed yet: the indexer reads the message's text as it is then
            tx.updateCached("UPDATE search.message_search SET text = ? WHERE rowid = ?", SearchIndexer.indexedText(text),
                    row);
        }
    }

    @Override
    public void afterCommit() {
        if (lastRow >= 0) {
            indexer.committed(lastRow);
        }
    }

    @Override
    public String matching() {
        return " FROM search.message_search s JOIN messages m ON m.search_rowid = s.rowid"
                + " WHERE s.message_search MATCH ? AND " + SearchContains.NAME + "(m.text, ?)";
    }

    @Override
    public List<Object> matchArguments(String query) {
        return List.of(trigramsOf(query), SearchContains.fold(query));
    }

    /**
     * Every text is indexed with {@link SearchIndexer#TEXT_END}, so a text holds two characters if and
     * only if one of its trigrams begins with them: the rows holding any of the index's terms that
     * begin with the query, then the text check. Null when more than {@link #MAX_SHORT_TERMS} do.
     */
    @Override
    public List<Object> shortMatchArguments(Connection reader, String query) throws SQLException {
        if (query.codePointCount(0, query.length()) != MIN_INDEXED_LENGTH - 1) {
            return null;
        }
        String folded = SearchContains.fold(query);
        StringJoiner anyOf = new StringJoiner(" OR ");
        int terms = 0;
        try (PreparedStatement st = reader.prepareStatement("SELECT term FROM search." + SearchIndexer.TERMS
                + " WHERE term >= ? AND term < ? LIMIT ?")) {
            st.setString(1, folded);
            st.setString(2, folded + HIGHEST);
            st.setInt(3, MAX_SHORT_TERMS + 1);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (++terms > MAX_SHORT_TERMS) {
                        return null;
                    }
                    anyOf.add(quoted(rs.getString(1)));
                }
            }
        }
        // no term begins with it, so no indexed text holds it (only the newest, not indexed yet, may):
        // three line ends, a term at most a text ending in blank lines has, which the text check turns down
        String match = terms == 0 ? quoted(SearchIndexer.TEXT_END.repeat(3)) : anyOf.toString();
        return List.of(match, folded);
    }

    private static String quoted(String term) {
        return '"' + term.replace("\"", "\"\"") + '"';
    }

    /**
     * An FTS5 query for the rows holding every trigram of {@code query} (or {@link #MAX_TRIGRAMS} of
     * them, spread over it), each a quoted string. Without positions in the index a phrase cannot
     * be asked for; the text check after it tells a substring from the same trigrams elsewhere.
     */
    static String trigramsOf(String query) {
        int[] codePoints = query.codePoints().toArray();
        Set<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i + 3 <= codePoints.length; i++) {
            distinct.add(new String(codePoints, i, 3));
        }
        List<String> trigrams = new ArrayList<>(distinct);
        int count = Math.min(trigrams.size(), MAX_TRIGRAMS);
        StringJoiner match = new StringJoiner(" AND ");
        for (int k = 0; k < count; k++) {
            String trigram = trigrams.get(k * trigrams.size() / count);
            match.add(quoted(trigram));
        }
        return match.toString();
    }

    @Override
    public String unindexed() {
        return " FROM messages m WHERE m.search_rowid > coalesce((" + SearchIndexer.highestRowQuery("search")
                + "), 0) AND " + SearchContains.NAME + "(m.text, ?)";
    }

    @Override
    public String unindexedArgument(String query) {
        return SearchContains.fold(query);
    }

    @Override
    public String like() {
        return "LIKE";
    }

    /**
     * Index rows are numbered as messages are stored, so the index's own order is newest first;
     * FTS5 walks a match in rowid order, and the query stops at its limit instead of sorting.
     */
    @Override
    public String newestFirst() {
        return " ORDER BY s.rowid DESC";
    }
}
