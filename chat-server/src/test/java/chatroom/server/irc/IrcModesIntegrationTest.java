package chatroom.server.irc;

import chatroom.server.testing.IrcClient;
import chatroom.server.testing.ChatServerExtension;
import chatroom.server.testing.WireClient;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * §11 over real sockets: channel and user modes as far as the JSON protocol's rooms express them
 * ({@code +i} private, {@code @} owner, {@code +b} the (empty) room ban list), {@code multi-prefix},
 * and {@code AWAY} with {@code away-notify}.
 */
class IrcModesIntegrationTest {

    @RegisterExtension
    static final ChatServerExtension server =
            ChatServerExtension.withConfig(b -> b.rate(1000).burst(1000).irc(new IrcConfig(0, "")));

    private static IrcClient irc() {
        return IrcClient.connect(server.chatServer().ircPort());
    }

    private static String password(String user) {
        return WireClient.passwordOf(user);
    }

    @Test
    void privateRoom_showsPlusI_andItsOwnerIsOpInNamesAndWho() {
        WireClient owner = server.user("店主");
        owner.ok("join", "room", "密室", "private", true);
        server.user("guest1");
        owner.ok("invite", "room", "密室", "user", "guest1");
        owner.ok("join", "room", "公开");
        try (IrcClient client = irc().passLogin("guest1", password("guest1"))) {
            client.send("JOIN #密室");
            client.awaitCommand("366", "#密室");
            client.send("MODE #密室");
            assertThat(client.awaitCommand("324")).endsWith(" #密室 :+i");
            client.send("NAMES #密室");
            assertThat(client.awaitCommand("353", "#密室")).contains("@店主").contains(" guest1")
                    .doesNotContain("@guest1");
            client.send("WHO #密室");
            assertThat(client.awaitCommand("352", "店主")).contains(" H@ ");
            assertThat(client.awaitCommand("352", "guest1")).contains(" H ");
            client.awaitCommand("315", "#密室");

            client.send("JOIN #公开");
            client.awaitCommand("366", "#公开");
            client.send("MODE #公开");
            assertThat(client.awaitCommand("324")).endsWith(" #公开 :+");
        }
    }

    @Test
    void modeChanges_theProtocolCannotMake_getStandardNumericsWithAReason() {
        WireClient json = server.user("modeowner");
        json.ok("join", "room", "modes");
        server.user("modemember");
        try (IrcClient owner = irc().passLogin("modeowner", password("modeowner"));
             IrcClient member = irc().passLogin("modemember", password("modemember"))) {
            member.send("JOIN #modes");
            member.awaitCommand("366", "#modes");
            owner.send("JOIN #modes");
            owner.awaitCommand("366", "#modes");

            member.send("MODE #modes +i");
            assertThat(member.awaitCommand("482")).contains("#modes");
            member.send("MODE #modes +o modemember");
            assertThat(member.awaitCommand("482")).contains("#modes");
            owner.send("MODE #modes +i");
            assertThat(owner.awaitCommand("472")).contains(" i ").contains("created");
            owner.send("MODE #modes +o modemember");
            assertThat(owner.awaitCommand("472")).contains(" o ").contains("owner");
            owner.send("MODE #modes +x");
            assertThat(owner.awaitCommand("472")).contains(" x ");

            member.send("MODE #modes +b");
            assertThat(member.awaitCommand("368")).contains("#modes");
            member.send("MODE #modes b");
            assertThat(member.awaitCommand("368")).contains("#modes");
            owner.send("MODE #modes +b modemember");
            assertThat(owner.awaitCommand("472")).contains(" b ").contains("server-wide");

            member.send("MODE modemember");
            assertThat(member.awaitCommand("221")).endsWith(" :+");
            member.send("MODE modeowner");
            assertThat(member.awaitCommand("502")).contains("modemember");
            member.send("MODE #nowhere-at-all");
            assertThat(member.awaitCommand("403")).contains("#nowhere-at-all");
        }
    }

    @Test
    void multiPrefix_isOffered_andNamesCarryEveryPrefix() {
        WireClient json = server.user("mpowner");
        json.ok("join", "room", "multi");
        server.user("mpuser");
        try (IrcClient client = irc()) {
            client.send("CAP LS 302");
            assertThat(client.awaitCommand("CAP", " LS ")).contains("multi-prefix", "away-notify");
        }
        try (IrcClient client = irc().saslLogin("mpuser", password("mpuser"), "multi-prefix")) {
            client.send("JOIN #multi");
            assertThat(client.awaitCommand("353", "#multi")).contains("@mpowner");
            client.send("WHO #multi");
            assertThat(client.awaitCommand("352", "mpowner")).contains(" H@ ");
        }
    }

    @Test
    void away_isSentToAwayNotifyClientsInSharedChannels_andShownByWhoAndWhois() {
        WireClient json = server.user("awaywatch");
        json.ok("join", "room", "away");
        server.user("awayuser");
        server.user("awayplain");
        try (IrcClient watcher = irc().saslLogin("awaywatch", password("awaywatch"), "away-notify");
             IrcClient plain = irc().passLogin("awayplain", password("awayplain"));
             IrcClient user = irc().passLogin("awayuser", password("awayuser"))) {
            watcher.send("JOIN #away");
            watcher.awaitCommand("366", "#away");
            plain.send("JOIN #away");
            plain.awaitCommand("366", "#away");
            user.send("JOIN #away");
            user.awaitCommand("366", "#away");

            user.send("AWAY :吃午饭 lunch");
            user.awaitCommand("306");
            assertThat(watcher.awaitCommand("AWAY")).isEqualTo(":awayuser!awayuser@chatroom AWAY :吃午饭 lunch");
            watcher.send("WHO #away");
            assertThat(watcher.awaitCommand("352", "awayuser")).contains(" G ");
            watcher.send("WHOIS awayuser");
            assertThat(watcher.awaitCommand("301")).endsWith(":吃午饭 lunch");
            watcher.awaitCommand("318");

            user.send("AWAY");
            user.awaitCommand("305");
            assertThat(watcher.awaitCommand("AWAY")).isEqualTo(":awayuser!awayuser@chatroom AWAY");

            plain.send("PING done");
            plain.awaitCommand("PONG", "done");
            assertThat(plain.drain(Duration.ofMillis(300))).noneMatch(l -> IrcClient.commandOf(l).equals("AWAY"));
        }
    }
    /** AWAY walks the online sessions: a client that flips it fast gets one announcement a second, the last state. */
    @Test
    void rapidAwayChanges_reachOthersCoalesced_theLastOneWins() {
        WireClient json = server.user("flipwatch");
        json.ok("join", "room", "flips");
        server.user("flipper");
        try (IrcClient watcher = irc().saslLogin("flipwatch", password("flipwatch"), "away-notify");
             IrcClient flipper = irc().passLogin("flipper", password("flipper"))) {
            flipper.send("JOIN #flips");
            flipper.awaitCommand("366", "#flips");
            watcher.awaitCommand("JOIN", "flipper");
            for (int i = 1; i <= 20; i++) {
                flipper.send("AWAY :state " + i);
            }
            flipper.send("AWAY :final 最后");
            assertThat(watcher.awaitCommand("AWAY", "final")).endsWith(":final 最后");
            List<String> seen = watcher.drain(Duration.ofMillis(300));
            long announcements = seen.stream().filter(l -> IrcClient.commandOf(l).equals("AWAY")).count();
            assertThat(announcements).as("AWAY lines before the final one: %s", seen).isLessThanOrEqualTo(2);
        }
    }
}
