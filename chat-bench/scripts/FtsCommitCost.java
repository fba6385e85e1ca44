import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;

/**
 * What SQLite's FTS5 trigram index costs the writer per commit when commits are small (a paced
 * load: one or two messages per commit), measured as the store writes: WAL, synchronous=FULL, the
 * messages table with its search_rowid index, automerge 16.
 *
 * <pre>
 * java -cp ~/.m2/repository/org/xerial/sqlite-jdbc/VERSION/sqlite-jdbc-VERSION.jar \
 *      chat-bench/scripts/FtsCommitCost.java [DIR]
 * </pre>
 *
 * Prints, for 1, 2 and 4 messages per commit, with and without the index row, the wall time and
 * the thread's CPU time per message (three rounds; read the spread). docs/benchmarks.md, round eight.
 */
public class FtsCommitCost {

    private static final int MESSAGES = 20_000;

    public static void main(String[] args) throws SQLException {
        File dir = new File(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"));
        String[] texts = texts(new Random(1));
        for (int round = 0; round < 3; round++) {
            for (int perCommit : new int[] {1, 2, 4}) {
                for (boolean indexed : new boolean[] {true, false}) {
                    measure(new File(dir, "fts-commit-cost.db"), texts, perCommit, indexed);
                }
            }
        }
    }

    /** 64-character texts of random lower-case words. */
    private static String[] texts(Random random) {
        String[] texts = new String[MESSAGES];
        for (int i = 0; i < MESSAGES; i++) {
            StringBuilder text = new StringBuilder();
            while (text.length() < 64) {
                int length = 2 + random.nextInt(7);
                for (int j = 0; j < length; j++) {
                    text.append((char) ('a' + random.nextInt(26)));
                }
                text.append(' ');
            }
            texts[i] = text.substring(0, 64);
        }
        return texts;
    }

    private static void measure(File db, String[] texts, int perCommit, boolean indexed) throws SQLException {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            new File(db.getPath() + suffix).delete();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA journal_mode = WAL");
                st.execute("PRAGMA synchronous = FULL");
                st.execute("CREATE TABLE messages(conv TEXT, seq INTEGER, ts INTEGER, sender TEXT, text TEXT,"
                        + " search_rowid INTEGER, PRIMARY KEY (conv, seq))");
                st.execute("CREATE INDEX messages_by_search_rowid ON messages(search_rowid)"
                        + " WHERE search_rowid IS NOT NULL");
                st.execute("CREATE VIRTUAL TABLE message_search USING fts5(text, tokenize = 'trigram')");
                st.execute("INSERT INTO message_search(message_search, rank) VALUES ('automerge', 16)");
                st.execute("INSERT INTO message_search(message_search, rank) VALUES ('crisismerge', 32)");
            }
            c.setAutoCommit(false);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpu = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            try (PreparedStatement message = c.prepareStatement("INSERT INTO messages VALUES ('r1', ?, ?, 'alice', ?, ?)");
                 PreparedStatement row = c.prepareStatement("INSERT INTO message_search(rowid, text) VALUES (?, ?)")) {
                for (int i = 0; i < texts.length; i++) {
                    message.setLong(1, i);
                    message.setLong(2, System.currentTimeMillis());
                    message.setString(3, texts[i]);
                    message.setLong(4, i + 1);
                    message.executeUpdate();
                    if (indexed) {
                        row.setLong(1, i + 1);
                        row.setString(2, texts[i]);
                        row.executeUpdate();
                    }
                    if ((i + 1) % perCommit == 0) {
                        c.commit();
                    }
                }
                c.commit();
            }
            System.out.printf("%d per commit, index %-5s  wall %6.1f µs/message  cpu %6.1f µs/message%n", perCommit,
                    indexed, (System.nanoTime() - wall) / 1e3 / texts.length,
                    (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / texts.length);
        }
    }
}
