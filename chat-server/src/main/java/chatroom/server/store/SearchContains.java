package chatroom.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.Function;

/**
 * The SQL function {@code search_contains(text, folded)}: whether a message text contains a query,
 * ignoring case as the trigram index does. It matches the messages past the index's highest row
 * ({@link SearchIndexer}), a few hundred at most, so that a search finds the same there as in the
 * index. SQLite's own LIKE folds ASCII only: {@code ПРИВЕТ} would not find {@code привет}.
 */
final class SearchContains extends Function {

    static final String NAME = "search_contains";

    /** Makes the function known to a connection that searches; one instance per connection. */
    static void register(Connection connection) throws SQLException {
        Function.create(connection, NAME, new SearchContains(), 2, Function.FLAG_DETERMINISTIC);
    }

    /** A text folded as FTS5's trigram tokenizer folds it (case_sensitive 0): each code point to lower case. */
    static String fold(String text) {
        StringBuilder folded = new StringBuilder(text.length());
        text.codePoints().map(Character::toLowerCase).forEach(folded::appendCodePoint);
        return folded.toString();
    }

    @Override
    protected void xFunc() throws SQLException {
        String text = value_text(0);
        String folded = value_text(1);
        result(text != null && folded != null && fold(text).contains(folded) ? 1 : 0);
    }
}
