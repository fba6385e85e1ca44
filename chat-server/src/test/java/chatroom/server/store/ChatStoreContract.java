package chatroom.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every store must do, run against each database: {@link SqliteChatStoreTest} and
 * {@link PostgresChatStoreTest}.
 */
abstract class ChatStoreContract {

    @TempDir
    Path dataDir;
    JdbcChatStore store;

    /** Opens the store on this test's database; called again, it opens the same database. */
    abstract JdbcChatStore openStore(int maxCommitBatch);

    JdbcChatStore open() {
        store = openStore(1024);
        store.load();
        return store;
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    static Throwable failure(CompletableFuture<?> future) {
        try {
            future.get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void fileBytes_sumsTheUploadersFiles_andAllFiles_countingEveryUploadOfTheSameContent() throws Exception {
        open();
        await(store.createUser("小红", "h", 1));
        await(store.createUser("bob", "h", 1));
        await(store.createRoom("files-room", "小红", false, 1));
        String sha = "a".repeat(64);
        assertThat(await(store.fileBytes("小红"))).isEqualTo(new FileBytes(0, 0));
        await(store.addFile(new FileRecord("f".repeat(32), "files-room", "一.bin", 100, sha, "小红", 2)));
        await(store.addFile(new FileRecord("e".repeat(32), "files-room", "二.bin", 100, sha, "小红", 3)));
        await(store.addFile(new FileRecord("d".repeat(32), "files-room", "b.bin", 50, "b".repeat(64), "bob", 4)));

        assertThat(await(store.fileBytes("小红"))).isEqualTo(new FileBytes(200, 250));
        assertThat(await(store.fileBytes("bob"))).isEqualTo(new FileBytes(50, 250));
        await(store.renameUser("小红", "小红红"));
        assertThat(await(store.fileBytes("小红红"))).as("files follow a rename").isEqualTo(new FileBytes(200, 250));
    }

    @Test
    void users_areUniqueIgnoringCase_andKeepTheirDisplayName() throws Exception {
        open();
        await(store.createUser("张伟", "h1", 1));
        await(store.createUser("Alice", "h2", 2));
        assertThat(failure(store.createUser("alice", "h3", 3))).isInstanceOf(UserExistsException.class);
        assertThat(await(store.findUser("ALICE")).orElseThrow().name()).isEqualTo("Alice");
        assertThat(await(store.findUser("张伟")).orElseThrow().passwordHash()).isEqualTo("h1");
        assertThat(await(store.findUser("nobody"))).isEmpty();
        await(store.setBanned("alice", true));
        assertThat(await(store.findUser("Alice")).orElseThrow().banned()).isTrue();
    }

    @Test
    void tokens_expire_andCanBeRevoked() throws Exception {
        open();
        await(store.createUser("bob", "h", 1));
        await(store.saveToken("t1", "bob", 1000));
        await(store.saveToken("t2", "bob", 5000));
        assertThat(await(store.findUserByToken("t1", 999))).isPresent();
        assertThat(await(store.findUserByToken("t1", 1000))).isEmpty();
        await(store.deleteToken("t2"));
        assertThat(await(store.findUserByToken("t2", 0))).isEmpty();
        await(store.saveToken("t3", "bob", 5000));
        await(store.deleteTokensOf("BOB"));
        assertThat(await(store.findUserByToken("t3", 0))).isEmpty();
    }

    @Test
    void seqs_startAtOne_andHaveNoGapUnderConcurrentAppends() throws Exception {
        open();
        UserRecord w = await(store.createUser("w", "h", 1));
        UserRecord x = await(store.createUser("x", "h", 1));
        Conversation room = Conversation.room(ChatStore.LOBBY);
        Conversation pair = Conversation.direct(w.id(), x.id());
        List<CompletableFuture<AppendResult>> futures = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 200; i++) {
                    CompletableFuture<AppendResult> a = store.append(new NewMessage(room, i, "w", null, "m", null));
                    CompletableFuture<AppendResult> b = store.append(new NewMessage(pair, i, "w", "x", "d", null));
                    synchronized (futures) {
                        futures.add(a);
                        futures.add(b);
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        List<Long> roomSeqs = new ArrayList<>();
        List<Long> pairSeqs = new ArrayList<>();
        for (CompletableFuture<AppendResult> future : futures) {
            StoredMessage m = await(future).message();
            (m.conversation().equals(room) ? roomSeqs : pairSeqs).add(m.seq());
        }
        assertThat(roomSeqs).hasSize(1600).doesNotHaveDuplicates().allMatch(seq -> seq >= 1 && seq <= 1600);
        assertThat(pairSeqs).hasSize(1600).doesNotHaveDuplicates().allMatch(seq -> seq >= 1 && seq <= 1600);
        assertThat(await(store.latestSeq(room))).isEqualTo(1600);
        assertThat(Conversation.direct(x.id(), w.id())).isEqualTo(pair);
    }

    @Test
    void accounts_haveImmutableIds_andANameFreedByARenameStaysTheirs() throws Exception {
        open();
        UserRecord amy = await(store.createUser("amy", "h", 1));
        UserRecord ben = await(store.createUser("ben", "h", 1));
        assertThat(amy.id()).isNotEqualTo(ben.id());
        assertThat(await(store.findUser("AMY")).orElseThrow().id()).isEqualTo(amy.id());

        await(store.renameUser("amy", "艾米"));
        assertThat(await(store.findUser("艾米")).orElseThrow().id()).isEqualTo(amy.id());
        assertThat(await(store.findUser("amy"))).isEmpty();
        assertThat(failure(store.createUser("Amy", "h", 2))).as("a stranger takes the freed name")
                .isInstanceOf(UserExistsException.class);
        assertThat(failure(store.renameUser("ben", "AMY"))).isInstanceOf(UserExistsException.class);

        await(store.renameUser("艾米", "Amy"));
        assertThat(await(store.findUser("amy")).orElseThrow().id()).as("its own name back").isEqualTo(amy.id());
        assertThat(failure(store.createUser("艾米", "h", 3))).isInstanceOf(UserExistsException.class);
    }

    @Test
    void deleteUser_leavesATombstone_whoseNameIsNeverFreeAgain() throws Exception {
        open();
        UserRecord victim = await(store.createUser("victim", "h", 1));
        await(store.createUser("other", "h", 1));
        await(store.saveToken("tv", "victim", 5000));
        await(store.deleteUser("victim"));

        assertThat(await(store.findUser("victim"))).isEmpty();
        assertThat(await(store.findUserByToken("tv", 0))).isEmpty();
        UserRecord tombstone = await(store.findAccount("VICTIM")).orElseThrow();
        assertThat(tombstone.id()).isEqualTo(victim.id());
        assertThat(tombstone.deleted()).isTrue();
        assertThat(tombstone.passwordHash()).isNotEqualTo("h");
        assertThat(failure(store.createUser("Victim", "h", 2))).isInstanceOf(UserExistsException.class);
        assertThat(failure(store.renameUser("other", "victim"))).isInstanceOf(UserExistsException.class);
        assertThat(await(store.findAccount("other")).orElseThrow().deleted()).isFalse();
    }

    @Test
    void directConversations_areKeyedByAccountIds_andStayPutAcrossARename() throws Exception {
        open();
        UserRecord li = await(store.createUser("李雷", "h", 1));
        UserRecord han = await(store.createUser("韩梅梅", "h", 1));
        Conversation pair = Conversation.direct(li.id(), han.id());
        assertThat(Conversation.direct(han.id(), li.id())).isEqualTo(pair);
        await(store.append(new NewMessage(pair, 1, "李雷", "韩梅梅", "你好", null)));
        await(store.append(new NewMessage(pair, 2, "韩梅梅", "李雷", "你好呀", null)));

        await(store.renameUser("李雷", "lilei"));
        assertThat(await(store.history(pair, null, null, 50))).extracting(StoredMessage::text)
                .containsExactly("你好", "你好呀");
        assertThat(await(store.append(new NewMessage(pair, 3, "lilei", "韩梅梅", "again", null))).message().seq())
                .isEqualTo(3);
    }

    @Test
    void adminRights_belongToTheAccount_andTheLastAdminCannotBeRevoked() throws Exception {
        open();
        await(store.createUser("root", "h", 1, true));
        await(store.createUser("ann", "h", 1));
        assertThat(await(store.findUser("root")).orElseThrow().admin()).isTrue();
        assertThat(await(store.findUser("ann")).orElseThrow().admin()).isFalse();
        assertThat(failure(store.setAdmin("root", false))).isInstanceOf(LastAdminException.class);
        assertThat(failure(store.deleteUser("root"))).isInstanceOf(LastAdminException.class);

        await(store.setAdmin("ANN", true));
        await(store.renameUser("root", "boss"));
        assertThat(await(store.findUser("boss")).orElseThrow().admin()).as("a renamed admin stays admin").isTrue();
        await(store.setAdmin("boss", false));
        assertThat(await(store.findUser("boss")).orElseThrow().admin()).isFalse();
        assertThat(failure(store.setAdmin("ann", false))).isInstanceOf(LastAdminException.class);
        assertThat(await(store.findUser("ann")).orElseThrow().admin()).isTrue();
    }

    @Test
    void sameCid_isStoredOnce_evenWithinOneBatch() throws Exception {
        open();
        Conversation room = Conversation.room(ChatStore.LOBBY);
        CompletableFuture<AppendResult> first = store.append(new NewMessage(room, 1, "c", null, "hi", "cid-1"));
        CompletableFuture<AppendResult> second = store.append(new NewMessage(room, 2, "c", null, "hi", "cid-1"));
        CompletableFuture<AppendResult> otherSender = store.append(new NewMessage(room, 3, "d", null, "hi", "cid-1"));
        assertThat(await(first).duplicate()).isFalse();
        assertThat(await(second).duplicate()).isTrue();
        assertThat(await(second).message().seq()).isEqualTo(await(first).message().seq());
        assertThat(await(otherSender).duplicate()).isFalse();
        AppendResult later = await(store.append(new NewMessage(room, 4, "c", null, "hi", "cid-1")));
        assertThat(later.duplicate()).isTrue();
        assertThat(later.message().ts()).isEqualTo(1);
        assertThat(await(store.history(room, null, null, 50))).hasSize(2);
    }

    @Test
    void history_pagesByBeforeAndAfter_inAscendingSeq() throws Exception {
        open();
        Conversation room = Conversation.room(ChatStore.LOBBY);
        for (int i = 1; i <= 10; i++) {
            await(store.append(new NewMessage(room, i, "h", null, "m" + i, null)));
        }
        assertThat(seqs(store.history(room, null, null, 3))).containsExactly(8L, 9L, 10L);
        assertThat(seqs(store.history(room, 5L, null, 3))).containsExactly(2L, 3L, 4L);
        assertThat(seqs(store.history(room, null, 5L, 3))).containsExactly(6L, 7L, 8L);
        assertThat(seqs(store.history(room, 8L, 5L, 50))).containsExactly(6L, 7L);
        assertThat(seqs(store.history(Conversation.room("empty"), null, null, 3))).isEmpty();
    }

    private static List<Long> seqs(CompletableFuture<List<StoredMessage>> history) throws Exception {
        return await(history).stream().map(StoredMessage::seq).toList();
    }

    @Test
    void commitListener_hearsEachNewMessageInOrder_beforeTheFutureCompletes() throws Exception {
        open();
        List<Long> heard = new ArrayList<>();
        store.setCommitListener(m -> heard.add(m.seq()));
        Conversation room = Conversation.room(ChatStore.LOBBY);
        List<CompletableFuture<Boolean>> heardBeforeOk = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            CompletableFuture<AppendResult> f = store.append(new NewMessage(room, i, "l", null, "x", "c" + (i % 40)));
            heardBeforeOk.add(f.thenApply(r -> r.duplicate() || heard.contains(r.message().seq())));
        }
        for (CompletableFuture<Boolean> f : heardBeforeOk) {
            assertThat(await(f)).isTrue();
        }
        assertThat(heard).hasSize(40).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void reopen_keepsRoomsMembersTopicsTokensAndSeqs() throws Exception {
        open();
        await(store.createUser("owner", "h", 1));
        await(store.createUser("guest", "h", 1));
        await(store.createRoom("聊天室", "owner", true, 5));
        assertThat(failure(store.createRoom("聊天室", "guest", false, 6))).isInstanceOf(RoomExistsException.class);
        await(store.addMember("聊天室", "guest"));
        await(store.setTopic("聊天室", "话题"));
        await(store.saveToken("tok", "guest", Long.MAX_VALUE));
        await(store.append(new NewMessage(Conversation.room("聊天室"), 1, "guest", null, "hi", null)));
        store.close();

        store = openStore(16);
        StoreSnapshot snapshot = store.load();
        RoomRecord room = snapshot.rooms().stream().filter(r -> r.name().equals("聊天室")).findFirst().orElseThrow();
        assertThat(room.owner()).isEqualTo("owner");
        assertThat(room.topic()).isEqualTo("话题");
        assertThat(room.privateRoom()).isTrue();
        assertThat(room.latestSeq()).isEqualTo(1);
        assertThat(snapshot.membersByRoomKey().get(Names.key("聊天室"))).containsExactlyInAnyOrder("owner", "guest");
        assertThat(snapshot.membersByRoomKey().get("lobby")).containsExactlyInAnyOrder("owner", "guest");
        assertThat(await(store.findUserByToken("tok", 0))).isPresent();
        assertThat(await(store.append(new NewMessage(Conversation.room("聊天室"), 2, "owner", null, "again", null)))
                .message().seq()).isEqualTo(2);
    }

    @Test
    void close_commitsQueuedWrites_andLaterWritesFail() throws Exception {
        open();
        Conversation room = Conversation.room(ChatStore.LOBBY);
        List<CompletableFuture<AppendResult>> queued = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            queued.add(store.append(new NewMessage(room, i, "q", null, "m", null)));
        }
        store.close();
        for (CompletableFuture<AppendResult> f : queued) {
            assertThat(await(f).message().seq()).isPositive();
        }
        assertThat(failure(store.append(new NewMessage(room, 1, "q", null, "late", null))))
                .isInstanceOf(StoreException.class).hasMessageContaining("closed");
        store = openStore(16);
        assertThat(await(store.latestSeq(room))).isEqualTo(100);
    }

    @Test
    void failedWrite_rollsBackAlone_andOthersInTheBatchCommit() throws Exception {
        open();
        CompletableFuture<RoomRecord> ok = store.createRoom("solo", "nobody-registered", false, 1);
        CompletableFuture<UserRecord> user = store.createUser("real", "h", 1);
        assertThat(failure(ok)).isInstanceOf(StoreException.class);
        assertThat(await(user).name()).isEqualTo("real");
        assertThat(store.load().rooms()).noneMatch(r -> r.name().equals("solo"));
    }

    @Test
    void aWriteFailingAmidManyQueuedAppends_failsAlone_andTheAppendsKeepTheirOrderAcrossAReopen() throws Exception {
        open();
        Conversation lobby = Conversation.room(ChatStore.LOBBY);
        List<CompletableFuture<AppendResult>> appends = new ArrayList<>();
        CompletableFuture<RoomRecord> failing = null;
        for (int i = 0; i < 300; i++) {
            if (i == 150) {
                failing = store.createRoom("孤岛", "nobody-registered", false, 1); // no such owner: fails
            }
            appends.add(store.append(new NewMessage(lobby, i, "a", null, "第" + i + "条 #" + i, null)));
        }
        assertThat(failure(failing)).isInstanceOf(StoreException.class);
        for (int i = 0; i < appends.size(); i++) {
            assertThat(await(appends.get(i)).message().seq()).as("seq of append %d", i).isEqualTo(i + 1);
        }
        store.close();
        store = null;
        open();
        List<StoredMessage> stored = await(store.history(lobby, null, null, 500));
        assertThat(stored).hasSize(300);
        for (int i = 0; i < 300; i++) {
            assertThat(stored.get(i).seq()).isEqualTo(i + 1);
            assertThat(stored.get(i).text()).isEqualTo("第" + i + "条 #" + i);
        }
        assertThat(store.load().rooms()).noneMatch(r -> r.name().equals("孤岛"));
    }

    @Test
    void seqs_countFromTheCounterRow_whenRoomsAreDeletedMadeAnewAndRenamedBetweenAppends() throws Exception {
        open();
        await(store.createUser("o", "h", 1));
        for (String room : List.of("甲", "乙", "丁", "戊")) {
            await(store.createRoom(room, "o", false, 1));
        }
        appendTo("甲", 3);
        appendTo("乙", 2);
        appendTo("丁", 3);
        appendTo("戊", 3);

        await(store.deleteRoom("甲", 2));
        await(store.createRoom("甲", "o", false, 3));
        assertThat(appendTo("甲", 1)).as("a room made anew after a delete").isEqualTo(1);

        await(store.renameRoom("乙", "丙"));
        assertThat(appendTo("丙", 1)).as("a renamed room counts on").isEqualTo(3);
        await(store.createRoom("乙", "o", false, 4));
        assertThat(appendTo("乙", 1)).as("a new room under a renamed one's old name").isEqualTo(1);

        await(store.deleteRoom("丁", 5));
        await(store.renameRoom("戊", "丁"));
        assertThat(appendTo("丁", 2)).as("a room renamed to a deleted one's name").isEqualTo(5);
        assertThat(await(store.latestSeq(Conversation.room("丁")))).isEqualTo(5);
    }

    /** Appends {@code count} messages to a room one after the other; the last one's seq. */
    private long appendTo(String room, int count) throws Exception {
        long seq = 0;
        for (int i = 0; i < count; i++) {
            seq = await(store.append(new NewMessage(Conversation.room(room), i, "o", null, room + i, null))).message().seq();
        }
        return seq;
    }

    // ---- protocol section 10: never miss a message ----

    @Test
    void readMarkers_moveOnlyForward_andNeverPastTheLatestSeq() throws Exception {
        open();
        await(store.createUser("reader", "h", 1));
        Conversation room = Conversation.room(ChatStore.LOBBY);
        for (int i = 0; i < 3; i++) {
            await(store.append(new NewMessage(room, i, "other", null, "m" + i, null)));
        }
        assertThat(await(store.markRead("reader", room, 2))).isEqualTo(new ReadMarker(2, true));
        assertThat(await(store.markRead("reader", room, 1))).isEqualTo(new ReadMarker(2, false));
        assertThat(((MessageChangeRefused) failure(store.markRead("reader", room, 4))).reason())
                .isEqualTo(MessageChangeRefused.Reason.SEQ_BEYOND_LATEST);
        assertThat(await(store.conversations("reader", 10)).conversations().get(0).read()).isEqualTo(2);
    }

    @Test
    void conversations_countUnreadAndMentions_acrossEditsAndDeletes() throws Exception {
        open();
        long xiaohong = await(store.createUser("小红", "h", 1)).id();
        long bob = await(store.createUser("bob", "h", 1)).id();
        Conversation lobby = Conversation.room(ChatStore.LOBBY);
        Conversation direct = Conversation.direct(bob, xiaohong);
        await(store.append(new NewMessage(lobby, 10, "bob", null, "hi @小红", null, List.of("小红"))));
        await(store.append(new NewMessage(lobby, 11, "小红", null, "mine", null)));
        await(store.append(new NewMessage(lobby, 12, "bob", null, "third", null)));
        await(store.append(new NewMessage(direct, 20, "bob", "小红", "你在吗", null)));

        ConversationPage page = await(store.conversations(Names.key("小红"), 10));
        assertThat(page.more()).isFalse();
        assertThat(page.conversations()).extracting(ConversationSummary::peer).containsExactly("bob", null);
        ConversationSummary dm = page.conversations().get(0);
        assertThat(dm.conversation()).isEqualTo(direct);
        assertThat(dm.unread()).isEqualTo(1);
        assertThat(dm.last().text()).isEqualTo("你在吗");
        ConversationSummary room = page.conversations().get(1);
        assertThat(room.room()).isEqualTo(ChatStore.LOBBY);
        assertThat(room.seq()).isEqualTo(3);
        assertThat(room.unread()).isEqualTo(2);
        assertThat(room.mentions()).isEqualTo(1);

        MessageChange edited = await(store.edit(lobby, 1, "bob", "hi all", List.of(), 30));
        assertThat(edited.changed()).isTrue();
        assertThat(edited.message().editedTs()).isEqualTo(30);
        assertThat(await(store.edit(lobby, 1, "bob", "hi all", List.of(), 31)).changed()).isFalse();
        assertThat(((MessageChangeRefused) failure(store.edit(lobby, 1, "小红", "x", List.of(), 32))).reason())
                .isEqualTo(MessageChangeRefused.Reason.NOT_ALLOWED);
        assertThat(((MessageChangeRefused) failure(store.delete(lobby, 1, "小红", false))).reason())
                .isEqualTo(MessageChangeRefused.Reason.NOT_ALLOWED);
        assertThat(await(store.delete(lobby, 3, "小红", true)).changed()).isTrue();
        assertThat(await(store.delete(lobby, 3, "bob", false)).changed()).isFalse();
        assertThat(((MessageChangeRefused) failure(store.edit(lobby, 3, "bob", "x", List.of(), 33))).reason())
                .isEqualTo(MessageChangeRefused.Reason.DELETED);
        assertThat(((MessageChangeRefused) failure(store.delete(lobby, 9, "bob", true))).reason())
                .isEqualTo(MessageChangeRefused.Reason.NO_SUCH_MESSAGE);

        room = await(store.conversations(Names.key("小红"), 1)).conversations().get(0);
        assertThat(await(store.conversations(Names.key("小红"), 1)).more()).isTrue();
        assertThat(room.conversation()).isEqualTo(direct);
        room = await(store.conversations(Names.key("小红"), 10)).conversations().get(1);
        assertThat(room.unread()).as("seq 1 edited, 2 own, 3 deleted").isEqualTo(1);
        assertThat(room.mentions()).isZero();

        List<StoredMessage> history = await(store.history(lobby, null, null, 10));
        assertThat(history).extracting(StoredMessage::seq).containsExactly(1L, 2L, 3L);
        assertThat(history.get(0).text()).isEqualTo("hi all");
        assertThat(history.get(0).editedTs()).isEqualTo(30);
        assertThat(history.get(2).deleted()).isTrue();
        assertThat(history.get(2).text()).isNull();
    }

    @Test
    void search_findsCjkSubstrings_inWhatTheUserMayRead_newestFirst() throws Exception {
        open();
        long kate = await(store.createUser("kate", "h", 1)).id();
        long liam = await(store.createUser("liam", "h", 1)).id();
        long mia = kate + liam + 1; // an account id nobody has: a conversation kate may not read
        await(store.createRoom("secret", "liam", false, 1));
        Conversation lobby = Conversation.room(ChatStore.LOBBY);
        Conversation secret = Conversation.room("secret");
        await(store.append(new NewMessage(lobby, 10, "liam", null, "明天期末复习", null)));
        await(store.append(new NewMessage(secret, 11, "liam", null, "期末复习答案", null)));
        await(store.append(new NewMessage(Conversation.direct(liam, kate), 12, "liam", "kate", "一起复习吧", null)));
        await(store.append(new NewMessage(Conversation.direct(liam, mia), 13, "liam", "mia", "复习?", null)));
        await(store.append(new NewMessage(lobby, 14, "liam", null, "复习 100%_done", null)));
        await(store.append(new NewMessage(lobby, 15, "liam", null, "old text", null)));
        await(store.edit(lobby, 3, Names.key("liam"), "NEW text 复习", List.of(), 16));
        await(store.delete(lobby, 2, Names.key("liam"), false));

        assertThat(await(store.search(new SearchQuery("kate", null, "复习", null, 20, 100))))
                .extracting(StoredMessage::text).containsExactly("NEW text 复习", "一起复习吧", "明天期末复习");
        assertThat(await(store.search(new SearchQuery("kate", null, "new TEXT", null, 20, 100))))
                .extracting(StoredMessage::text).containsExactly("NEW text 复习");
        assertThat(await(store.search(new SearchQuery("kate", null, "old text", null, 20, 100)))).isEmpty();
        assertThat(await(store.search(new SearchQuery("kate", null, "复习", 12L, 20, 100))))
                .extracting(StoredMessage::ts).containsExactly(10L);
        assertThat(await(store.search(new SearchQuery("kate", lobby, "复习", null, 1, 100)))).hasSize(2);
        assertThat(await(store.search(new SearchQuery("kate", null, "%_", null, 20, 100)))).isEmpty();
        assertThat(await(store.search(new SearchQuery("kate", null, "期", null, 20, 100))))
                .extracting(StoredMessage::text).containsExactly("明天期末复习");
        assertThat(await(store.search(new SearchQuery("kate", null, "期", null, 20, 2))))
                .as("a short query looks at the newest 2 messages of each conversation only").isEmpty();
        assertThat(await(store.search(new SearchQuery(Names.key("liam"), null, "期末", null, 20, 100))))
                .extracting(StoredMessage::text).containsExactly("期末复习答案", "明天期末复习");
    }
}
