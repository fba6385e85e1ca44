package chatroom.client;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.codec.message.ChatMessage;
import chatroom.codec.message.MessageDeleted;
import chatroom.codec.message.MessageEdited;
import chatroom.codec.message.ReadMarked;
import chatroom.codec.message.Results.ConversationEntry;
import chatroom.codec.message.Results.ConversationsResult;
import chatroom.server.ChatServer;
import chatroom.server.config.ServerConfig;
import chatroom.testing.Wait;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library's calls and callbacks for protocol section 10, against the real server. */
class NeverMissClientTest {

    @TempDir
    Path dataDir;

    private ChatServer server;
    private ChatClient bob;
    private ChatClient lileiPhone;
    private ChatClient lileiLaptop;
    private final List<Object> laptopHeard = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = ChatServer.start(ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir).build());
        bob = TestClients.signedUp(server.port(), "bob");
        lileiPhone = TestClients.signedUp(server.port(), "李雷");
        lileiLaptop = ChatClient.create(ClientOptions.builder().host("127.0.0.1").port(server.port()).build());
        get(lileiLaptop.connect());
        get(lileiLaptop.login("李雷", "password-李雷"));
        lileiLaptop.addListener(new ChatListener() {
            @Override
            public void onMessage(ChatMessage message) {
                laptopHeard.add(message);
            }

            @Override
            public void onRead(ReadMarked read) {
                laptopHeard.add(read);
            }

            @Override
            public void onEdited(MessageEdited edited) {
                laptopHeard.add(edited);
            }

            @Override
            public void onDeleted(MessageDeleted deleted) {
                laptopHeard.add(deleted);
            }
        });
    }

    @AfterEach
    void stop() {
        bob.close();
        lileiPhone.close();
        lileiLaptop.close();
        server.close();
    }

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    @Test
    void conversationsReadEditDeleteAndSearch_throughTheLibrary() throws Exception {
        get(bob.sendDirect("李雷", "期末复习在哪里？"));
        get(bob.send("lobby", "@李雷 看私信"));
        Wait.until("the laptop got the mention", () -> laptopHeard.stream().anyMatch(e -> e instanceof ChatMessage m
                && m.mentions() != null && m.mentions().contains("李雷")));

        ConversationsResult list = get(lileiPhone.conversations(null));
        ConversationEntry direct = list.conversations().stream().filter(c -> "bob".equals(c.with())).findFirst()
                .orElseThrow();
        assertThat(direct.unread()).isEqualTo(1);
        assertThat(direct.last().text()).isEqualTo("期末复习在哪里？");
        ConversationEntry lobby = list.conversations().stream().filter(c -> "lobby".equals(c.room())).findFirst()
                .orElseThrow();
        assertThat(lobby.mentions()).isEqualTo(1);

        assertThat(get(lileiPhone.readWith("bob", 1)).seq()).isEqualTo(1);
        Wait.until("the laptop heard the read", () -> laptopHeard.stream().anyMatch(e -> e instanceof ReadMarked r
                && "bob".equals(r.with()) && r.seq() == 1));

        get(bob.editWith("李雷", 1, "期末复习在图书馆"));
        get(bob.delete("lobby", 1));
        Wait.until("the laptop heard the edit and the delete", () ->
                laptopHeard.stream().anyMatch(e -> e instanceof MessageEdited m && "期末复习在图书馆".equals(m.text()))
                        && laptopHeard.stream().anyMatch(e -> e instanceof MessageDeleted d && d.seq() == 1));

        assertThat(get(lileiPhone.search("复习", null, null, null, null)).hits())
                .extracting(ChatMessage::text).containsExactly("期末复习在图书馆");
        assertThat(get(lileiPhone.history("lobby", null, null, null)).messages().get(0).isDeleted()).isTrue();
    }
}
