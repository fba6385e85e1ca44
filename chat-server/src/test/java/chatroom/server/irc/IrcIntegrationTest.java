package chatroom.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.irc.IrcConfig;
import chatroom.server.testing.FileUploads;
import chatroom.server.testing.IrcClient;
import chatroom.server.testing.ChatServerExtension;
import chatroom.server.testing.WireClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * §11 the IRC gateway over real sockets: registration, channels and messages shared with JSON
 * sessions, CJK text, line limits, chathistory, read markers, bouncer replay.
 */
class IrcIntegrationTest {

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
    void saslPlain_registers_andWelcomeBurstIsHonest() {
        server.user("sasl1");
        try (IrcClient client = irc()) {
            client.send("CAP LS 302");
            assertThat(client.awaitCommand("CAP", " LS ")).contains("sasl=PLAIN", "server-time", "draft/chathistory");
            client.saslLogin("sasl1", password("sasl1"), "server-time");
            String isupport = client.awaitCommand("005");
            assertThat(isupport).contains("CHANTYPES=#", "CASEMAPPING=rfc8265", "NICKLEN=32", "CHANNELLEN=65",
                    "CHATHISTORY=200", "UTF8ONLY");
            client.awaitCommand("422");
        }
    }

    @Test
    void pass_registers_andAnotherNickIsChangedToTheAccount() {
        server.user("pass1");
        try (IrcClient client = irc()) {
            client.send("PASS pass1:" + password("pass1"));
            client.send("NICK someone");
            client.send("USER x 0 * :X");
            assertThat(client.awaitCommand("NICK")).startsWith(":someone!").endsWith("pass1");
            assertThat(client.awaitCommand("001")).contains(" 001 pass1 ");
        }
    }

    @Test
    void noCredentials_gets464_andIsClosed() {
        try (IrcClient client = irc()) {
            client.send("NICK nobody");
            client.send("USER nobody 0 * :N");
            client.awaitCommand("464");
            client.awaitCommand("ERROR");
            client.awaitClosed();
        }
    }

    @Test
    void wrongPassword_gets464() {
        server.user("wrongpw1");
        try (IrcClient client = irc()) {
            client.send("PASS wrongpw1:not-the-password");
            client.send("NICK wrongpw1");
            client.send("USER w 0 * :W");
            client.awaitCommand("464");
            client.awaitClosed();
        }
    }

    @Test
    void roomMessages_flowBetweenIrcAndJson_withCjk() {
        WireClient json = server.user("李雷");
        json.ok("join", "room", "茶馆");
        server.user("小红");
        try (IrcClient client = irc().passLogin("小红", password("小红"))) {
            client.send("JOIN #茶馆");
            client.awaitCommand("JOIN", "#茶馆");
            client.awaitCommand("366");
            client.send("PRIVMSG #茶馆 :你好，世界");
            ObjectNode got = json.event(e -> "message".equals(e.path("type").asText())
                    && "小红".equals(e.path("from").asText()));
            assertThat(got.path("room").asText()).isEqualTo("茶馆");
            assertThat(got.path("text").asText()).isEqualTo("你好，世界");

            json.ok("send", "room", "茶馆", "text", "さくら 김민수");
            assertThat(client.awaitCommand("PRIVMSG", "李雷")).startsWith(":李雷!")
                    .endsWith("PRIVMSG #茶馆 :さくら 김민수");
        }
    }

    @Test
    void directMessages_flowBothWays() {
        WireClient json = server.user("dmjson");
        server.user("dmirc");
        try (IrcClient client = irc().passLogin("dmirc", password("dmirc"))) {
            client.send("PRIVMSG dmjson :hi there");
            ObjectNode got = json.event(e -> "message".equals(e.path("type").asText()));
            assertThat(got.path("with").asText()).isEqualTo("dmirc");
            json.ok("send", "to", "dmirc", "text", "hello back");
            assertThat(client.awaitCommand("PRIVMSG", "hello back")).startsWith(":dmjson!").contains("PRIVMSG dmirc ");
        }
    }

