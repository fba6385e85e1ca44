package chatroom.server.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The name key migration on a real PostgreSQL (Debian's package; .ci/run installs it). */
class PostgresNameKeyMigrationTest extends NameKeyMigrationContract {

    private String url;

    @BeforeAll
    static void needPostgres() {
        PostgresFixture.assumeInstalled();
    }

    @BeforeEach
    void newDatabase() {
        url = PostgresFixture.shared().newDatabase();
    }

    @Override
    JdbcChatStore openStore() {
        return JdbcChatStore.openPostgres(url, "chat", "", 64);
    }

    @Override
    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "chat", "");
    }
}
