package chatroom.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
    void aVersion2Database_keepsEveryMessageAtItsSeq_andItsDirectConversationsMoveToAccountIds() throws Exception {
        // what a server of schema version 2 left behind: direct conversations by name-key pair
        org.flywaydb.core.Flyway.configure().dataSource(url, "chat", "").locations("classpath:db/migration/postgresql")
                .target("2").load().migrate();
        try (var connection = java.sql.DriverManager.getConnection(url, "chat", "");
             var st = connection.createStatement()) {
            // alice and bob become accounts 1 and 2: their id pair key "d:1|2" is users "1" and "2"'s name-key pair
            st.execute("INSERT INTO users(name_key, name, password_hash, banned, created) VALUES"
                    + " ('alice', 'alice', 'h', 0, 1), ('bob', 'Bob', 'h', 0, 2), ('1', '1', 'h', 0, 3), ('2', '2', 'h', 0, 4)");
            st.execute("INSERT INTO messages(conv, seq, ts, sender, sender_key, recipient, text) VALUES"
                    + " ('d:alice|bob', 1, 1, 'alice', 'alice', 'Bob', '私信一'),"
                    + " ('d:alice|bob', 2, 1, 'Bob', 'bob', 'alice', '私信二'),"
                    + " ('d:1|2', 1, 1, '1', '1', '2', 'one to two'),"
                    + " ('d:bob|gone', 1, 1, 'gone', 'gone', 'Bob', 'from a deleted account'),"
                    + " ('r:lobby', 1, 1, 'alice', 'alice', NULL, 'hello lobby')");
            st.execute("INSERT INTO conv_seqs(conv, seq) SELECT conv, max(seq) FROM messages GROUP BY conv");
        }
        open();
        UserRecord alice = await(store.findUser("alice")).orElseThrow();
        UserRecord bob = await(store.findUser("bob")).orElseThrow();
        UserRecord one = await(store.findUser("1")).orElseThrow();
        UserRecord two = await(store.findUser("2")).orElseThrow();
        UserRecord gone = await(store.findAccount("gone")).orElseThrow();
        assertThat(gone.deleted()).isTrue();
        assertThat(List.of(alice.id(), bob.id(), one.id(), two.id(), gone.id())).doesNotHaveDuplicates();
        Conversation aliceBob = Conversation.direct(alice.id(), bob.id());
        assertThat(await(store.history(aliceBob, null, null, 50))).extracting(StoredMessage::seq, StoredMessage::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "私信一"),
                        org.assertj.core.groups.Tuple.tuple(2L, "私信二"));
        assertThat(await(store.history(Conversation.direct(one.id(), two.id()), null, null, 50)))
                .extracting(StoredMessage::text).containsExactly("one to two");
        assertThat(await(store.history(Conversation.direct(bob.id(), gone.id()), null, null, 50)))
                .extracting(StoredMessage::text).containsExactly("from a deleted account");
        assertThat(await(store.append(new NewMessage(aliceBob, 5, "alice", "Bob", "私信三", null))).message().seq())
                .isEqualTo(3);
        assertThat(failure(store.createUser("Gone", "h", 5))).isInstanceOf(UserExistsException.class);
        assertThat(await(store.createUser("carol", "h", 5)).id()).isGreaterThan(gone.id());
    }

    @Test
    void twoServersOnOneDatabase_appendConcurrently_inOneGapFreeSeqOrder() throws Exception {
        open();
        try (JdbcChatStore other = openStore(64)) {
            other.load();
            Conversation room = Conversation.room(ChatStore.LOBBY);
            Conversation pair = Conversation.direct(1, 2);
            List<CompletableFuture<AppendResult>> futures = new ArrayList<>();
            List<Long> heardByFirst = java.util.Collections.synchronizedList(new ArrayList<>());
            store.setCommitListener(message -> {
                if (message.conversation().equals(room)) {
                    heardByFirst.add(message.seq());
                }
            });
            for (int i = 0; i < 400; i++) {
                // both conversations in both orders: batches lock the counters in opposite orders and may deadlock
                JdbcChatStore first = i % 2 == 0 ? store : other;
                JdbcChatStore second = i % 2 == 0 ? other : store;
                futures.add(first.append(new NewMessage(room, i, "a", null, "r" + i, null)));
                futures.add(second.append(new NewMessage(pair, i, "a", "b", "d" + i, null)));
                futures.add(second.append(new NewMessage(room, i, "b", null, "s" + i, null)));
                futures.add(first.append(new NewMessage(pair, i, "b", "a", "e" + i, null)));
            }
            List<Long> roomSeqs = new ArrayList<>();
            List<Long> pairSeqs = new ArrayList<>();
            for (CompletableFuture<AppendResult> future : futures) {
                StoredMessage m = await(future).message();
                (m.conversation().equals(room) ? roomSeqs : pairSeqs).add(m.seq());
            }
            assertThat(roomSeqs).hasSize(800).doesNotHaveDuplicates().allMatch(seq -> seq >= 1 && seq <= 800);
            assertThat(pairSeqs).hasSize(800).doesNotHaveDuplicates().allMatch(seq -> seq >= 1 && seq <= 800);
            assertThat(heardByFirst).isSorted(); // each server commits a conversation's messages in seq order
            assertThat(await(other.history(room, null, 0L, 1000))).extracting(StoredMessage::seq)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 800).boxed().toList());
        }
    }

    @Test
    void theSameCidSentToTwoServersAtOnce_isStoredOnce_andBothAnswerWithIt() throws Exception {
        open();
        try (JdbcChatStore other = openStore(64)) {
            other.load();
            Conversation room = Conversation.room(ChatStore.LOBBY);
            for (int i = 0; i < 50; i++) {
                CompletableFuture<AppendResult> a = store.append(new NewMessage(room, i, "a", null, "x", "c" + i));
                CompletableFuture<AppendResult> b = other.append(new NewMessage(room, i, "a", null, "x", "c" + i));
                AppendResult first = await(a);
                AppendResult second = await(b);
                assertThat(first.message().seq()).isEqualTo(second.message().seq()).isEqualTo(i + 1);
                assertThat(first.duplicate() ^ second.duplicate()).isTrue();
            }
            assertThat(await(store.latestSeq(room))).isEqualTo(50);
            assertThat(await(store.append(new NewMessage(room, 99, "a", null, "y", null))).message().seq()).isEqualTo(51);
        }
    }

    @Test
    void aNameRegisteredOnTwoServersAtOnce_isTakenOnce() throws Exception {
        open();
        try (JdbcChatStore other = openStore(64)) {
            for (int i = 0; i < 20; i++) {
                CompletableFuture<UserRecord> a = store.createUser("u" + i, "h", 1);
                CompletableFuture<UserRecord> b = other.createUser("U" + i, "h", 1);
                int created = 0;
                for (CompletableFuture<UserRecord> f : List.of(a, b)) {
                    try {
                        await(f);
                        created++;
                    } catch (java.util.concurrent.ExecutionException e) {
                        assertThat(e.getCause()).isInstanceOf(UserExistsException.class);
                    }
                }
                assertThat(created).isEqualTo(1);
            }
        }
    }

    @Test
    void anUnreachableDatabase_refusesToOpen_withAClearMessage() {
        assertThatThrownBy(() -> JdbcChatStore.openPostgres("jdbc:postgresql://127.0.0.1:1/none", "chat", "", 16))
                .isInstanceOf(StoreException.class).hasMessageContaining("cannot reach the database");
    }

    @Test
    void aDatabaseAtVersion2_isMigratedByV4_withEverythingReadIndexedAndListed() throws Exception {
        org.flywaydb.core.Flyway.configure().dataSource(url, "chat", "").locations("classpath:db/migration/postgresql")
                .target("2").load().migrate();
        try (var connection = java.sql.DriverManager.getConnection(url, "chat", "");
             var st = connection.createStatement()) {
            st.execute("INSERT INTO users VALUES ('bob', 'bob', 'h', 0, 1), ('李雷', '李雷', 'h', 0, 1)");
            st.execute("INSERT INTO rooms VALUES ('lobby', 'lobby', NULL, '', 0, 1)");
            st.execute("INSERT INTO memberships VALUES ('lobby', 'bob'), ('lobby', '李雷')");
            st.execute("INSERT INTO messages VALUES ('r:lobby', 1, 10, 'bob', 'bob', NULL, '期末复习', NULL),"
                    + " ('d:bob|李雷', 1, 11, 'bob', 'bob', '李雷', '私信复习', NULL)");
            st.execute("INSERT INTO conv_seqs VALUES ('r:lobby', 1), ('d:bob|李雷', 1)");
        }
        open();
        ConversationPage page = await(store.conversations("李雷", 10));
        assertThat(page.conversations()).extracting(ConversationSummary::peer).containsExactly("bob", null);
        assertThat(page.conversations()).allSatisfy(c -> assertThat(c.unread()).isZero());
        assertThat(await(store.search(new SearchQuery("李雷", null, "复习", null, 20, 100))))
                .extracting(StoredMessage::text).containsExactly("私信复习", "期末复习");
    }
}
