package chatroom.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The store contract on the embedded SQLite database, and what only it does. */
class SqliteChatStoreTest extends ChatStoreContract {

    @Override
    JdbcChatStore openStore(int maxCommitBatch) {
        return JdbcChatStore.openSqlite(dataDir, maxCommitBatch);
    }

    @Test
    void theWriterConnection_doesNotPrepareGeneratedKeysForEveryStatement() throws Exception {
        SqliteDatabase database = new SqliteDatabase(dataDir.resolve("keys"), 0);
        try (var st = database.writer().createStatement()) {
            st.executeUpdate("CREATE TABLE t(x)");
            st.executeUpdate("INSERT INTO t VALUES (1)");
            try (var keys = st.getGeneratedKeys()) {
                assertThat(keys.next()).as("the driver's per-statement key look-up is off (the append path's cost)").isFalse();
            }
        } finally {
            database.close();
        }
    }

    @Test
    void aBatchOfSends_addsOneSegmentToTheSearchIndex_andItsEditsAndDeletesReachTheIndex() throws Exception {
        open();
        await(store.createUser("liam", "h", 1));
        Conversation lobby = Conversation.room(ChatStore.LOBBY);
        AtomicInteger commits = new AtomicInteger();
        store.setCommitTimer(nanos -> commits.incrementAndGet());
        WriterHold hold = holdWriterInTheCommitOf(1);
        CompletableFuture<AppendResult> first = store.append(new NewMessage(lobby, 1, "liam", null, "第一条", null));
        hold.awaitHeld();
        List<CompletableFuture<?>> queued = new ArrayList<>();
        for (int i = 0; i < 100; i++) { // seqs 2 to 101, queued behind the held commit: one batch
            queued.add(store.append(new NewMessage(lobby, 2 + i, "liam", null, String.format("消息 n%03d", i), null)));
        }
        queued.add(store.edit(lobby, 50, Names.key("liam"), "改过了 edited", List.of(), 200)); // was n048
        queued.add(store.delete(lobby, 60, Names.key("liam"), false)); // was n058
        hold.release();
        await(first);
        for (CompletableFuture<?> write : queued) {
            await(write);
        }

        assertThat(commits.get()).as("the queued writes committed together").isEqualTo(2);
        assertEditedAndDeletedAsSearched();
        awaitIndexed("the 100 live messages indexed", 100);
        assertThat(queryInt("SELECT count(DISTINCT segid) FROM message_search_idx"))
                .as("index segments (one per message is the slow path)").isLessThanOrEqualTo(2);
        assertEditedAndDeletedAsSearched();
    }

    private void assertEditedAndDeletedAsSearched() throws Exception {
        assertThat(search("n042")).containsExactly("消息 n042");
        assertThat(search("改过了")).containsExactly("改过了 edited");
        assertThat(search("n048")).as("the edit replaced the text").isEmpty();
        assertThat(search("n058")).as("the delete removed the text").isEmpty();
        assertThat(search("第一条")).containsExactly("第一条");
        assertThat(search("消息")).as("the limit and one more, which tells there are more").hasSize(21);
    }

    private List<String> search(String text) throws Exception {
        return await(store.search(new SearchQuery(Names.key("liam"), null, text, null, 20, 100))).stream()
                .map(StoredMessage::text).toList();
    }

    @Test
    void theRowsOfSmallCommits_areFoundBeforeTheyAreIndexed_andIndexedAsOneSegmentWhenTheWriterIsIdle()
            throws Exception {
        openWithOneCommitEach(FIVE_TEXTS);
        assertThat(search("привет")).as("found before they are indexed, folded as the index folds")
                .containsExactly("привет three", "ПРИВЕТ two");

        awaitIndexed("the rows indexed once the writer is idle", FIVE_TEXTS.length);
        assertThat(queryInt("SELECT count(DISTINCT segid) FROM message_search_idx"))
                .as("five commits, one segment (one each before round thirteen)").isEqualTo(1);
        assertThat(search("期末复习")).as("each found once").containsExactly("期末复习 four", "期末复习 one");
        assertThat(search("привет")).containsExactly("привет three", "ПРИВЕТ two");
    }