    @Test
    void joinPartTopicNamesWhoListKick_workOnTheSharedRooms() {
        WireClient owner = server.user("owner1");
        owner.ok("join", "room", "ops1");
        server.user("member1");
        try (IrcClient boss = irc().passLogin("owner1", password("owner1"));
             IrcClient member = irc().passLogin("member1", password("member1"))) {
            member.send("JOIN #ops1,#other1");
            member.awaitCommand("JOIN", "#ops1");
            member.awaitCommand("JOIN", "#other1");
            assertThat(owner.event("presence").path("user").asText()).isEqualTo("member1");

            boss.send("TOPIC #ops1 :Ops room 运维");
            assertThat(member.awaitCommand("TOPIC")).startsWith(":owner1!").endsWith("TOPIC #ops1 :Ops room 运维");
            member.send("TOPIC #ops1");
            assertThat(member.awaitCommand("332")).endsWith("#ops1 :Ops room 运维");

            member.send("NAMES #ops1");
            assertThat(member.awaitCommand("353")).contains("owner1", "member1");
            member.awaitCommand("366");
            member.send("WHO #ops1");
            assertThat(member.awaitCommand("352", "owner1")).contains(" #ops1 ");
            member.awaitCommand("315");
            member.send("LIST");
            assertThat(member.awaitCommand("322", "#ops1")).contains("Ops room 运维");
            member.awaitCommand("323");

            member.send("KICK #ops1 owner1 :no");
            assertThat(member.awaitCommand("482")).contains("#ops1");
            boss.send("KICK #ops1 member1 :bye now");
            assertThat(member.awaitCommand("KICK")).startsWith(":owner1!").endsWith("KICK #ops1 member1 :bye now");

            member.send("PART #other1");
            member.awaitCommand("PART", "#other1");
            member.send("PRIVMSG #other1 :still here?");
            assertThat(member.awaitCommand("404")).contains("#other1");
            member.send("FROB");
            assertThat(member.awaitCommand("421")).contains("FROB");
            member.send("JOIN");
            assertThat(member.awaitCommand("461")).contains("JOIN");
        }
    }

    @Test
    void overLongLine_gets417_invalidUtf8_isReplaced_andTheConnectionLives() {
        WireClient json = server.user("limits1");
        json.ok("join", "room", "limits");
        server.user("limits2");
        try (IrcClient client = irc().passLogin("limits2", password("limits2"))) {
            client.send("JOIN #limits");
            client.awaitCommand("366");
            client.send("PRIVMSG #limits :" + "x".repeat(600));
            client.awaitCommand("417");
            byte[] start = "PRIVMSG #limits :bad ".getBytes(StandardCharsets.UTF_8);
            byte[] line = new byte[start.length + 4];
            System.arraycopy(start, 0, line, 0, start.length);
            line[start.length] = (byte) 0xff;
            line[start.length + 1] = (byte) 0xfe;
            line[start.length + 2] = '\r';
            line[start.length + 3] = '\n';
            client.sendRaw(line);
            ObjectNode got = json.event(e -> "message".equals(e.path("type").asText())
                    && "limits2".equals(e.path("from").asText()));
            assertThat(got.path("text").asText()).isEqualTo("bad \uFFFD\uFFFD");
            client.send("PING alive");
            client.awaitCommand("PONG", "alive");
        }
    }

