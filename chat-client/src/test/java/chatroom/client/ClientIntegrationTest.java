package chatroom.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chatroom.codec.message.ChatMessage;
import chatroom.codec.message.Event;
import chatroom.server.ChatServer;
import chatroom.server.config.ServerConfig;
import chatroom.testing.Wait;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library against the real server on loopback: chat, restart and resume, a send cut off. */
class ClientIntegrationTest {

    @TempDir
    Path dataDir;
    private ChatServer server;
    private int port;
    private final List<ChatClient> clients = new ArrayList<>();

    private void startServer() throws InterruptedException {
        server = ChatServer.start(ServerConfig.builder().host("127.0.0.1").port(port).dataDir(dataDir).registrationsPerMinute(1000)
                .rate(1000).burst(1000).shutdownGraceS(2).admins(Set.of("admin")).build());
        port = server.port();
    }

    @AfterEach
    void tearDown() {
        clients.forEach(ChatClient::close);
        if (server != null) {
            server.close();
        }
    }

    /** Records what a client's listeners get. */
    static final class Recorder implements ChatListener {
        final List<ChatMessage> messages = new CopyOnWriteArrayList<>();
        final List<Event> events = new CopyOnWriteArrayList<>();
        final List<String> states = new CopyOnWriteArrayList<>();

        @Override
        public void onMessage(ChatMessage message) {
            messages.add(message);
        }

        @Override
        public void onEvent(Event event) {
            events.add(event);
        }

        @Override
        public void onStateChange(ConnectionState state, String detail) {
            states.add(state + " " + detail);
        }

        List<String> texts(String room) {
            return messages.stream().filter(m -> room.equals(m.room())).map(ChatMessage::text).toList();
        }

        List<Long> seqs(String room) {
            return messages.stream().filter(m -> room.equals(m.room())).map(ChatMessage::seq).toList();
        }
    }

    private BlockingChatClient client(Recorder recorder) {
        ChatClient client = ChatClient.create(ClientOptions.builder().host("127.0.0.1").port(port)
                .reconnect(new ReconnectPolicy(true, Duration.ofMillis(50), Duration.ofMillis(500), 2, 0.2))
                .requestTimeout(Duration.ofSeconds(20)).build());
        client.addListener(recorder);
        clients.add(client);
        BlockingChatClient blocking = client.blocking();
        blocking.connect();
        return blocking;
    }

    @Test
    void twoClients_chatInARoomAndDirectly() throws Exception {
        startServer();
        Recorder aliceSees = new Recorder();
        Recorder bobSees = new Recorder();
        BlockingChatClient alice = client(aliceSees);
        BlockingChatClient bob = client(bobSees);
        alice.register("alice", "password1");
        bob.register("鲍勃", "password1");
        assertThat(alice.login("alice", "password1").token()).isNotBlank();
        bob.login("鲍勃", "password1");
        alice.join("talk");
        bob.join("talk");
        assertThat(alice.send("talk", "hi bob").seq()).isEqualTo(1);
        bob.send("talk", "你好 alice");
        alice.sendDirect("鲍勃", "psst");

        Wait.until("both messages at bob", () -> bobSees.texts("talk").size() == 2);
        Wait.until("both messages at alice", () -> aliceSees.texts("talk").size() == 2);
        assertThat(bobSees.texts("talk")).containsExactly("hi bob", "你好 alice");
        Wait.until("the direct message", () -> bobSees.messages.stream().anyMatch(m -> "psst".equals(m.text())));
        ChatMessage direct = bobSees.messages.stream().filter(m -> "psst".equals(m.text())).findFirst().orElseThrow();
        assertThat(direct.with()).isEqualTo("alice");
        assertThatThrownBy(() -> bob.send("nowhere", "x")).isInstanceOf(ChatException.class)
                .extracting(e -> ((ChatException) e).code()).isEqualTo("no_such_room");
    }

    @Test
    void serverRestart_midConversation_resumesWithNoGapAndNoDuplicate() throws Exception {
        startServer();
        Recorder readerSees = new Recorder();
        BlockingChatClient reader = client(readerSees);
        BlockingChatClient writer = client(new Recorder());
        reader.register("reader", "password1");
        writer.register("writer", "password1");
        reader.login("reader", "password1");
        writer.login("writer", "password1");
        reader.join("log");
        writer.join("log");
        for (int i = 1; i <= 5; i++) {
            writer.send("log", "before " + i);
        }
        Wait.until("first five", () -> readerSees.seqs("log").size() == 5);

        server.close();
        Wait.until("reader notices", () -> reader.async().state() == ConnectionState.RECONNECTING);
        startServer();
        Wait.until("writer back", Duration.ofSeconds(20), () -> writer.async().state() == ConnectionState.RESUMED);
        for (int i = 1; i <= 5; i++) {
            writer.send("log", "after " + i);
        }
        Wait.until("all ten", Duration.ofSeconds(20), () -> readerSees.seqs("log").size() >= 10);
        List<Long> expected = new ArrayList<>();
        for (long seq = 1; seq <= 10; seq++) {
            expected.add(seq);
        }
        assertThat(readerSees.seqs("log")).containsExactlyElementsOf(expected);
        assertThat(readerSees.states).anyMatch(s -> s.startsWith("RESUMED"));
    }