    @Test
    void aTwoCharacterQuery_isLookedUpByTheTrigramsItBegins_soOldMessagesAndTextEndsAreFound() throws Exception {
        List<String> texts = new ArrayList<>(List.of("期末复习", "复习一下", "\"引号\" Ab"));
        for (int i = 0; i < 30; i++) {
            texts.add(String.format("别的 n%03d", i));
        }
        Conversation lobby = openWithOneCommitEach(texts.toArray(String[]::new));
        awaitIndexed("the rows indexed", texts.size());

        assertThat(searchTheNewest(10, "复习")).as("older than the newest ten, at a text's end and in its middle")
                .containsExactly("复习一下", "期末复习");
        assertThat(searchTheNewest(10, "AB")).as("folded as the index folds").containsExactly("\"引号\" Ab");
        assertThat(searchTheNewest(10, "号\"")).containsExactly("\"引号\" Ab");
        assertThat(searchTheNewest(10, "无此")).isEmpty();
        await(store.append(new NewMessage(lobby, 99, "liam", null, "刚复习", null)));
        assertThat(searchTheNewest(10, "复习")).as("indexed yet or not").containsExactly("刚复习", "复习一下", "期末复习");
    }

    @Test
    void aTwoCharacterQueryBeginningTooManyTrigrams_readsTheNewestMessagesOfEachConversationOnly() throws Exception {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i <= Fts5SearchIndex.MAX_SHORT_TERMS; i++) {
            texts.add("老张" + Character.toString(0x4E00 + i)); // a trigram "老张X" each
        }
        openWithOneCommitEach(texts.toArray(String[]::new));
        awaitIndexed("the rows indexed", texts.size());

