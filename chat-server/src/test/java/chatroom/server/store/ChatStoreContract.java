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
        await(store.createUser("w", "h", 1));
        Conversation room = Conversation.room(ChatStore.LOBBY);
        Conversation pair = Conversation.direct("w", "x");
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
        assertThat(Conversation.direct("X", "w")).isEqualTo(pair);
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
}