    @Test
    void messagesSentWhileAClientIsAway_areFetchedOnResume_inOrder() throws Exception {
        startServer();
        Recorder readerSees = new Recorder();
        BlockingChatClient reader = client(readerSees);
        BlockingChatClient writer = client(new Recorder());
        reader.register("away", "password1");
        writer.register("talker", "password1");
        reader.login("away", "password1");
        writer.login("talker", "password1");
        reader.join("news");
        writer.join("news");
        writer.send("news", "one");
        writer.sendDirect("away", "dm one");
        Wait.until("first ones", () -> readerSees.messages.size() == 2);

        reader.async().dropConnection();
        for (int i = 2; i <= 30; i++) {
            writer.send("news", "n" + i);
            if (i % 10 == 0) {
                writer.sendDirect("away", "dm " + i);
            }
        }
        Wait.until("caught up", Duration.ofSeconds(20), () -> readerSees.messages.size() == 2 + 29 + 3);
        assertThat(readerSees.seqs("news")).isSorted().doesNotHaveDuplicates().hasSize(30);
        List<Long> directSeqs = readerSees.messages.stream().filter(m -> m.room() == null).map(ChatMessage::seq).toList();
        assertThat(directSeqs).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void sendCutOffByADroppedConnection_isStoredExactlyOnce() throws Exception {
        startServer();
        Recorder sees = new Recorder();
        BlockingChatClient a = client(sees);
        a.register("resender", "password1");
        a.login("resender", "password1");
        a.join("once");
        var pending = a.async().send("once", "exactly once");
        a.async().dropConnection();
        var result = pending.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(result.seq()).isEqualTo(1);
        Wait.until("resumed", () -> a.async().state() == ConnectionState.RESUMED
                || a.async().state() == ConnectionState.CONNECTED);
        assertThat(a.history("once", null, null, 50).messages()).extracting(ChatMessage::text)
                .containsExactly("exactly once");
        a.send("once", "next");
        Wait.until("both delivered", () -> sees.texts("once").size() == 2);
        assertThat(sees.texts("once")).containsExactly("exactly once", "next");
        assertThat(Collections.frequency(sees.texts("once"), "exactly once")).isEqualTo(1);
    }

    @Test
    void connect_toASocketThatClosesBeforeWelcome_failsInsteadOfHanging() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread closer = new Thread(() -> {
                try (java.net.Socket accepted = silent.accept()) {
                    // accept, say nothing, close: what a proxy does while its backend starts
                } catch (java.io.IOException ignored) {
                    // test over
                }
            });
            closer.start();
            ChatClient client = ChatClient.create(ClientOptions.builder().host("127.0.0.1").port(silent.getLocalPort())
                    .build());
            clients.add(client);
            assertThatThrownBy(() -> client.connect().get(10, java.util.concurrent.TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ChatException.class);
            closer.join();
        }
    }

    @Test
    void serverClosingAnIdleUnauthenticatedConnection_isNotReconnectedUntilTheNextRequest() throws Exception {
        server = ChatServer.start(ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir).registrationsPerMinute(1000)
                .loginTimeoutS(1).build());
        port = server.port();
        Recorder sees = new Recorder();
        BlockingChatClient slowTypist = client(sees);
        Wait.until("idle", () -> slowTypist.async().state() == ConnectionState.IDLE);
        assertThat(sees.states).noneMatch(s -> s.startsWith("RECONNECTING"));
        slowTypist.register("slow", "password1");
        assertThat(slowTypist.login("slow", "password1").user()).isEqualTo("slow");
    }

    @Test
    void logout_disarmsReconnect() throws Exception {
        startServer();
        Recorder sees = new Recorder();
        BlockingChatClient a = client(sees);
        a.register("leaver", "password1");
        a.login("leaver", "password1");
        a.logout();
        Wait.until("closed", () -> a.async().state() == ConnectionState.CLOSED);
        assertThat(sees.states).noneMatch(s -> s.startsWith("RECONNECTING"));
        assertThatThrownBy(() -> a.rooms()).isInstanceOf(ChatException.class);
    }
}
