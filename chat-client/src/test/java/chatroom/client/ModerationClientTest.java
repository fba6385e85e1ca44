package chatroom.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chatroom.codec.message.Event;
import chatroom.codec.message.Muted;
import chatroom.codec.message.Renamed;
import chatroom.codec.message.RoomDeleted;
import chatroom.codec.message.Unmuted;
import chatroom.server.ChatServer;
import chatroom.server.config.ServerConfig;
import chatroom.testing.Wait;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library's calls for private rooms, mutes and administration, against the real server. */
class ModerationClientTest {

    @TempDir
    Path dataDir;

    private ChatServer server;
    private ChatClient boss;
    private ChatClient bob;
    private final List<Event> bobEvents = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = ChatServer.start(ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir).registrationsPerMinute(1000)
                .admins(Set.of("boss")).build());
        boss = signedUp("boss");
        bob = signedUp("bob");
        bob.addListener(new ChatListener() {
            @Override
            public void onEvent(Event event) {
                bobEvents.add(event);
            }
        });
    }

    @AfterEach
    void stop() {
        boss.close();
        bob.close();
        server.close();
    }

    private ChatClient signedUp(String name) throws Exception {
        return TestClients.signedUp(server.port(), name);
    }

    private static <T> T get(java.util.concurrent.CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    @Test
    void privateRoom_invite_mute_unmute() throws Exception {
        assertThat(get(boss.createPrivate("vault")).room()).isEqualTo("vault");
        assertThatThrownBy(() -> get(bob.join("vault"))).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("private");
        get(boss.invite("vault", "bob"));
        get(boss.mute("vault", "bob", null));
        assertThatThrownBy(() -> get(bob.send("vault", "hi"))).hasCauseInstanceOf(ChatException.class)
                .satisfies(e -> assertThat(((ChatException) e.getCause()).code()).isEqualTo("muted"));
        get(boss.unmute("vault", "bob"));
        get(bob.send("vault", "hi"));
        Wait.until("bob heard mute and unmute", () -> bobEvents.stream().anyMatch(Muted.class::isInstance)
                && bobEvents.stream().anyMatch(Unmuted.class::isInstance));
    }

    @Test
    void adminCalls_renameAndDeleteRooms_resetAndDeleteAccounts() throws Exception {
        get(bob.join("study"));
        get(boss.renameRoom("study", "学习"));
        Wait.until("bob hears the rename", () -> bobEvents.stream().anyMatch(e -> e instanceof Renamed r
                && r.newName().equals("学习")));
        get(boss.deleteRoom("学习"));
        Wait.until("bob hears the deletion", () -> bobEvents.stream().anyMatch(RoomDeleted.class::isInstance));

        get(boss.renameUser("bob", "小波"));
        get(boss.resetPassword("小波", "another-password"));
        Wait.until("bob's session ends", () -> bob.state() != ConnectionState.CONNECTED);
        ChatClient renamed = ChatClient.create(ClientOptions.builder().host("127.0.0.1").port(server.port()).build());
        try (renamed) {
            get(renamed.connect());
            assertThat(get(renamed.login("小波", "another-password")).user()).isEqualTo("小波");
        }
        get(boss.deleteUser("小波"));
        assertThatThrownBy(() -> get(boss.deleteUser("小波"))).hasMessageContaining("no user");
    }
}