        assertThat(searchTheNewest(10, "老张")).hasSize(10);
        assertThat(searchTheNewest(10, "张" + Character.toString(0x4E00))).containsExactly("老张" + Character.toString(0x4E00));
    }

    private List<String> searchTheNewest(int window, String text) throws Exception {
        return await(store.search(new SearchQuery(Names.key("liam"), null, text, null, 20, window))).stream()
                .map(StoredMessage::text).toList();
    }

    @Test
    void sendsAreAcknowledgedWhileTheSearchIndexIsLocked_foundMeanwhile_andIndexedOnceItIsFree() throws Exception {
        open();
        await(store.createUser("liam", "h", 1));
        Conversation lobby = Conversation.room(ChatStore.LOBBY);
        try (var lock = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("search.db"));
             var st = lock.createStatement()) {
            st.execute("BEGIN IMMEDIATE"); // the index's write lock, as a long merge of its segments holds it
            List<CompletableFuture<AppendResult>> sends = new ArrayList<>();
            for (int i = 0; i < 2 * SearchIndexer.SEGMENT_ROWS; i++) {
                sends.add(store.append(new NewMessage(lobby, 1 + i, "liam", null, String.format("锁住 n%03d", i), null)));
            }
            for (CompletableFuture<AppendResult> send : sends) {
                await(send); // a commit that waited for the index would time out here
            }
            assertThat(search("n077")).containsExactly("锁住 n077");
            st.execute("ROLLBACK");
        }
        awaitIndexed("every message indexed once the lock is gone", 2 * SearchIndexer.SEGMENT_ROWS);
        assertThat(search("n077")).containsExactly("锁住 n077");
    }

    @Test
    void rowsNotIndexedWhenTheServerStopped_areFoundBySearch_andIndexedAfterTheStart() throws Exception {
        Conversation lobby = openWithOneCommitEach(FIVE_TEXTS);
        awaitIndexed("the rows indexed", FIVE_TEXTS.length);
        store.close();
        long second = queryInt("SELECT search_rowid FROM messages WHERE seq = 2");
        execute("DELETE FROM search.message_search WHERE rowid > " + second); // as if the process died before
        assertThat(queryInt("SELECT count(*) FROM message_search")).isEqualTo(2);
        open();

        assertThat(search("привет")).containsExactly("привет three", "ПРИВЕТ two");
        assertThat(search("期末复习")).containsExactly("期末复习 four", "期末复习 one");
        await(store.append(new NewMessage(lobby, 6, "liam", null, "期末复习 six", null)));
        assertThat(search("期末复习")).as("each found once, indexed or not")
                .containsExactly("期末复习 six", "期末复习 four", "期末复习 one");
        awaitIndexed("the rows left, and the new one, indexed", 6);
        assertThat(search("期末复习")).as("each found once").containsExactly("期末复习 six", "期末复习 four", "期末复习 one");
        assertThat(search("ПРИВЕТ")).containsExactly("привет three", "ПРИВЕТ two");
    }

    @Test
    void anEditAndADeleteWhoseIndexCommitWasLost_arePutRightAtTheNextStart() throws Exception {
        openWithOneCommitEach("旧的说法 one", "要删掉的 two", "留下的 three");
        awaitIndexed("the rows indexed", 3);
        store.close();
        // the messages' side of an edit and a delete committed, the index's not (the process died between)
        execute("UPDATE messages SET text = '新的说法 one' WHERE seq = 1");
        execute("UPDATE messages SET deleted = 1, text = '' WHERE seq = 2");
        execute("INSERT INTO search_changes(row) SELECT search_rowid FROM messages WHERE seq IN (1, 2)");
        open();

        assertThat(search("新的说法")).containsExactly("新的说法 one");
        assertThat(search("旧的说法")).isEmpty();
        assertThat(queryInt("SELECT count(*) FROM message_search WHERE message_search MATCH '\"要删掉\"'"))
                .as("the deleted text is gone from the index file too").isZero();
        assertThat(queryInt("SELECT count(*) FROM search_changes")).as("done with, forgotten").isZero();
        assertThat(search("留下的")).containsExactly("留下的 three");
    }

    @Test
    void rowsHeldBeforeABatchInWhichAWriteFails_areFoundOnce_andIndexedOnce() throws Exception {
        Conversation lobby = openWithOneCommitEach("复习 one");
        WriterHold hold = holdWriterInTheCommitOf(2);
        CompletableFuture<AppendResult> second = store.append(new NewMessage(lobby, 2, "liam", null, "复习 two", null));
        hold.awaitHeld();
        CompletableFuture<AppendResult> third = store.append(new NewMessage(lobby, 3, "liam", null, "复习 three", null));
        CompletableFuture<RoomRecord> failing = store.createRoom("孤岛", "nobody-registered", false, 1);
        CompletableFuture<AppendResult> fourth = store.append(new NewMessage(lobby, 4, "liam", null, "复习 four", null));
        hold.release();
        await(second);
        assertThat(failure(failing)).isInstanceOf(StoreException.class);
        await(third);
        await(fourth);

        assertThat(search("复习")).as("the two held and the batch's two, after the batch's rollback and retry")
                .containsExactly("复习 four", "复习 three", "复习 two", "复习 one");
        awaitIndexed("every row indexed", 4);
        assertThat(queryInt("SELECT count(*) FROM messages m JOIN message_search s ON s.rowid = m.search_rowid"))
                .as("each message's own row").isEqualTo(4);
        assertThat(search("复习")).containsExactly("复习 four", "复习 three", "复习 two", "复习 one");
    }

    /** Two texts sharing a CJK word, two sharing a Cyrillic word in different cases, one with neither. */
    private static final String[] FIVE_TEXTS =
            {"期末复习 one", "ПРИВЕТ two", "привет three", "期末复习 four", "nothing five"};

    /** Opens the store with user liam and appends each text to the lobby in a commit of its own, as under a paced load. */
    private Conversation openWithOneCommitEach(String... texts) throws Exception {
        open();
        await(store.createUser("liam", "h", 1));
        Conversation lobby = Conversation.room(ChatStore.LOBBY);
        for (int i = 0; i < texts.length; i++) {
            await(store.append(new NewMessage(lobby, 1 + i, "liam", null, texts[i], null)));
        }
        return lobby;
    }

    /** Waits (10 s at most) until the search index holds {@code rows} rows. */
    private void awaitIndexed(String what, int rows) {
        Awaitility.await(what).atMost(Duration.ofSeconds(10))
                .until(() -> queryInt("SELECT count(*) FROM message_search") == rows);
    }

    /** A query on chat.db with search.db attached as {@code search} (unqualified names find either). */
    private int queryInt(String sql) throws Exception {
        try (var connection = openBothFiles();
             var st = connection.createStatement();
             var rs = st.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getInt(1);
        }
    }

    private void execute(String sql) throws Exception {
        try (var connection = openBothFiles(); var st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    private java.sql.Connection openBothFiles() throws Exception {
        var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("chat.db"));
        try (var attach = connection.prepareStatement("ATTACH DATABASE ? AS search")) {
            attach.setString(1, dataDir.resolve("search.db").toString());
            attach.execute();
        }
        return connection;
    }

    @Test
    void theSearchIndex_mergesSixteenSegmentsAtATime_inAFileOfItsOwn_inWalMode() throws Exception {
        open();
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("search.db"));
             var st = connection.createStatement();
             var rs = st.executeQuery("PRAGMA journal_mode")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as("readers read while the indexer writes").isEqualTo("wal");
        }
        assertThat(searchMergeSetting("automerge")).isEqualTo(SearchIndexer.AUTOMERGE).isEqualTo(16);
        assertThat(searchMergeSetting("crisismerge")).isGreaterThan(SearchIndexer.AUTOMERGE);
    }

    @Test
    void aVersion7Store_losesItsIndexFromChatDb_andFindsItsMessagesThroughTheNewOne() throws Exception {
        openWithOneCommitEach(FIVE_TEXTS);
        store.close();
        Files.delete(dataDir.resolve("search.db"));
        Files.deleteIfExists(dataDir.resolve("search.db-wal"));
        Files.deleteIfExists(dataDir.resolve("search.db-shm"));
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("chat.db"));
             var st = connection.createStatement()) { // what a server of schema version 7 left behind
            st.execute("CREATE VIRTUAL TABLE message_search USING fts5(text, tokenize = 'trigram')");
            st.execute("INSERT INTO message_search(rowid, text) SELECT search_rowid, text FROM messages");
            st.execute("DROP TABLE search_changes");
            st.execute("PRAGMA user_version = 7");
        }
        open();

        assertThat(queryInt("SELECT count(*) FROM main.sqlite_master WHERE name LIKE 'message_search%'"))
                .as("no index left in chat.db").isZero();
        assertThat(search("期末复习")).containsExactly("期末复习 four", "期末复习 one");
        awaitIndexed("the messages indexed again, in search.db", FIVE_TEXTS.length);
        assertThat(search("ПРИВЕТ")).containsExactly("привет three", "ПРИВЕТ two");
        await(store.edit(Conversation.room(ChatStore.LOBBY), 5, Names.key("liam"), "期末复习 five", List.of(), 9));
        assertThat(search("期末复习")).containsExactly("期末复习 five", "期末复习 four", "期末复习 one");
    }

    @Test
    void aTextHoldingEveryTrigramOfAQuery_butNotTheQuery_isNotFound_indexedOrNot() throws Exception {
        openWithOneCommitEach("hello there", "hell llo", "ПРИВЕТ мир");
        assertThat(search("hello")).as("not indexed yet").containsExactly("hello there");
        awaitIndexed("the rows indexed", 3);
        assertThat(search("hello")).as("the index finds both, the text check keeps one").containsExactly("hello there");
        assertThat(search("привет")).containsExactly("ПРИВЕТ мир");
    }

    @Test
    void anIndexOfRoundEighteensFormat_isMadeAnewAndBuiltAgain_butACurrentOneIsKeptAcrossStarts() throws Exception {
        openWithOneCommitEach(FIVE_TEXTS);
        awaitIndexed("the rows indexed", FIVE_TEXTS.length);
        store.close();
        execute("CREATE TABLE search.a_mark (x)");
        open();
        store.close();
        assertThat(queryInt("SELECT count(*) FROM search.sqlite_master WHERE name = 'a_mark'"))
                .as("a current index is not made again at a start").isEqualTo(1);
        // round eighteen's index kept each text and its trigrams' positions
        execute("DROP TABLE search.message_search");
        execute("CREATE VIRTUAL TABLE search.message_search USING fts5(text, tokenize = 'trigram')");
        execute("INSERT INTO search.message_search(rowid, text) SELECT search_rowid, text FROM messages");
        open();

        assertThat(queryInt("SELECT count(*) FROM search.sqlite_master WHERE name = 'a_mark'"))
                .as("the file made anew").isZero();
        assertThat(search("期末复习")).containsExactly("期末复习 four", "期末复习 one");
        awaitIndexed("the messages indexed again", FIVE_TEXTS.length);
        assertThat(queryInt("SELECT count(*) FROM search.sqlite_master WHERE name = 'message_search'"
                + " AND sql LIKE '%detail = none%'")).isEqualTo(1);
        assertThat(search("ПРИВЕТ")).containsExactly("привет three", "ПРИВЕТ two");
    }

    @Test
    void anIndexOfRoundNineteensFormat_withoutTheTextEnds_isMadeAnewAndBuiltAgain() throws Exception {
        openWithOneCommitEach(FIVE_TEXTS);
        awaitIndexed("the rows indexed", FIVE_TEXTS.length);
        store.close();
        // round nineteen's index: the same table, its texts without the line end, and no list of terms
        execute("DROP TABLE search.message_search_terms");
        execute("DELETE FROM search.message_search");
        execute("INSERT INTO search.message_search(rowid, text) SELECT search_rowid, text FROM messages");
        open();

        assertThat(queryInt("SELECT count(*) FROM search.sqlite_master WHERE name = 'message_search_terms'"))
                .isEqualTo(1);
        awaitIndexed("the messages indexed again", FIVE_TEXTS.length);
        assertThat(queryInt("SELECT count(*) FROM search.message_search_terms WHERE term = 'ur' || char(10)"))
                .as("'four' indexed with its line end").isEqualTo(1);
    }

    @Test
    void theMessagesNotIndexedYet_areReadByTheirSearchRow_notThroughEveryConversationInScope() throws Exception {
        openWithOneCommitEach(FIVE_TEXTS);
        var search = ConversationQueries.searchStatement(new Fts5SearchIndex(null),
                new SearchQuery(Names.key("liam"), null, "期末复习", null, 20, 100));
        List<String> plan = new ArrayList<>();
        try (var connection = openBothFiles()) {
            SearchContains.register(connection);
            try (var st = connection.prepareStatement("EXPLAIN QUERY PLAN " + search.sql())) {
                for (int i = 0; i < search.args().size(); i++) {
                    st.setObject(i + 1, search.args().get(i));
                }
                try (var rs = st.executeQuery()) {
                    while (rs.next()) {
                        plan.add(rs.getString(4));
                    }
                }
            }
        }
        // by conversation, a user in rooms of a million messages made every search read them all (160 ms)
        assertThat(plan).as("the query plan").contains("SEARCH m USING INDEX messages_by_search_rowid (search_rowid>?)")
                .noneMatch(line -> line.startsWith("SEARCH m USING PRIMARY KEY (conv=?)"));
    }

    private Integer searchMergeSetting(String key) throws Exception {
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("search.db"));
             var st = connection.prepareStatement("SELECT v FROM message_search_config WHERE k = ?")) {
            st.setString(1, key);
            try (var rs = st.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        }
    }

    /**
     * Holds the writer in the commit of the message with this seq until released, so that the writes
     * queued meanwhile run as one batch.
     */
    private WriterHold holdWriterInTheCommitOf(long seq) {
        WriterHold hold = new WriterHold(new CountDownLatch(1), new CountDownLatch(1));
        store.setCommitListener(message -> {
            if (message.seq() == seq) {
                hold.held().countDown();
                awaitQuietly(hold.released());
            }
        });
        return hold;
    }

    private record WriterHold(CountDownLatch held, CountDownLatch released) {

        void awaitHeld() throws InterruptedException {
            assertThat(held.await(10, TimeUnit.SECONDS)).as("the writer is held").isTrue();
        }

        void release() {
            released.countDown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void afterTheDiskFillsUp_aWriteIsStoredExactlyWhenItIsAcknowledged() throws Exception {
        store = JdbcChatStore.openSqlite(dataDir, 16, 256 * 1024);
        store.load();
        await(store.createUser("liam", "h", 1));
        Conversation lobby = Conversation.room(ChatStore.LOBBY);
        String big = "满".repeat(3000);
        long seq = 0;
        Throwable full = null;
        while (full == null && seq < 1000) {
            CompletableFuture<AppendResult> append = store.append(new NewMessage(lobby, 1 + seq, "liam", null, big, null));
            full = failureOrNull(append);
            if (full == null) {
                seq++;
            }
        }
        assertThat(full).as("the store filled up").isNotNull();

        // SQLite ended the failed batch's transaction itself; the next batch must still be one transaction
        CompletableFuture<AppendResult> small = store.append(new NewMessage(lobby, 1 + seq, "liam", null, "小", null));
        boolean acknowledged = failureOrNull(small) == null;
        List<StoredMessage> stored = await(store.history(lobby, null, seq, 10));
        assertThat(stored.stream().anyMatch(m -> m.text().equals("小")))
                .as("stored exactly when acknowledged (acknowledged: %s)", acknowledged).isEqualTo(acknowledged);
    }

    private static Throwable failureOrNull(CompletableFuture<?> future) throws Exception {
        try {
            future.get(10, TimeUnit.SECONDS);
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        }
    }

    @Test
    void aSearchIndexSqliteCannotRead_isMovedAside_andBuiltAgainFromTheMessages() throws Exception {
        openWithOneCommitEach(FIVE_TEXTS);
        store.close();
        byte[] garbage = new byte[8192];
        java.util.Arrays.fill(garbage, (byte) 0x5A);
        Files.write(dataDir.resolve("search.db"), garbage);
        Files.deleteIfExists(dataDir.resolve("search.db-wal"));
        Files.deleteIfExists(dataDir.resolve("search.db-shm"));

        open(); // the messages are intact: the server starts
        assertThat(search("期末复习")).containsExactly("期末复习 four", "期末复习 one");
        awaitIndexed("the messages indexed again", FIVE_TEXTS.length);
        try (var files = Files.list(dataDir)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("kept for whoever wants to look")
                    .anyMatch(name -> name.startsWith("search.db.damaged-"));
        }
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
    void aDamagedMessagePage_doesNotStopTheOpen_whoseCostMustNotGrowWithTheStore() throws Exception {
        Path db = storeWithADamagedMessagePage();
        assertThat(Files.exists(db)).isTrue();
        open(); // start-up reads the schema and the rooms, not every page of the file
        assertThat(store.load().rooms()).isNotEmpty();
    }

    @Test
    void integrityCheck_findsTheDamagedPage_andPassesASoundStore() throws Exception {
        open();
        store.close();
        store = null;
        assertThat(StoreIntegrityCheck.check(dataDir).ok()).as("a sound store").isTrue();
        storeWithADamagedMessagePage();
        StoreIntegrityCheck.Result result = StoreIntegrityCheck.check(dataDir);
        assertThat(result.ok()).isFalse();
        assertThat(result.problems()).isNotEmpty();
    }

    @Test
    void integrityCheck_ofADirectoryWithoutADatabase_saysSo_andCreatesNone() {
        Path empty = dataDir.resolve("empty");
        assertThatThrownBy(() -> StoreIntegrityCheck.check(empty))
                .isInstanceOf(StoreException.class).hasMessageContaining("no database");
        assertThat(Files.exists(empty)).isFalse();
    }

    /** A store of a few thousand messages, closed, with one page in the middle of the file overwritten. */
    private Path storeWithADamagedMessagePage() throws Exception {
        open();
        Conversation room = Conversation.room(ChatStore.LOBBY);
        List<CompletableFuture<AppendResult>> appends = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            appends.add(store.append(new NewMessage(room, i, "a", null, "message " + i + " " + "复习".repeat(40), null)));
        }
        await(appends.get(appends.size() - 1));
        store.close();
        store = null;
        Path db = dataDir.resolve("chat.db");
        assertThat(Files.exists(dataDir.resolve("chat.db-wal"))).as("checkpointed at close").isFalse();
        int pageSize = 4096;
        long pages = Files.size(db) / pageSize;
        try (var file = java.nio.channels.FileChannel.open(db, java.nio.file.StandardOpenOption.WRITE)) {
            byte[] garbage = new byte[pageSize];
            java.util.Arrays.fill(garbage, (byte) 0x5A);
            file.write(java.nio.ByteBuffer.wrap(garbage), pages / 2 * pageSize);
        }
        return db;
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

    /** What a server of schema version 3 left behind: accounts by name key, direct conversations by name-key pair. */
    private void writeVersion3DataDirectory() throws Exception {
        java.nio.file.Files.createDirectories(dataDir);
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("chat.db"));
             var st = connection.createStatement()) {
            st.execute("CREATE TABLE users (name_key TEXT PRIMARY KEY, name TEXT NOT NULL, password_hash TEXT NOT NULL,"
                    + " banned INTEGER NOT NULL DEFAULT 0, created INTEGER NOT NULL)");
            st.execute("CREATE TABLE tokens (token_hash TEXT PRIMARY KEY, user_key TEXT NOT NULL"
                    + " REFERENCES users(name_key) ON DELETE CASCADE, expires_at INTEGER NOT NULL)");
            st.execute("CREATE TABLE rooms (name_key TEXT PRIMARY KEY, name TEXT NOT NULL, owner TEXT,"
                    + " topic TEXT NOT NULL DEFAULT '', private INTEGER NOT NULL DEFAULT 0, created INTEGER NOT NULL)");
            st.execute("CREATE TABLE memberships (room_key TEXT NOT NULL REFERENCES rooms(name_key) ON DELETE CASCADE,"
                    + " user_key TEXT NOT NULL REFERENCES users(name_key) ON DELETE CASCADE, PRIMARY KEY (room_key, user_key))");
            st.execute("CREATE TABLE messages (conv TEXT NOT NULL, seq INTEGER NOT NULL, ts INTEGER NOT NULL,"
                    + " sender TEXT NOT NULL, sender_key TEXT NOT NULL, recipient TEXT, text TEXT NOT NULL, cid TEXT,"
                    + " PRIMARY KEY (conv, seq)) WITHOUT ROWID");
            st.execute("CREATE TABLE conv_seqs (conv TEXT PRIMARY KEY, seq INTEGER NOT NULL) WITHOUT ROWID");
            // alice and bob are accounts 1 and 2: their id pair key "d:1|2" is the name-key pair of users "1" and "2"
            for (String name : new String[] {"alice", "Bob", "1", "2"}) {
                st.execute("INSERT INTO users VALUES ('" + name.toLowerCase() + "', '" + name + "', 'h', 0, 1)");
            }
            st.execute("INSERT INTO rooms VALUES ('lobby', 'lobby', NULL, '', 0, 1)");
            st.execute("INSERT INTO rooms VALUES ('study', 'study', 'alice', '', 0, 1)");
            st.execute("INSERT INTO memberships VALUES ('lobby', 'alice'), ('lobby', 'bob'), ('study', 'alice')");
            String[][] rows = {
                    {"r:lobby", "1", "alice", "", "hello lobby"}, {"r:lobby", "2", "Bob", "", "hi"},
                    {"r:study", "1", "alice", "", "期末复习"},
                    {"d:alice|bob", "1", "alice", "Bob", "私信一"}, {"d:alice|bob", "2", "Bob", "alice", "私信二"},
                    {"d:alice|bob", "3", "alice", "Bob", "私信三"},
                    {"d:1|2", "1", "1", "2", "one to two"},
                    {"d:bob|gone", "1", "gone", "Bob", "from a deleted account"},
                    {"d:bob|gone", "2", "Bob", "gone", "to a deleted account"}};
            for (String[] r : rows) {
                String senderKey = r[2].toLowerCase();
                st.execute("INSERT INTO messages VALUES ('" + r[0] + "', " + r[1] + ", 1000, '" + r[2] + "', '" + senderKey
                        + "', " + (r[3].isEmpty() ? "NULL" : "'" + r[3] + "'") + ", '" + r[4] + "', NULL)");
            }
            st.execute("INSERT INTO conv_seqs(conv, seq) SELECT conv, max(seq) FROM messages GROUP BY conv");
            st.execute("PRAGMA user_version = 3");
        }
    }

    @Test
    void aVersion3DataDirectory_keepsEveryMessageAtItsSeq_andItsDirectConversationsMoveToAccountIds() throws Exception {
        writeVersion3DataDirectory();
        open();
        UserRecord alice = await(store.findUser("alice")).orElseThrow();
        UserRecord bob = await(store.findUser("bob")).orElseThrow();
        UserRecord one = await(store.findUser("1")).orElseThrow();
        UserRecord two = await(store.findUser("2")).orElseThrow();
        UserRecord gone = await(store.findAccount("gone")).orElseThrow();
        assertThat(java.util.List.of(alice.id(), bob.id(), one.id(), two.id(), gone.id())).doesNotHaveDuplicates();
        assertThat(gone.deleted()).as("the party of a direct conversation deleted before ids").isTrue();

        Conversation aliceBob = Conversation.direct(bob.id(), alice.id());
        assertThat(await(store.history(aliceBob, null, null, 50)))
                .extracting(StoredMessage::seq, StoredMessage::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "私信一"),
                        org.assertj.core.groups.Tuple.tuple(2L, "私信二"), org.assertj.core.groups.Tuple.tuple(3L, "私信三"));
        assertThat(await(store.history(Conversation.direct(one.id(), two.id()), null, null, 50)))
                .extracting(StoredMessage::text).containsExactly("one to two");
        assertThat(await(store.history(Conversation.direct(bob.id(), gone.id()), null, null, 50)))
                .extracting(StoredMessage::text).containsExactly("from a deleted account", "to a deleted account");
        assertThat(await(store.history(Conversation.room("lobby"), null, null, 50))).extracting(StoredMessage::text)
                .containsExactly("hello lobby", "hi");
        assertThat(await(store.history(Conversation.room("study"), null, null, 50))).hasSize(1);
        assertThat(await(store.append(new NewMessage(aliceBob, 2000, "alice", "Bob", "私信四", null))).message().seq())
                .isEqualTo(4);
        assertThat(await(store.append(new NewMessage(Conversation.room("lobby"), 2000, "alice", null, "x", null)))
                .message().seq()).isEqualTo(3);
        assertThat(failure(store.createUser("GONE", "h", 5))).isInstanceOf(UserExistsException.class);
        UserRecord carol = await(store.createUser("carol", "h", 5));
        assertThat(carol.id()).isGreaterThan(gone.id());
        assertThat(store.load().membersByRoomKey().get("study")).containsExactly("alice");
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
