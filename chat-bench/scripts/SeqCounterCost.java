import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What taking a message's seq costs the store's writer in SQLite, beside the insert of the message
 * itself: round nineteen's upsert ({@code INSERT ... ON CONFLICT DO UPDATE ... RETURNING seq}) and
 * round twenty's update of the row from the seq the writer remembers ({@code UPDATE ... WHERE seq = n}).
 * The server's messages table and indexes, WAL, synchronous=FULL, BATCH messages of one room per
 * transaction (about what u100 commits at once); CPU time of the writing thread.
 *
 * <pre>
 * java -cp ~/.m2/repository/org/xerial/sqlite-jdbc/VERSION/sqlite-jdbc-VERSION.jar \
 *      chat-bench/scripts/SeqCounterCost.java [DIR [BATCH [MESSAGES]]]
 * </pre>
 *
 * Runs each way three times; read the spread. docs/benchmarks.md, round twenty.
 */
public class SeqCounterCost {

    private static final String UPSERT = "INSERT INTO conv_seqs(conv, seq) VALUES (?, 1)"
            + " ON CONFLICT (conv) DO UPDATE SET seq = conv_seqs.seq + 1 RETURNING seq";
    private static final String UPDATE = "UPDATE conv_seqs SET seq = ? WHERE conv = ? AND seq = ?";
    private static final String INSERT = "INSERT INTO messages(conv, seq, ts, sender, sender_key, recipient, text, cid,"
            + " mentions, search_rowid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"));
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 400_000;
        for (int round = 0; round < 3; round++) {
            for (boolean upsert : new boolean[] {true, false}) {
                measure(dir.resolve("seq-counter-cost.db"), upsert, batch, count);
            }
        }
    }

    private static void measure(Path file, boolean upsert, int batch, int count) throws Exception {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(Path.of(file + suffix));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            createTables(c);
            c.setAutoCommit(false);
            PreparedStatement counter = c.prepareStatement(upsert ? UPSERT : UPDATE);
            PreparedStatement insert = c.prepareStatement(INSERT);
            var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long cpu = threads.getCurrentThreadCpuTime();
            long counterNanos = 0;
            long seq = 0;
            for (int i = 0; i < count; i += batch) {
                for (int j = 0; j < batch; j++) {
                    long start = System.nanoTime();
                    seq = upsert ? upsert(counter) : update(counter, seq);
                    counterNanos += System.nanoTime() - start;
                    insert(insert, seq, "u" + j % 10, i + j + 1);
                }
                c.commit();
            }
            cpu = threads.getCurrentThreadCpuTime() - cpu;
            System.out.printf("%-32s %5.2f µs of CPU per message, of it the counter %4.2f µs (wall)%n",
                    upsert ? "upsert ... RETURNING seq" : "UPDATE ... WHERE seq = n", cpu / 1e3 / count,
                    counterNanos / 1e3 / count);
        }
    }

    private static long upsert(PreparedStatement counter) throws SQLException {
        counter.setObject(1, "r:lobby");
        try (ResultSet rs = counter.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long update(PreparedStatement counter, long remembered) throws SQLException {
        counter.setObject(1, remembered + 1);
        counter.setObject(2, "r:lobby");
        counter.setObject(3, remembered);
        if (counter.executeUpdate() != 1) {
            throw new IllegalStateException("the counter row is not at " + remembered);
        }
        return remembered + 1;
    }

    private static void insert(PreparedStatement insert, long seq, String sender, long searchRow)
            throws SQLException {
        Object[] values = {"r:lobby", seq, System.currentTimeMillis(), sender, sender, null, "x".repeat(64), null,
            null, searchRow};
        for (int k = 0; k < values.length; k++) {
            insert.setObject(k + 1, values[k]);
        }
        insert.executeUpdate();
    }

    private static void createTables(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode = WAL");
            st.execute("PRAGMA synchronous = FULL");
            st.execute("CREATE TABLE messages (conv TEXT NOT NULL, seq INTEGER NOT NULL, ts INTEGER NOT NULL,"
                    + " sender TEXT NOT NULL, sender_key TEXT NOT NULL, recipient TEXT, text TEXT NOT NULL, cid TEXT,"
                    + " mentions TEXT, edited_ts INTEGER, deleted INTEGER NOT NULL DEFAULT 0, search_rowid INTEGER,"
                    + " PRIMARY KEY (conv, seq)) WITHOUT ROWID");
            st.execute("CREATE UNIQUE INDEX messages_by_cid ON messages(conv, sender_key, cid) WHERE cid IS NOT NULL");
            st.execute("CREATE INDEX messages_by_sender ON messages(sender_key, conv, seq)");
            st.execute("CREATE INDEX messages_by_search_rowid ON messages(search_rowid) WHERE search_rowid IS NOT NULL");
            st.execute("CREATE TABLE conv_seqs (conv TEXT PRIMARY KEY, seq INTEGER NOT NULL) WITHOUT ROWID");
            st.execute("INSERT INTO conv_seqs(conv, seq) VALUES ('r:lobby', 0)");
        }
    }
}
