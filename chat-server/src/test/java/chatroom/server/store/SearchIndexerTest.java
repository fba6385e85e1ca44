package chatroom.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The indexer on its own: when it indexes, and what, over two real SQLite files. */
class SearchIndexerTest {

    private static final long NEVER_IDLE_MS = Duration.ofHours(1).toMillis();

    @TempDir
    Path dir;
    private Connection messages;
    private Connection index;
    private SearchIndexer indexer;

    @BeforeEach
    void createFiles() throws Exception {
        messages = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("chat.db"));
        try (Statement st = messages.createStatement()) {
            st.execute("PRAGMA journal_mode = WAL");
            st.execute("CREATE TABLE messages (search_rowid INTEGER, text TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0)");
        }
        index = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("search.db"));
        try (Statement st = index.createStatement()) {
            st.execute("PRAGMA journal_mode = WAL");
            SearchIndexer.createTable(st, "main");
        }
    }

    @AfterEach
    void close() throws Exception {
        if (indexer != null) {
            indexer.close();
        }
        index.close();
        messages.close();
    }

    @Test
    void fewerRowsThanASegment_waitForTheWriterToBeIdle_butASegmentsWorthIsIndexedAtOnce() throws Exception {
        indexer = new SearchIndexer(index, readOnly(), 0, NEVER_IDLE_MS);
        store(1, SearchIndexer.SEGMENT_ROWS - 1);
        indexer.committed(SearchIndexer.SEGMENT_ROWS - 1);
        assertThat(indexed()).as("a writer that is never idle, less than a segment").isZero();

        store(SearchIndexer.SEGMENT_ROWS, SearchIndexer.SEGMENT_ROWS);
        indexer.committed(SearchIndexer.SEGMENT_ROWS);
        Awaitility.await("a segment's worth indexed without an idle writer").atMost(Duration.ofSeconds(10))
                .until(() -> indexed() == SearchIndexer.SEGMENT_ROWS);
        assertThat(segments()).isEqualTo(1);
    }

    @Test
    void atStart_catchesUpWithEveryLiveRow_inSeveralCommits_skippingTheDeletedAndTheGaps() throws Exception {
        int rows = SearchIndexer.MAX_ROWS_PER_COMMIT + 100;
        store(1, rows);
        try (Statement st = messages.createStatement()) {
            st.execute("UPDATE messages SET deleted = 1, text = '' WHERE search_rowid = 7");
            st.execute("DELETE FROM messages WHERE search_rowid = 8"); // a number a rolled-back write left unused
        }
        indexer = new SearchIndexer(index, readOnly(), 0, NEVER_IDLE_MS);

        Awaitility.await("every live row indexed").atMost(Duration.ofSeconds(20)).until(() -> indexed() == rows - 2);
        assertThat(segments()).as("one per commit").isEqualTo(2);
        assertThat(rowsHoldingTheTrigramsOf("n000006")).contains(6L);
        assertThat(rowsHoldingTheTrigramsOf("n000007")).isNotEmpty().doesNotContain(7L);
    }

    private Connection readOnly() throws Exception {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("chat.db"));
        try (Statement st = connection.createStatement()) {
            st.execute("PRAGMA query_only = ON");
        }
        return connection;
    }

    private void store(int first, int last) throws Exception {
        messages.setAutoCommit(false);
        try (PreparedStatement insert = messages.prepareStatement("INSERT INTO messages(search_rowid, text) VALUES (?, ?)")) {
            for (int row = first; row <= last; row++) {
                insert.setInt(1, row);
                insert.setString(2, String.format("消息 n%06d", row));
                insert.executeUpdate();
            }
        }
        messages.commit();
        messages.setAutoCommit(true);
    }

    private int indexed() throws Exception {
        return count("SELECT count(*) FROM message_search");
    }

    private int segments() throws Exception {
        return count("SELECT count(DISTINCT segid) FROM message_search_idx");
    }

    /** The rows the index holds under every trigram of {@code text} (a search then checks each one's text). */
    private List<Long> rowsHoldingTheTrigramsOf(String text) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("search.db"));
             PreparedStatement st = connection.prepareStatement("SELECT rowid FROM message_search WHERE message_search MATCH ?")) {
            st.setString(1, Fts5SearchIndex.trigramsOf(text));
            List<Long> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getLong(1));
                }
            }
            return rows;
        }
    }

    private int count(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("search.db"));
             Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
