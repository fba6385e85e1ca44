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
}
