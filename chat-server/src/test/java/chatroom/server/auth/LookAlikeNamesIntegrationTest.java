package chatroom.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.testing.ServerFixture;
import chatroom.server.testing.WireClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names are identities (protocol section 9) over the wire: a name that looks like an existing
 * user or room is refused or is that user or room, and file names cannot hide their extension.
 */
class LookAlikeNamesIntegrationTest {

    private static final String BOLD_ROOT = "\uD835\uDC2B\uD835\uDC28\uD835\uDC28\uD835\uDC2D";

    @TempDir
    Path dataDir;

    private ServerFixture fixture;

    @BeforeEach
    void start() {
        fixture = new ServerFixture(dataDir);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void register_aLookAlikeOfAnExistingUser_isRefused() {
        WireClient root = fixture.user("root");
        fixture.user("carol");
        WireClient stranger = fixture.connect();

        assertThat(registerError(stranger, "root\uFE0F")).isEqualTo("invalid_name");
        assertThat(registerError(stranger, "carol\u034F")).isEqualTo("invalid_name");
        assertThat(registerError(stranger, "ro\u200Bot")).isEqualTo("invalid_name");
        assertThat(registerError(stranger, "root\u202E")).isEqualTo("invalid_name");
        // mixed scripts: a look-alike of an existing name is user_exists (the contract's Cyrillic rооt),
        // any other mixed name invalid_name
        assertThat(registerError(stranger, "r\u043E\u043Et")).as("Cyrillic o among Latin").isEqualTo("user_exists");
        assertThat(registerError(stranger, "r\u03BFot")).as("Greek omicron among Latin").isEqualTo("user_exists");
        assertThat(registerError(stranger, "z\u043E\u043E")).as("mixed, like nobody").isEqualTo("invalid_name");
        assertThat(registerError(stranger, "ｒｏｏｔ")).isEqualTo("user_exists");
        assertThat(registerError(stranger, BOLD_ROOT)).isEqualTo("user_exists");
        assertThat(registerError(stranger, "ℝoot")).isEqualTo("user_exists");
        assertThat(registerError(stranger, "ROOT")).isEqualTo("user_exists");

        // only root speaks as root
        root.ok("send", "room", "lobby", "text", "hi");
        assertThat(stranger.request("login", "user", "ｒｏｏｔ", "password", "password-stranger")
                .path("code").asText()).isEqualTo("bad_credentials");
    }

    @Test
    void register_anAllCyrillicLookAlike_isRefusedAsExisting() {
        fixture.user("ape");
        assertThat(registerError(fixture.connect(), "\u0430\u0440\u0435")).isEqualTo("user_exists");
    }

    @Test
    void chineseKoreanAndJapaneseNames_registerAndShowAsTyped() {
        WireClient xiaohong = fixture.user("小红");
        WireClient minsu = fixture.user("김민수");
        fixture.user("山田さくら");
        fixture.user("李雷");

        xiaohong.ok("send", "room", "lobby", "text", "你好");
        ObjectNode heard = minsu.messageIn("lobby");
        assertThat(heard.path("from").asText()).isEqualTo("小红");
        assertThat(heard.path("text").asText()).isEqualTo("你好");
    }

    @Test
    void join_aLookAlikeOfLobby_joinsLobby_orIsRefused() {
        WireClient alice = fixture.user("alice");

        assertThat(alice.ok("join", "room", "ｌｏｂｂｙ").path("room").asText()).isEqualTo("lobby");
        assertThat(alice.ok("join", "room", "LOBBY").path("room").asText()).isEqualTo("lobby");
        assertThat(alice.error("join", "room", "lobby\uFE0F")).isEqualTo("invalid_name");
        assertThat(alice.ok("join", "room", "lobb\u0443").path("room").asText())
                .as("a mixed-script look-alike joins the room it looks like").isEqualTo("lobby");
        assertThat(alice.error("join", "room", "l\u043Ebby-\u043D\u0435\u0442")).as("mixed, like no room")
                .isEqualTo("invalid_name");
        assertThat(alice.ok("rooms").path("rooms").findValuesAsText("room")).containsExactly("lobby");
    }

    @Test
    void join_aLookAlikeOfAnyRoom_joinsThatRoom() {
        WireClient alice = fixture.user("alice");
        WireClient bob = fixture.user("bob");
        alice.ok("join", "room", "general");

        ObjectNode joined = bob.ok("join", "room", "ｇｅｎｅｒａｌ");
        assertThat(joined.path("room").asText()).isEqualTo("general");
        assertThat(joined.path("members").asInt()).isEqualTo(2);
    }

    @Test
    void filePut_aNameWithBidiOrFormatControls_isRefused() throws Exception {
        WireClient alice = fixture.user("alice");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(new byte[1]));
        for (String bad : new String[] {"evil\u202Etxt.exe", "a\u2066b.txt", "a\u200Bb.txt", "a\u2028b.txt",
                "a\u061Cb.txt"}) {
            assertThat(alice.request("file_put", "room", "lobby", "name", bad, "size", 1, "sha256", sha)
                    .path("code").asText()).as("name %s", bad.codePoints().mapToObj(Integer::toHexString).toList())
                    .isEqualTo("bad_request");
        }
        assertThat(alice.ok("file_put", "room", "lobby", "name", "课程 讲义 (1).pdf", "size", 1, "sha256", sha)
                .path("file_id").asText()).isNotEmpty();
    }

    @Test
    void anAdminNamedInTheConfiguration_isAdmin_underTheNewKeys_andALookAlikeIsNot() {
        fixture.close();
        fixture = new ServerFixture(dataDir.resolve("admins"), b -> b.admins(java.util.Set.of("Emma")));
        WireClient emma = fixture.user("emma");
        fixture.user("troll");
        emma.ok("ban", "user", "troll");
        assertThat(registerError(fixture.connect(), "ｅｍｍａ")).isEqualTo("user_exists");
    }

    private static String registerError(WireClient client, String name) {
        return client.error("register", "user", name, "password", "password-stranger");
    }
}
