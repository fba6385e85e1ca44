package chatroom.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import chatroom.server.testing.ChatServerExtension;
import chatroom.server.testing.WireClient;
import chatroom.testing.Wait;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * The audit log: who did what to whom from where, for every moderation and admin action and every
 * failed login, in its own logger; never a password, token or message text.
 */
class AuditLogIntegrationTest {

    private static final String AUDIT_LOGGER = "chatroom.audit";
    private static final String SECRET = "hunter2-wrong-password";
    private static final String RESET_SECRET = "new-secret-password-重置";

    @RegisterExtension
    static final ChatServerExtension server = new ChatServerExtension();
    static WireClient admin;
    static final ListAppender<ILoggingEvent> captured = new ListAppender<>();

    @BeforeAll
    static void start() {
        captured.start();
        ((Logger) LoggerFactory.getLogger(AUDIT_LOGGER)).addAppender(captured);
        admin = server.user("admin");
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger(AUDIT_LOGGER)).detachAppender(captured);
    }

    /** The audit lines so far, as logged (message with its fields). */
    private static List<String> lines() {
        synchronized (captured.list) {
            return captured.list.stream()
                    .filter(e -> e.getLoggerName().equals(AUDIT_LOGGER))
                    .map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    private static String lineWith(String... parts) {
        Wait.until("an audit line with " + String.join(", ", parts),
                () -> lines().stream().anyMatch(l -> containsAll(l, parts)));
        return lines().stream().filter(l -> containsAll(l, parts)).findFirst().orElseThrow();
    }

    private static boolean containsAll(String line, String... parts) {
        for (String part : parts) {
            if (!line.contains(part)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void ban_isAudited_withActorTargetAndAddress() {
        server.user("troll");

        admin.ok("ban", "user", "troll", "reason", "spam");

        assertThat(lineWith("action=ban", "target=troll")).contains("actor=admin").contains("address=127.0.0.1");
        admin.ok("unban", "user", "troll");
        assertThat(lineWith("action=unban", "target=troll")).contains("actor=admin");
    }

    @Test
    void failedLogin_isAudited_withUserAndAddress_butNeverThePassword() {
        server.user("victim");
        WireClient attacker = server.connect();

        assertThat(attacker.error("login", "user", "victim", "password", SECRET)).isEqualTo("bad_credentials");

        assertThat(lineWith("action=login_failed", "target=victim")).contains("address=127.0.0.1");
        assertThat(lines()).noneMatch(l -> l.contains(SECRET));
    }

    @Test
    void unknownToken_isAudited_withTheAddress_butNeverTheToken() {
        WireClient stranger = server.connect();
        String token = "stolen-or-guessed-token-0123456789";

        assertThat(stranger.error("login", "token", token)).isEqualTo("bad_token");

        assertThat(lineWith("action=token_refused")).contains("address=127.0.0.1");
        assertThat(lines()).noneMatch(l -> l.contains(token));
    }

    @Test
    void adminActions_onAccountsAndRooms_areAudited_withoutPasswords() {
        WireClient owner = server.user("owner");
        server.user("member");
        owner.ok("join", "room", "讨论");
        owner.ok("invite", "room", "讨论", "user", "member");

        owner.ok("kick", "room", "讨论", "user", "member");
        admin.ok("user_reset", "user", "member", "password", RESET_SECRET);
        admin.ok("user_rename", "user", "member", "new_name", "member2");
        admin.ok("room_rename", "room", "讨论", "new_name", "讨论2");
        admin.ok("room_delete", "room", "讨论2");
        admin.ok("user_delete", "user", "member2");

        assertThat(lineWith("action=kick", "actor=owner", "target=member")).contains("讨论");
        lineWith("action=user_reset", "actor=admin", "target=member");
        lineWith("action=user_rename", "actor=admin", "target=member", "member2");
        lineWith("action=room_rename", "actor=admin", "target=讨论", "讨论2");
        lineWith("action=room_delete", "actor=admin", "target=讨论2");
        lineWith("action=user_delete", "actor=admin", "target=member2");
        lineWith("action=register", "target=owner");
        assertThat(lines()).noneMatch(l -> l.contains(RESET_SECRET)).noneMatch(l -> l.contains("password-"));
    }

    @Test
    void auditLines_areWrittenToAnOwnerOnlyFileInTheDataDirectory() throws IOException {
        server.user("filed");
        admin.ok("ban", "user", "filed");

        Path file = server.dataDir().resolve("audit.log");
        Wait.until("the ban in audit.log", () -> Files.exists(file) && read(file).contains("target=filed"));
        assertThat(read(file)).doesNotContain(SECRET);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
