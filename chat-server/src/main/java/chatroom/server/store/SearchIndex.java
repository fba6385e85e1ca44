package chatroom.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * How a database finds message texts by substring. SQLite keeps an FTS5 table with the trigram
 * tokenizer in a file of its own, filled a little after the messages' commits and read together with
 * the messages not in it yet ({@link Fts5SearchIndex}); PostgreSQL indexes {@code messages.text}
 * itself with pg_trgm ({@link #PG_TRGM}), so it has nothing to keep in step.
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

    /** After each commit of the writer, on its thread. */
    default void afterCommit() {
    }

    /**
     * The {@code FROM ... WHERE} start of a query for a text of at least {@link #MIN_INDEXED_LENGTH}
     * code points, with the parameters {@link #matchArguments} gives; messages are {@code m}.
     */
    String matching();

    List<Object> matchArguments(String query);

    /**
     * The parameters of {@link #matching} for a query shorter than {@link #MIN_INDEXED_LENGTH}, read
     * through {@code reader}; null when the index cannot answer it (a bounded window is read instead).
     */
    default List<Object> shortMatchArguments(Connection reader, String query) throws SQLException {
        return null;
    }

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
        public List<Object> matchArguments(String query) {
            return List.of("%" + escapeLike(query) + "%");
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
