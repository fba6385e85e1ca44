package chatroom.server.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The name key migration on the embedded SQLite database. */
class SqliteNameKeyMigrationTest extends NameKeyMigrationContract {

    @Override
    JdbcChatStore openStore() {
        return JdbcChatStore.openSqlite(dataDir, 64);
    }

    @Override
    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("chat.db"));
    }
}