    @Test
    void longJsonMessage_isSplitIntoIrcLinesOfAtMost512Bytes() {
        WireClient json = server.user("split1");
        json.ok("join", "room", "split");
        server.user("split2");
        try (IrcClient client = irc().passLogin("split2", password("split2"))) {
            client.send("JOIN #split");
            client.awaitCommand("366");
            String text = "汉".repeat(1000) + "\nsecond line";
            json.ok("send", "room", "split", "text", text);
            StringBuilder joined = new StringBuilder();
            while (!joined.toString().endsWith("second line")) {
                String line = client.awaitCommand("PRIVMSG", "#split");
                assertThat((line + "\r\n").getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(512);
                joined.append(line.substring(line.indexOf(" :") + 2));
            }
            assertThat(joined.toString()).isEqualTo("汉".repeat(1000) + "second line");
        }
    }

    @Test
    void chathistoryLatestAndBefore_answerInABatch_withMsgidAndTime() {
        WireClient json = server.user("hist1");
        json.ok("join", "room", "hist");
        for (int i = 1; i <= 5; i++) {
            json.ok("send", "room", "hist", "text", "m" + i);
        }
        server.user("hist2");
        try (IrcClient client = irc().saslLogin("hist2", password("hist2"),
                "server-time message-tags batch draft/chathistory")) {
            client.send("JOIN #hist");
            client.awaitCommand("366");
            client.send("CHATHISTORY LATEST #hist * 2");
            String open = client.awaitCommand("BATCH", "chathistory");
            String id = open.split(" ")[2].substring(1);
            String first = client.awaitCommand("PRIVMSG", "batch=" + id);
            assertThat(first).contains("msgid=hist/4", "time=").endsWith(":m4");
            assertThat(client.awaitCommand("PRIVMSG", "batch=" + id)).endsWith(":m5");
            client.awaitCommand("BATCH", "-" + id);

            client.send("CHATHISTORY BEFORE #hist msgid=hist/4 2");
            String before = client.awaitCommand("BATCH", "chathistory");
            String beforeId = before.split(" ")[2].substring(1);
            assertThat(client.awaitCommand("PRIVMSG", "batch=" + beforeId)).endsWith(":m2");
            assertThat(client.awaitCommand("PRIVMSG", "batch=" + beforeId)).endsWith(":m3");
            client.awaitCommand("BATCH", "-" + beforeId);
        }
    }

    @Test
    void markread_isSyncedWithTheJsonReadMarker_bothWays() {
        WireClient author = server.user("mark1");
        author.ok("join", "room", "marks");
        WireClient json = server.user("mark2");
        json.ok("join", "room", "marks");
        author.ok("send", "room", "marks", "text", "one");
        ObjectNode second = author.ok("send", "room", "marks", "text", "two");
        long ts = second.path("ts").asLong();
        try (IrcClient client = irc().saslLogin("mark2", password("mark2"), "server-time draft/read-marker")) {
            client.send("JOIN #marks");
            assertThat(client.awaitCommand("MARKREAD", "#marks")).endsWith("timestamp=*");
            client.send("MARKREAD #marks timestamp=" + java.time.Instant.ofEpochMilli(ts));
            ObjectNode read = json.event("read");
            assertThat(read.path("room").asText()).isEqualTo("marks");
            assertThat(read.path("seq").asLong()).isEqualTo(second.path("seq").asLong());

            ObjectNode third = author.ok("send", "room", "marks", "text", "three");
            json.ok("read", "room", "marks", "seq", third.path("seq").asLong());
            String expected = chatroom.server.irc.IrcConfig.class.getSimpleName().isEmpty() ? ""
                    : java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
                            .withZone(java.time.ZoneOffset.UTC)
                            .format(java.time.Instant.ofEpochMilli(third.path("ts").asLong()));
            assertThat(client.awaitCommand("MARKREAD", expected)).contains("#marks");
        }
    }

    @Test
    void plainClient_getsUnreadMessagesReplayedOnJoin_andMissedDirectMessagesAfterWelcome() {
        WireClient author = server.user("replay1");
        author.ok("join", "room", "replay");
        WireClient reader = server.user("replay2");
        reader.ok("join", "room", "replay");
        ObjectNode seen = author.ok("send", "room", "replay", "text", "already read");
        reader.ok("read", "room", "replay", "seq", seen.path("seq").asLong());
        reader.ok("logout");
        author.ok("send", "room", "replay", "text", "missed one");
        author.ok("send", "room", "replay", "text", "missed two");
        author.ok("send", "to", "replay2", "text", "private while away");
        try (IrcClient client = irc()) {
            client.send("CAP LS 302");
            client.send("CAP REQ :server-time");
            client.send("PASS replay2:" + password("replay2"));
            client.send("NICK replay2");
            client.send("USER r 0 * :R");
            client.send("CAP END");
            client.awaitCommand("001");
            assertThat(client.awaitCommand("PRIVMSG", "private while away")).startsWith("@time=")
                    .contains(":replay1!");
            client.send("JOIN #replay");
            client.awaitCommand("366");
            assertThat(client.awaitCommand("PRIVMSG", "#replay")).startsWith("@time=").endsWith(":missed one");
            assertThat(client.awaitCommand("PRIVMSG", "#replay")).endsWith(":missed two");
            assertThat(client.drain(Duration.ofMillis(300))).noneMatch(l -> l.contains("already read"));
        }
    }

    @Test
    void extendedJoinAndAccountTag_nameTheAccount() {
        server.user("ext1");
        WireClient other = server.user("ext2");
        try (IrcClient client = irc().saslLogin("ext1", password("ext1"), "extended-join account-tag")) {
            client.send("JOIN #extended");
            assertThat(client.awaitCommand("JOIN", "#extended")).isEqualTo(":ext1!ext1@chatroom JOIN #extended ext1 ext1");
            client.awaitCommand("366");
            other.ok("join", "room", "extended");
            assertThat(client.awaitCommand("JOIN", "ext2")).endsWith("JOIN #extended ext2 ext2");
            other.ok("send", "room", "extended", "text", "tagged");
            assertThat(client.awaitCommand("PRIVMSG", "tagged")).startsWith("@account=ext2 :ext2!");
        }
    }

    @Test
    void labeledResponse_tagsASingleLine_batchesSeveral_andAcksNone() {
        server.user("label1");
        try (IrcClient client = irc().saslLogin("label1", password("label1"), "labeled-response batch")) {
            client.send("@label=p1 PING hello");
            assertThat(client.awaitCommand("PONG")).startsWith("@label=p1 ").endsWith("hello");

            client.send("@label=j1 JOIN #labels");
            String open = client.awaitCommand("BATCH");
            assertThat(open).startsWith("@label=j1 ").contains("labeled-response");
            String id = open.split(" ")[3].substring(1); // @label=j1 :chatroom BATCH +id labeled-response
            assertThat(client.awaitCommand("JOIN", "#labels")).startsWith("@batch=" + id + " ");
            assertThat(client.awaitCommand("366", "#labels")).startsWith("@batch=" + id + " ");
            assertThat(client.awaitCommand("BATCH")).endsWith("-" + id);

            client.send("@label=m1 PRIVMSG #labels :quietly");
            assertThat(client.awaitCommand("ACK")).startsWith("@label=m1 ");
        }
    }

    @Test
    void editsDeletesInvitesAndModes_reachIrcAsNoticesAndNumerics() {
        WireClient json = server.user("notes1");
        json.ok("join", "room", "notes");
        server.user("notes2");
        WireClient guest = server.user("notes3");
        try (IrcClient client = irc().passLogin("notes2", password("notes2"))) {
            client.send("JOIN #notes");
            client.awaitCommand("366");
            long seq = json.ok("send", "room", "notes", "text", "typo").path("seq").asLong();
            client.awaitCommand("PRIVMSG", "typo");
            json.ok("edit", "room", "notes", "seq", seq, "text", "fixed 修正");
            assertThat(client.awaitCommand("NOTICE", "edited")).contains("#notes", "fixed 修正");
            json.ok("delete", "room", "notes", "seq", seq);
            assertThat(client.awaitCommand("NOTICE", "deleted")).contains("#notes", "notes1");

            client.send("INVITE notes3 #notes");
            assertThat(client.awaitCommand("341")).contains("notes3", "#notes");
            assertThat(guest.event("presence").path("room").asText()).isEqualTo("notes");
            client.send("INVITE nobody-here #notes");
            assertThat(client.awaitCommand("401")).contains("nobody-here");

            client.send("MODE #notes");
            client.awaitCommand("324");
            client.send("MODE #notes +i");
            assertThat(client.awaitCommand("482")).contains("#notes");
        }
    }

    @Test
    void sharedFile_reachesIrcAsANotice_withItsCjkName() {
        WireClient json = server.user("filer1");
        json.ok("join", "room", "files");
        server.user("filer2");
        try (IrcClient client = irc().passLogin("filer2", password("filer2"))) {
            client.send("JOIN #files");
            client.awaitCommand("366", "#files");
            byte[] content = "期末复习 notes".getBytes(StandardCharsets.UTF_8);
            String fileId = json.ok("file_put", "room", "files", "name", "复习笔记.txt", "size", content.length,
                    "sha256", FileUploads.sha256(content)).path("file_id").asText();
            json.ok("file_chunk", "file_id", fileId, "offset", 0, "data",
                    java.util.Base64.getEncoder().encodeToString(content));
            assertThat(client.awaitCommand("NOTICE", "复习笔记.txt")).contains("#files", "filer1",
                    content.length + " bytes");
        }
    }

    @Test
    void longJsonMessage_isSplitAtSpaces_notInsideWords() {
        WireClient json = server.user("words1");
        json.ok("join", "room", "words");
        server.user("words2");
        try (IrcClient client = irc().passLogin("words2", password("words2"))) {
            client.send("JOIN #words");
            client.awaitCommand("366", "#words");
            String text = "复习 chapter ".repeat(60).trim();
            json.ok("send", "room", "words", "text", text);
            List<String> pieces = new java.util.ArrayList<>();
            while (String.join(" ", pieces).length() < text.length()) {
                String line = client.awaitCommand("PRIVMSG", "#words");
                assertThat((line + "\r\n").getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(512);
                pieces.add(line.substring(line.indexOf(" :") + 2));
            }
            assertThat(pieces).hasSizeGreaterThan(1).allMatch(p -> p.startsWith("复习") && p.endsWith("chapter"));
            assertThat(String.join(" ", pieces)).isEqualTo(text);
        }
    }

    @Test
    void echoMessage_returnsOwnMessages_withoutItTheyAreNotEchoed() {
        server.user("echo1");
        try (IrcClient echo = irc().saslLogin("echo1", password("echo1"), "echo-message message-tags")) {
            echo.send("JOIN #echoes");
            echo.awaitCommand("366");
            echo.send("PRIVMSG #echoes :mine");
            assertThat(echo.awaitCommand("PRIVMSG", "mine")).contains("msgid=echoes/1", ":echo1!");
        }
        try (IrcClient plain = irc().passLogin("echo1", password("echo1"))) {
            plain.send("JOIN #echoes");
            plain.awaitCommand("366");
            plain.send("PRIVMSG #echoes :quiet");
            plain.send("PING done");
            plain.awaitCommand("PONG", "done");
            List<String> rest = plain.drain(Duration.ofMillis(300));
            assertThat(rest).noneMatch(l -> l.contains("quiet"));
        }
    }
}
