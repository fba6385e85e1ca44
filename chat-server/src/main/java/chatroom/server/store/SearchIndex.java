package chatroom.server.store;

import java.sql.SQLException;

/**
 * How a database finds message texts by substring, kept in step with the messages by the write
 * transaction that changes them. SQLite keeps an FTS5 table with the trigram tokenizer
 * ({@link #FTS5_TRIGRAM}); PostgreSQL indexes {@code messages.text} itself with pg_trgm
 * ({@link #PG_TRGM}), so it has nothing to keep in step.
 */
interface SearchIndex {

    /** The shortest query (in code points) an index can answer; shorter ones scan a bounded window. */
    int MIN_INDEXED_LENGTH = 3;

    /** Indexes a new text; returns the index row to keep in {@code messages.search_rowid} (null: none). */
    Long add(WriteTransaction tx, String text) throws SQLException;

    /** Forgets a text (the message was deleted, or its insert lost a race). */
    void remove(WriteTransaction tx, Long row) throws SQLException;

    /** Replaces an edited text. */
    void replace(WriteTransaction tx, Long row, String text) throws SQLException;

    /**
     * The {@code FROM ... WHERE} start of a query for a text of at least {@link #MIN_INDEXED_LENGTH}
     * code points, with one parameter (given by {@link #matchArgument}); messages are {@code m}.
     */
    String matching();

    String matchArgument(String query);

    /**
     * The {@code FROM ... WHERE} start of a query for the messages stored but not yet in the index,
     * with one parameter (given by {@link #unindexedArgument}); null when the index is always complete.
     */
    default String unindexed() {
        return null;
    }

    default String unindexedArgument(String query) {
        return query;
    }

    /** The case-insensitive LIKE operator of this database, for short queries. */
    String like();

    /**
     * The newest-first order of an indexed query. It must let the database stop at the limit:
     * sorting every match first costs minutes for a word found in a few hundred thousand messages.
     */
    default String newestFirst() {
        return " ORDER BY m.ts DESC, m.seq DESC";
    }

    /**
     * SQLite: an FTS5 table of texts whose rowid each message keeps; a phrase query finds substrings.
     * The writer's {@link SearchRows} numbers the rows and inserts them a few hundred at a time, so
     * a search also reads the messages past the index's highest row.
     */
    SearchIndex FTS5_TRIGRAM = new SearchIndex() {
        @Override
        public Long add(WriteTransaction tx, String text) throws SQLException {
            return tx.searchRows().add(tx, text);
        }

        @Override
        public void remove(WriteTransaction tx, Long row) throws SQLException {
            if (row != null) {
                tx.searchRows().remove(tx, row);
            }
        }

        @Override
        public void replace(WriteTransaction tx, Long row, String text) throws SQLException {
            if (row != null) {
                tx.searchRows().replace(tx, row, text);
            }
        }

        @Override
        public String matching() {
            return " FROM message_search s JOIN messages m ON m.search_rowid = s.rowid WHERE message_search MATCH ?";
        }

        @Override
        public String matchArgument(String query) {
            return '"' + query.replace("\"", "\"\"") + '"'; // one phrase: the trigrams in a row, a substring
        }

        @Override
        public String unindexed() {
            return " FROM messages m WHERE m.search_rowid > coalesce((SELECT rowid FROM message_search"
                    + " ORDER BY rowid DESC LIMIT 1), 0) AND " + SearchContains.NAME + "(m.text, ?)";
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
    };

    /** PostgreSQL: a pg_trgm GIN index on {@code messages.text} answers ILIKE '%...%' for 3 or more characters. */
    SearchIndex PG_TRGM = new SearchIndex() {
        @Override
        public Long add(WriteTransaction tx, String text) {
            return null;
        }

        @Override
        public void remove(WriteTransaction tx, Long row) {
        }

        @Override
        public void replace(WriteTransaction tx, Long row, String text) {
        }

        @Override
        public String matching() {
            return " FROM messages m WHERE m.text ILIKE ? ESCAPE '\\'";
        }

        @Override
        public String matchArgument(String query) {
            return "%" + escapeLike(query) + "%";
        }

        @Override
        public String like() {
            return "ILIKE";
        }
    };

    /** A LIKE pattern that matches {@code text} literally (escape character {@code \}). */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
