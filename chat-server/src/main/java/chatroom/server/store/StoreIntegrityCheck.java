package chatroom.server.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The full check of the embedded database ({@code PRAGMA integrity_check}): every page, every index
 * against its table. It reads the whole file, so it is not part of start-up (which would then grow
 * with the store); an operator runs it on demand ({@code chat-server check}), for example after a
 * disk error or before a backup. It opens the file read-only, so it can run next to a running server
 * (WAL gives it a consistent snapshot) and never creates or migrates anything.
 */
public final class StoreIntegrityCheck {

    /** SQLite stops listing problems after this many; enough to tell "one page" from "everything". */
    private static final int MAX_PROBLEMS = 100;

    private StoreIntegrityCheck() {
    }

    /**
     * What the check found.
     *
     * @param problems SQLite's descriptions of what is wrong; empty when the database is sound
     */
    public record Result(Path file, List<String> problems) {

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /**
     * Checks {@code chat.db} in {@code dataDir}.
     *
     * @throws StoreException when there is no database there or it cannot be opened at all
     */
    public static Result check(Path dataDir) {
        Path file = dataDir.resolve("chat.db").toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            throw new StoreException("no database at " + file);
        }
        return checkFile(file);
    }

    /**
     * Checks the search index ({@code search.db}) in {@code dataDir}, when there is one. A damaged
     * index holds nothing the messages do not: removing it makes the next start build it again.
     */
    public static Optional<Result> checkSearchIndex(Path dataDir) {
        Path file = dataDir.resolve("search.db").toAbsolutePath();
        return Files.isRegularFile(file) ? Optional.of(checkFile(file)) : Optional.empty();
    }

    private static Result checkFile(Path file) {
        Properties readOnly = new Properties();
        readOnly.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY: never create or change the file
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file, readOnly);
             Statement st = connection.createStatement()) {
            st.execute("PRAGMA busy_timeout = 5000");
            List<String> problems = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("PRAGMA integrity_check(" + MAX_PROBLEMS + ")")) {
                while (rs.next()) {
                    String line = rs.getString(1);
                    if (!"ok".equals(line)) {
                        problems.add(line);
                    }
                }
            }
            return new Result(file, List.copyOf(problems));
        } catch (SQLException e) {
            // a file so damaged that SQLite cannot even read its header or schema
            return new Result(file, List.of(e.getMessage()));
        }
    }
}
