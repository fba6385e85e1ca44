package chatroom.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The readers' kept statements: a fixed statement is parsed once per reader thread on SQLite (a
 * token login's look-up cost twice as much parsed afresh), bound afresh by each read, sees every
 * commit made before the read, is dropped when a read fails, and never outlives its read on a
 * pooled database.
 */
class ReaderPoolTest {

    @TempDir
    Path dataDir;

    private Database database;
    private ReaderPool readers;

    /** One read of {@code SELECT ?}: the value it bound and read back, and the statement it was given. */
    private record Answer(int value, PreparedStatement statement) {
    }

    private ReaderPool open(Database db) {
        database = db;
        readers = new ReaderPool(db);
        return readers;
    }

    @AfterEach
    void close() throws Exception {
        if (readers != null) {
            readers.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private Answer select(int value) throws Exception {
        return readers.read("SELECT ?", st -> {
            st.setInt(1, value);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return new Answer(rs.getInt(1), st);
            }
        }).get();
    }

    @Test
    void onSqlite_aFixedStatementIsPreparedOncePerReaderThread_andBoundAfreshByEachRead() throws Exception {
        open(new SqliteDatabase(dataDir, 0));
        Set<PreparedStatement> statements = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Answer answer = select(i);
            values.add(answer.value());
            statements.add(answer.statement());
        }

        assertThat(values).as("each read's own value").containsExactlyElementsOf(IntStream.range(0, 20).boxed().toList());
        assertThat(statements).as("one prepared statement per reader thread, kept")
                .hasSizeLessThanOrEqualTo(ReaderPool.THREADS)
                .allSatisfy(st -> assertThat(st.isClosed()).isFalse());
    }

    @Test
    void onSqlite_aKeptStatementSeesEveryCommitBeforeItsRead_noSnapshotOutlivesARead() throws Exception {
        SqliteDatabase sqlite = new SqliteDatabase(dataDir, 0);
        open(sqlite);
        Connection writer = sqlite.writer();
        try (Statement st = writer.createStatement()) {
            st.executeUpdate("CREATE TABLE t(x)");
            writer.commit();
            for (int rows = 1; rows <= 10; rows++) {
                st.executeUpdate("INSERT INTO t VALUES (" + rows + ")");
                writer.commit();
                long counted = readers.read("SELECT count(*) FROM t", count -> {
                    try (ResultSet rs = count.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }).get();

                assertThat(counted).as("rows after commit %d", rows).isEqualTo(rows);
            }
        }
    }

    @Test
    void aStatementWhoseReadFailed_isClosedAndPreparedAfreshNextTime() throws Exception {
        open(new SqliteDatabase(dataDir, 0));
        PreparedStatement[] failed = new PreparedStatement[1];
        var failing = readers.read("SELECT ?", st -> {
            failed[0] = st;
            throw new SQLException("broken midway");
        });

        assertThatThrownBy(failing::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(StoreException.class).hasMessageContaining("broken midway");
        assertThat(failed[0].isClosed()).as("the failed read's statement").isTrue();
        for (int i = 0; i < 10; i++) {
            Answer answer = select(i);
            assertThat(answer.value()).isEqualTo(i);
            assertThat(answer.statement()).isNotSameAs(failed[0]);
        }
    }

    @Test
    void onAPooledDatabase_eachReadsStatementIsClosedBeforeItsConnectionGoesBack() throws Exception {
        PostgresFixture.assumeInstalled();
        open(new PostgresDatabase(PostgresFixture.shared().newDatabase(), "chat", "", 4, 5_000));
        for (int i = 0; i < 5; i++) {
            Answer answer = select(i);

            assertThat(answer.value()).isEqualTo(i);
            assertThat(answer.statement().isClosed()).as("read %d's statement", i).isTrue();
        }
    }
}
