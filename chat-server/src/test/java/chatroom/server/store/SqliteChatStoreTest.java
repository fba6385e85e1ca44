package chatroom.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** The store contract on the embedded SQLite database, and what only it does. */
class SqliteChatStoreTest extends ChatStoreContract {

    @Override
    JdbcChatStore openStore(int maxCommitBatch) {
        return JdbcChatStore.openSqlite(dataDir, maxCommitBatch);
    }

    @Test
    void corruptedDatabase_refusesToOpen_withAClearMessage() throws Exception {
        open();
        store.close();
        store = null;
        byte[] garbage = new byte[8192];
        java.util.Arrays.fill(garbage, (byte) 0x5A);
        Files.write(dataDir.resolve("chat.db"), garbage);
        Files.deleteIfExists(dataDir.resolve("chat.db-wal"));
        Files.deleteIfExists(dataDir.resolve("chat.db-shm"));
        assertThatThrownBy(() -> JdbcChatStore.openSqlite(dataDir, 16))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(dataDir.toAbsolutePath().toString());
    }

    @Test
    void aVersion2DataDirectory_isMigrated_andItsConversationsContinueTheirSeqs() throws Exception {
        open();
        Conversation room = Conversation.room(ChatStore.LOBBY);
        for (int i = 0; i < 3; i++) {
            await(store.append(new NewMessage(room, i, "a", null, "m" + i, null)));
        }
        store.close();
        store = null;
        // what a server of schema version 2 left behind: the messages, no seq counters
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("chat.db"));
             var st = connection.createStatement()) {
            st.execute("DROP TABLE conv_seqs");
            st.execute("PRAGMA user_version = 2");
        }
        open();
        assertThat(await(store.append(new NewMessage(room, 9, "a", null, "next", null))).message().seq()).isEqualTo(4);
    }

    @Test
    void readOnlyDataDirectory_refusesToOpen_withAClearMessage() throws Exception {
        open();
        await(store.createUser("kept", "h", 1));
        store.close();
        store = null;
        Files.setPosixFilePermissions(dataDir.resolve("chat.db"), PosixFilePermissions.fromString("r--r--r--"));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            // root ignores file modes: then there is nothing read-only to test
            assumeFalse(Files.isWritable(dataDir), "the directory stays writable (running as root?)");
            assertThatThrownBy(() -> JdbcChatStore.openSqlite(dataDir, 16))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining(dataDir.toAbsolutePath().toString())
                    .hasMessageContaining("readonly");
        } finally {
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(dataDir.resolve("chat.db"), PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    @Test
    void aVersion3DataDirectory_isMigratedToVersion6_withEverythingReadIndexedAndListed() throws Exception {
        // what a server of schema version 3 left behind, written with its own statements
        Files.createDirectories(dataDir);
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("chat.db"));
             var st = connection.createStatement()) {
            st.execute("CREATE TABLE users (name_key TEXT PRIMARY KEY, name TEXT NOT NULL, password_hash TEXT NOT NULL,"
                    + " banned INTEGER NOT NULL DEFAULT 0, created INTEGER NOT NULL)");
            st.execute("CREATE TABLE rooms (name_key TEXT PRIMARY KEY, name TEXT NOT NULL, owner TEXT,"
                    + " topic TEXT NOT NULL DEFAULT '', private INTEGER NOT NULL DEFAULT 0, created INTEGER NOT NULL)");
            st.execute("CREATE TABLE memberships (room_key TEXT NOT NULL, user_key TEXT NOT NULL,"
                    + " PRIMARY KEY (room_key, user_key))");
            st.execute("CREATE TABLE messages (conv TEXT NOT NULL, seq INTEGER NOT NULL, ts INTEGER NOT NULL,"
                    + " sender TEXT NOT NULL, sender_key TEXT NOT NULL, recipient TEXT, text TEXT NOT NULL, cid TEXT,"
                    + " PRIMARY KEY (conv, seq)) WITHOUT ROWID");
            st.execute("CREATE TABLE conv_seqs (conv TEXT PRIMARY KEY, seq INTEGER NOT NULL) WITHOUT ROWID");
            st.execute("INSERT INTO users VALUES ('bob', 'bob', 'h', 0, 1), ('李雷', '李雷', 'h', 0, 1)");
            st.execute("INSERT INTO rooms VALUES ('lobby', 'lobby', NULL, '', 0, 1)");
            st.execute("INSERT INTO memberships VALUES ('lobby', 'bob'), ('lobby', '李雷')");
            st.execute("INSERT INTO messages VALUES ('r:lobby', 1, 10, 'bob', 'bob', NULL, '期末复习', NULL),"
                    + " ('d:bob|李雷', 1, 11, 'bob', 'bob', '李雷', '私信复习', NULL)");
            st.execute("INSERT INTO conv_seqs VALUES ('r:lobby', 1), ('d:bob|李雷', 1)");
            st.execute("PRAGMA user_version = 3");
        }
        open();
        ConversationPage page = await(store.conversations("李雷", 10));
        assertThat(page.conversations()).extracting(ConversationSummary::peer).containsExactly("bob", null);
        assertThat(page.conversations()).allSatisfy(c -> {
            assertThat(c.read()).as("what existed before counts as read").isEqualTo(1);
            assertThat(c.unread()).isZero();
        });
        assertThat(await(store.search(new SearchQuery("李雷", null, "复习", null, 20, 100))))
                .extracting(StoredMessage::text).containsExactly("私信复习", "期末复习");
        Conversation lobby = Conversation.room(ChatStore.LOBBY);
        await(store.append(new NewMessage(lobby, 12, "bob", null, "新的复习", null)));
        await(store.delete(lobby, 1, "bob", false));
        assertThat(await(store.search(new SearchQuery("李雷", lobby, "复习", null, 20, 100))))
                .extracting(StoredMessage::text).containsExactly("新的复习");
        assertThat(await(store.conversations("李雷", 10)).conversations().get(0).unread()).isEqualTo(1);
    }
}
