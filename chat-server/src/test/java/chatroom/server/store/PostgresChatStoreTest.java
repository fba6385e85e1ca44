package chatroom.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store contract on a real PostgreSQL (Debian's package; .ci/run installs it), and what only it does. */
class PostgresChatStoreTest extends ChatStoreContract {

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
    JdbcChatStore openStore(int maxCommitBatch) {
        return JdbcChatStore.openPostgres(url, "chat", "", maxCommitBatch);
    }

    @Test
    void theSchemaIsMigratedByFlyway_andHealthNamesTheDatabase() throws Exception {
        open();
        assertThat(store.health().detail()).startsWith("postgresql at 127.0.0.1:");
        store.close();
        store = openStore(16); // a second start finds the schema in place
        assertThat(store.health().ok()).isTrue();
    }

    @Test
    void anUnreachableDatabase_refusesToOpen_withAClearMessage() {
        assertThatThrownBy(() -> JdbcChatStore.openPostgres("jdbc:postgresql://127.0.0.1:1/none", "chat", "", 16))
                .isInstanceOf(StoreException.class).hasMessageContaining("cannot reach the database");
    }
}
