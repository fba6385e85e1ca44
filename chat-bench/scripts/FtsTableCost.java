import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;

/**
 * What one text costs the search indexer, and what the index file weighs, for FTS5 trigram tables
 * of different options: round eighteen's (a copy of each text and each trigram's positions),
 * positions left out ({@code detail=none}), and the texts left out as well (the server's table
 * since round nineteen). Inserts as the indexer does: WAL, synchronous=NORMAL, automerge 16,
 * SEGMENT rows per transaction, CPU time of the inserting thread.
 *
 * <pre>
 * java -cp ~/.m2/repository/org/xerial/sqlite-jdbc/VERSION/sqlite-jdbc-VERSION.jar \
 *      chat-bench/scripts/FtsTableCost.java [DIR [SEGMENT [TEXTS]]]
 * </pre>
 *
 * Runs each table twice; read the spread. docs/benchmarks.md, round nineteen.
 */
public class FtsTableCost {

    private static final String[] TABLES = {
        "tokenize = 'trigram'",
        "tokenize = 'trigram', detail = none",
        "tokenize = 'trigram', content = '', contentless_delete = 1, detail = none",
    };
    private static final String[] WORDS = ("the and of to in is that for it with as was on be at by this had not"
            + " are but from or have an they which one you were her all she there would their we him been has when"
            + " who will more no if out so said what up its about into than them can only other new some could time"
            + " 消息 复习 期末 你好 世界 服务器 привет мир").split(" ");

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"));
        int segment = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 400_000;
        String[] texts = texts(new Random(1), count);
        for (int round = 0; round < 2; round++) {
            for (String options : TABLES) {
                measure(dir.resolve("fts-table-cost.db"), options, texts, segment);
            }
        }
    }

    /** Texts of about 64 characters of random words, Latin, CJK and Cyrillic. */
    private static String[] texts(Random random, int count) {
        String[] texts = new String[count];
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            while (text.length() < 60) {
                text.append(text.length() == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
            }
            texts[i] = text.substring(0, Math.min(64, text.length()));
        }
        return texts;
    }

    private static void measure(Path file, String options, String[] texts, int segment) throws Exception {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(Path.of(file + suffix));
        }
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = connection.createStatement()) {
            st.execute("PRAGMA journal_mode = WAL");
            st.execute("PRAGMA synchronous = NORMAL");
            st.execute("CREATE VIRTUAL TABLE s USING fts5(text, " + options + ")");
            st.execute("INSERT INTO s(s, rank) VALUES ('automerge', 16)");
            st.execute("INSERT INTO s(s, rank) VALUES ('crisismerge', 32)");
            long cpu = threads.getCurrentThreadCpuTime();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO s(rowid, text) VALUES (?, ?)")) {
                for (int n = 0; n < texts.length; ) {
                    st.execute("BEGIN");
                    for (int i = 0; i < segment && n < texts.length; i++, n++) {
                        insert.setLong(1, n + 1);
                        insert.setString(2, texts[n]);
                        insert.executeUpdate();
                    }
                    st.execute("COMMIT");
                }
            }
            st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            double micros = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / texts.length;
            System.out.printf("%-75s %5.1f µs per text, %6.1f MB%n", options, micros, Files.size(file) / 1e6);
        } catch (SQLException e) {
            System.out.printf("%-75s failed: %s%n", options, e.getMessage());
        }
    }
}
