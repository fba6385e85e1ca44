package chatroom.server.store;

import static chatroom.server.store.ChatStoreContract.await;
import static chatroom.server.store.ChatStoreContract.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stored name keys follow the key rule of protocol section 9 at start-up, on each database:
 * {@link SqliteNameKeyMigrationTest} and {@link PostgresNameKeyMigrationTest}. A "legacy" database
 * is made by writing the keys of the old rule (NFC, lower case) over the current ones.
 */
abstract class NameKeyMigrationContract {

    private static final long FAR_FUTURE = Long.MAX_VALUE / 2;

    @TempDir
    Path dataDir;
    JdbcChatStore store;

    abstract JdbcChatStore openStore();

    /** A plain connection to this test's database, outside the store. */
    abstract Connection connect() throws SQLException;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private StoreSnapshot reopen() {
        if (store != null) {
            store.close();
        }
        store = openStore();
        return store.load();
    }

    @Test
    void aLegacyKey_isReKeyedAtStart_andItsMessagesMembershipsMutesAndTokensFollow() throws Exception {
        reopen();
        long emmaId = await(store.createUser("Emma", "emma-hash", 1)).id();
        long bobId = await(store.createUser("bob", "bob-hash", 2)).id();
        await(store.createRoom("Memes", "Emma", true, 3));
        await(store.addMember("Memes", "bob"));
        await(store.setMute("Memes", "bob", 0));
        await(store.saveToken("emma-token", "Emma", FAR_FUTURE));
        await(store.append(new NewMessage(Conversation.room("Memes"), 10, "Emma", null, "first", "c1")));
        await(store.append(new NewMessage(Conversation.direct(emmaId, bobId), 11, "Emma", "bob", "hi bob", null)));
        store.close();
        store = null;
        // the keys a server before protocol 2 wrote: "emma" and "memes", not today's skeletons
        writeLegacyKey(Names.key("Emma"), "emma");
        writeLegacyKey(Names.key("Memes"), "memes");
        assertThat(Names.key("Emma")).isNotEqualTo("emma");

        StoreSnapshot snapshot = reopen();

        assertThat(await(store.findUser("EMMA")).orElseThrow().passwordHash()).isEqualTo("emma-hash");
        assertThat(await(store.findUserByToken("emma-token", 100)).orElseThrow().name()).isEqualTo("Emma");
        assertThat(failure(store.createUser("emma", "x", 4))).isInstanceOf(UserExistsException.class);
        assertThat(snapshot.rooms()).extracting(RoomRecord::name).contains("Memes");
        assertThat(snapshot.membersByRoomKey().get(Names.key("Memes"))).containsExactlyInAnyOrder("Emma", "bob");
        assertThat(snapshot.membersByRoomKey().get(Names.key("lobby"))).contains("Emma", "bob");
        assertThat(snapshot.mutesByRoomKey().get(Names.key("Memes"))).containsKey(Names.key("bob"));

        Conversation memes = Conversation.room("Memes");
        assertThat(await(store.history(memes, null, 0L, 10))).extracting(StoredMessage::text).containsExactly("first");
        // the seq counter moved too, and a resent cid still finds its original
        assertThat(await(store.append(new NewMessage(memes, 12, "Emma", null, "first", "c1"))).duplicate()).isTrue();
        assertThat(await(store.append(new NewMessage(memes, 13, "Emma", null, "second", null))).message().seq())
                .isEqualTo(2);
        Conversation direct = Conversation.direct(bobId, emmaId);
        assertThat(await(store.history(direct, null, 0L, 10))).extracting(StoredMessage::text).containsExactly("hi bob");
        assertThat(await(store.append(new NewMessage(direct, 14, "bob", "Emma", "hi", null))).message().seq())
                .isEqualTo(2);
    }

    @Test
    void twoLegacyNamesWithOneKey_theOneThatHasItKeepsIt_theOtherKeepsItsOldKeyAndLosesItsTokens() throws Exception {
        reopen();
        await(store.createUser("root", "root-hash", 5));
        await(store.saveToken("root-token", "root", FAR_FUTURE));
        store.close();
        store = null;
        // registered before the rule, and earlier than root: a fullwidth look-alike, member of lobby
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO users(name_key, name, password_hash, banned, created)"
                    + " VALUES ('ｒｏｏｔ', 'ｒｏｏｔ', 'look-alike-hash', 0, 1)");
            st.executeUpdate("INSERT INTO tokens(token_hash, user_key, expires_at) VALUES ('look-alike-token', 'ｒｏｏｔ', "
                    + FAR_FUTURE + ")");
            st.executeUpdate("INSERT INTO memberships(room_key, user_key) VALUES ('lobby', 'ｒｏｏｔ')");
            st.executeUpdate("DELETE FROM name_key_version");
        }

        StoreSnapshot snapshot = reopen();

        assertThat(await(store.findUser("ｒｏｏｔ")).orElseThrow().passwordHash()).isEqualTo("root-hash");
        assertThat(await(store.findUserByToken("root-token", 100))).isPresent();
        assertThat(await(store.findUserByToken("look-alike-token", 100))).isEmpty();
        assertThat(snapshot.membersByRoomKey().get(Names.key("lobby"))).containsExactly("root");
        try (Connection c = connect(); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT name_key FROM users WHERE name = 'ｒｏｏｔ'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as("kept, with its data").isEqualTo("ｒｏｏｔ");
        }
    }

    @Test
    void theScanRunsOnce_perKeyRule() throws Exception {
        reopen();
        store.close();
        store = null;
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO users(name_key, name, password_hash, banned, created)"
                    + " VALUES ('mia', 'Mia', 'h', 0, 1)");
        }
        reopen();
        assertThat(await(store.findUser("Mia"))).as("the rule was applied before: no second scan").isEmpty();

        store.close();
        store = null;
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE name_key_version SET version = " + (NameKeyMigration.VERSION - 1));
        }
        reopen();
        assertThat(await(store.findUser("Mia"))).as("an older rule: scanned again").isPresent();
    }

    /** Replaces {@code current} by {@code legacy} wherever a key of the name is stored. */
    private void writeLegacyKey(String current, String legacy) throws SQLException {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                if (c.getMetaData().getDatabaseProductName().contains("PostgreSQL")) {
                    st.execute("SET CONSTRAINTS ALL DEFERRED");
                }
                for (String column : new String[] {"users.name_key", "tokens.user_key", "memberships.user_key",
                        "mutes.user_key", "messages.sender_key", "rooms.name_key", "memberships.room_key",
                        "mutes.room_key", "files.room_key"}) {
                    String[] tc = column.split("\\.");
                    st.executeUpdate("UPDATE " + tc[0] + " SET " + tc[1] + " = '" + legacy + "' WHERE " + tc[1]
                            + " = '" + current + "'");
                }
                for (String table : new String[] {"messages", "conv_seqs"}) {
                    st.executeUpdate("UPDATE " + table + " SET conv = replace(conv, '" + current + "', '" + legacy
                            + "') WHERE conv LIKE '%" + current + "%'");
                }
                st.executeUpdate("DELETE FROM name_key_version");
            }
            c.commit();
        }
    }
}
