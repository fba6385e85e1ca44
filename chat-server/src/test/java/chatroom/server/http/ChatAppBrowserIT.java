package chatroom.server.http;

import static chatroom.server.testing.Browsers.badge;
import static chatroom.server.testing.Browsers.js;
import static chatroom.server.testing.Browsers.logIn;
import static chatroom.server.testing.Browsers.register;
import static chatroom.server.testing.Browsers.say;
import static chatroom.server.testing.Browsers.screenshot;
import static chatroom.server.testing.Browsers.shown;
import static chatroom.server.testing.Browsers.waitForMessage;
import static chatroom.server.testing.Browsers.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.files.FileLimits;
import chatroom.server.testing.Browsers;
import chatroom.server.testing.ServerFixture;
import chatroom.server.testing.WireClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.StreamSupport;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page as a chat app (issue 17), in real headless Chromium: the conversation list with
 * badges after a login and a reload, read markers across tabs, a steady scroll position, the
 * outbox across a server outage, files with progress and checksums, notifications, inline errors
 * and the phone drawer. Saves screenshots to {@code target/screenshots/}.
 */
class ChatAppBrowserIT {

    private static final long MAX_FILE_BYTES = 6L * 1024 * 1024;

    @TempDir
    Path dataDir;

    @TempDir
    Path scratch;

    private ServerFixture fixture;
    private Browsers browsers;
    private int httpPort;

    @BeforeEach
    void start() throws IOException {
        Assumptions.assumeTrue(Browsers.available(), "needs Debian's chromium and chromium-driver");
        httpPort = freePort(); // fixed, so the pages find the server again after a restart
        fixture = new ServerFixture(dataDir, b -> b.httpPort(httpPort).rate(1000).burst(1000)
                .fileLimits(new FileLimits(MAX_FILE_BYTES, Set.of(), FileLimits.DEFAULT_MAX_UPLOADS_PER_CONNECTION)));
        browsers = new Browsers(scratch);
    }

    @AfterEach
    void stop() {
        if (browsers != null) {
            browsers.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    private WebDriver page() {
        return browsers.open(httpPort, 1100, 750);
    }

    @Test
    void aDirectMessageSentWhileAway_isListedWithABadge_afterLogin_andAfterAReload() {
        fixture.connect().register("小红", "password-小红");
        WireClient terminal = fixture.user("终端");
        terminal.ok("send", "to", "小红", "text", "你在吗?");
        terminal.ok("send", "to", "小红", "text", "明天考试");

        WebDriver page = page();
        logIn(page, "小红");
        waiting(page).until(b -> badge(b, "d:终端").equals("2"));

        page.navigate().refresh();
        waiting(page).until(b -> b.findElement(By.id("chat")).isDisplayed());
        waiting(page).until(b -> badge(b, "d:终端").equals("2"));
        assertThat(page.getTitle()).isEqualTo("(2) chatroom");

        page.findElement(By.cssSelector("#dm-list li[data-key='d:终端']")).click();
        waitForMessage(page, "终端", "明天考试");
        waiting(page).until(b -> badge(b, "d:终端").isEmpty() && b.getTitle().equals("chatroom"));
        page.navigate().refresh();
        waiting(page).until(b -> b.findElement(By.id("conversation-title")).getText().equals("终端"));
        assertThat(badge(page, "d:终端")).as("reading moved the read marker on the server").isEmpty();
    }

    @Test
    void readingOnOneTab_clearsTheBadgeOnAnother() {
        fixture.connect().register("小红", "password-小红");
        WireClient terminal = fixture.user("终端");
        terminal.ok("join", "room", "期末");
        terminal.ok("invite", "room", "期末", "user", "小红");
        WebDriver first = page();
        WebDriver second = page();
        logIn(first, "小红");
        logIn(second, "小红");
        for (int i = 1; i <= 3; i++) {
            terminal.ok("send", "room", "期末", "text", "复习 " + i);
        }
        for (WebDriver tab : List.of(first, second)) {
            waiting(tab).until(b -> badge(b, "r:期末").equals("3"));
        }

        first.findElement(By.cssSelector("#room-list li[data-key='r:期末']")).click();
        waitForMessage(first, "终端", "复习 3");
        waiting(second).until(b -> badge(b, "r:期末").isEmpty());
        assertThat(second.getTitle()).isEqualTo("chatroom");
    }

    @Test
    void readingOlderMessages_staysPut_whileNewOnesArrive_behindANewMessagesButton() {
        WireClient terminal = fixture.user("终端");
        terminal.ok("join", "room", "忙");
        for (int i = 1; i <= 60; i++) {
            terminal.ok("send", "room", "忙", "text", "旧消息 " + i);
        }
        WebDriver page = page();
        register(page, "小红");
        page.findElement(By.id("join-input")).sendKeys("忙", Keys.ENTER);
        waitForMessage(page, "终端", "旧消息 60");
        js(page, "document.getElementById('messages').scrollTop = 400");
        waiting(page).until(b -> ((Number) js(b, "return document.getElementById('messages').scrollTop")).intValue() == 400);
        String reading = "[...document.querySelectorAll('#message-list li.message')]"
                + ".find(m => m.getBoundingClientRect().top >= document.getElementById('messages').getBoundingClientRect().top)";
        String seq = (String) js(page, "return " + reading + ".dataset.seq");
        double top = ((Number) js(page, "return " + reading + ".getBoundingClientRect().top")).doubleValue();

        for (int i = 1; i <= 5; i++) {
            terminal.ok("send", "room", "忙", "text", "新消息 " + i);
        }
        waitForMessage(page, "终端", "新消息 5");
        waiting(page).until(b -> b.findElement(By.id("new-messages")).getText().equals("5 new messages ↓"));
        double after = ((Number) js(page, "return document.querySelector(`#message-list li[data-seq='${arguments[0]}']`)"
                + ".getBoundingClientRect().top", seq)).doubleValue();
        assertThat(after).as("what the reader was reading did not move").isCloseTo(top, org.assertj.core.data.Offset.offset(1.0));

        page.findElement(By.id("new-messages")).click();
        waiting(page).until(b -> !b.findElement(By.id("new-messages")).isDisplayed()
                && (Boolean) js(b, "const m = document.getElementById('messages');"
                        + " return m.scrollHeight - m.scrollTop - m.clientHeight < 2"));
    }

    @Test
    void aMessageWrittenWhileTheServerIsDown_showsAsSending_andIsDeliveredOnce_soonAfterTheRestart() {
        WebDriver page = page();
        register(page, "小红");
        fixture.server().close();
        waiting(page).until(b -> b.findElement(By.id("banner")).isDisplayed()
                && b.findElement(By.id("chat")).getAttribute("class").contains("offline"));
        say(page, "离线时写的");
        waiting(page).until(b -> b.findElements(By.cssSelector("#message-list li.pending")).stream()
                .anyMatch(p -> p.getText().contains("离线时写的") && p.getText().contains("sending…")));
        assertThat(page.findElement(By.id("send-input")).getAttribute("value")).isEmpty();

        fixture.start();
        long restarted = System.nanoTime();
        waitForMessage(page, "小红", "离线时写的");
        waiting(page).until(b -> b.findElement(By.id("banner")).getText().startsWith("Back online"));
        long reconnectMs = Duration.ofNanos(System.nanoTime() - restarted).toMillis();
        assertThat(reconnectMs).as("back within about a second of the server").isLessThan(2500);
        assertThat(page.findElements(By.cssSelector("#message-list li.pending"))).isEmpty();
        assertThat(shown(page).stream().filter(s -> s.equals("小红\t离线时写的"))).hasSize(1);

        WireClient terminal = fixture.user("终端");
        JsonNode history = terminal.ok("history", "room", "lobby").path("messages");
        assertThat(StreamSupport.stream(history.spliterator(), false)
                .filter(m -> m.path("text").asText().equals("离线时写的"))).as("stored once").hasSize(1);
    }

    @Test
    void aFiveMegabyteFile_goesUpAndComesBack_withProgress_andTheSameSha256_andImagesShowAsThumbnails()
            throws IOException {
        WireClient terminal = fixture.user("终端");
        WebDriver page = page();
        register(page, "小红");
        byte[] content = new byte[5 * 1024 * 1024];
        new Random(17).nextBytes(content);
        Path file = Files.write(scratch.resolve("笔记.bin"), content);

        page.findElement(By.id("file-input")).sendKeys(file.toString());
        // 5 MB is about 110 chunks, each a round trip; the shared test machine can be slow
        WebDriverWait transfer = new WebDriverWait(page, Duration.ofMinutes(3), Duration.ofMillis(50));
        transfer.until(b -> "uploaded".equals(js(b, "const u = document.querySelector('#uploads li.upload.done');"
                + " return u && u.querySelector('progress').value === u.querySelector('progress').max"
                + " ? u.querySelector('.status').textContent : null")));
        JsonNode shared = terminal.event("file");
        assertThat(shared.path("name").asText()).isEqualTo("笔记.bin");
        assertThat(shared.path("size").asLong()).isEqualTo(content.length);

        String item = "#message-list li.file[data-file-id='" + shared.path("file_id").asText() + "']";
        waiting(page).until(b -> !b.findElements(By.cssSelector(item)).isEmpty());
        page.findElement(By.cssSelector(item + " .download")).click();
        transfer.until(b -> b.findElement(By.cssSelector(item + " .status")).getText().equals("SHA-256 verified"));
        assertThat(page.findElement(By.cssSelector(item)).getAttribute("data-sha256")).isEqualTo(sha256(content));
        assertThat(js(page, "const p = document.querySelector(arguments[0] + ' progress'); return p.value === p.max", item))
                .isEqualTo(true);

        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        image.getGraphics().setColor(Color.ORANGE);
        image.getGraphics().fillRect(0, 0, 64, 48);
        Path png = scratch.resolve("照片.png");
        ImageIO.write(image, "png", png.toFile());
        page.findElement(By.id("file-input")).sendKeys(png.toString());
        waiting(page).until(b -> (Boolean) js(b, "const i = document.querySelector('#message-list li.file.verified img.thumbnail');"
                + " return !!i && i.src.startsWith('blob:') && i.complete && i.naturalWidth === 64"));

        Path tooLarge = Files.write(scratch.resolve("大文件.bin"), new byte[(int) MAX_FILE_BYTES + 1]);
        page.findElement(By.id("file-input")).sendKeys(tooLarge.toString());
        waiting(page).until(b -> b.findElements(By.cssSelector("#uploads li.upload.failed .status")).stream()
                .anyMatch(s -> s.getText().contains("larger than the server accepts")));
    }

    @Test
    void aDirectMessageAndAMention_whileTheTabIsHidden_showDesktopNotifications_aPlainMessageDoesNot() {
        WireClient terminal = fixture.user("终端");
        WebDriver page = page();
        register(page, "小红");
        js(page, "window.shown = [];"
                + "const Real = window.Notification;"
                + "window.Notification = class extends Real {"
                + "  constructor(title, options) { super(title, options); window.shown.push(title + '|' + options.body); } };"
                + "Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });"
                + "Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });"
                + "document.dispatchEvent(new Event('visibilitychange'));");
        assertThat(js(page, "return Notification.permission")).isEqualTo("granted");

        terminal.ok("send", "room", "lobby", "text", "大家好");
        terminal.ok("send", "to", "小红", "text", "私信");
        terminal.ok("send", "room", "lobby", "text", "@小红 看这里");
        waiting(page).until(b -> ((List<?>) js(b, "return window.shown")).size() >= 2);
        assertThat(js(page, "return window.shown")).isEqualTo(List.of("终端|私信", "终端 in #lobby|@小红 看这里"));
        waiting(page).until(b -> b.getTitle().equals("(3) chatroom"));
    }

    @Test
    void errorsStayInline_andTypedTextIsKept_badRoomName_andADirectMessageToNobody() {
        WebDriver page = page();
        register(page, "小红");
        page.findElement(By.id("join-input")).sendKeys("bad room!", Keys.ENTER);
        waiting(page).until(b -> b.findElement(By.id("join-error")).isDisplayed());
        assertNoAlert(page);
        assertThat(page.findElement(By.id("join-input")).getAttribute("value")).isEqualTo("bad room!");

        page.findElement(By.id("dm-input")).sendKeys("nobody", Keys.ENTER);
        waiting(page).until(b -> b.findElement(By.id("dm-error")).isDisplayed());
        assertNoAlert(page);
        assertThat(page.findElement(By.id("dm-input")).getAttribute("value")).isEqualTo("nobody");
        assertThat(page.findElements(By.cssSelector("#dm-list li"))).as("no phantom conversation").isEmpty();
        assertThat(page.findElement(By.id("conversation-title")).getText()).isEqualTo("# lobby");
    }

    @Test
    void onAPhone_theMemberListOpensAsADrawer_andTheLayoutFollowsDarkMode() throws IOException {
        fixture.user("终端");
        WebDriver page = browsers.open(httpPort, 390, 844);
        register(page, "小红");
        waiting(page).until(b -> b.findElement(By.id("members-button")).isDisplayed());
        assertThat(page.findElement(By.id("members")).isDisplayed()).isFalse();
        page.findElement(By.id("members-button")).click();
        waiting(page).until(b -> b.findElement(By.id("members")).isDisplayed()
                && (Boolean) js(b, "const r = document.getElementById('members').getBoundingClientRect();"
                        + " return r.left >= 0 && r.right <= window.innerWidth + 1")
                && b.findElements(By.cssSelector("#member-list li")).size() == 2);
        screenshot(page, "phone-drawer.png");
        page.findElement(By.id("members-close")).sendKeys(Keys.ESCAPE);
        waiting(page).until(b -> !b.findElement(By.id("members")).isDisplayed());

        String light = (String) js(page, "return getComputedStyle(document.documentElement).backgroundColor");
        ((ChromeDriver) page).executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        waiting(page).until(b -> !js(b, "return getComputedStyle(document.documentElement).backgroundColor").equals(light));
        assertThat(js(page, "return getComputedStyle(document.documentElement).backgroundColor")).isEqualTo("rgb(18, 22, 28)");
    }

    @Test
    void theSameChat_inLightAndDark_onADesktopAndAPhone_forTheReadmeScreenshots() throws IOException {
        fixture.connect().register("小红", "password-小红");
        WireClient terminal = fixture.user("终端");
        WireClient lilei = fixture.user("李雷");
        terminal.ok("send", "room", "lobby", "text", "今天的课表在这里: https://example.com/课表");
        terminal.ok("send", "room", "lobby", "text", "大家记得带计算器 <script>alert(1)</script>");
        byte[] png = pngBytes();
        String fileId = terminal.ok("file_put", "room", "lobby", "name", "课表.png", "size", png.length,
                "sha256", sha256(png)).path("file_id").asText();
        terminal.ok("file_chunk", "file_id", fileId, "offset", 0, "data", java.util.Base64.getEncoder().encodeToString(png));
        lilei.ok("send", "room", "lobby", "text", "收到, 谢谢!");
        terminal.ok("join", "room", "期末复习");
        terminal.ok("invite", "room", "期末复习", "user", "小红");
        terminal.ok("send", "room", "期末复习", "text", "第三章的习题谁做完了?");
        terminal.ok("send", "room", "期末复习", "text", "@小红 你的笔记可以分享一下吗");
        lilei.ok("send", "to", "小红", "text", "晚上一起复习吗?");
        lilei.ok("send", "to", "小红", "text", "图书馆三楼");

        WebDriver page = page();
        logIn(page, "小红");
        waiting(page).until(b -> badge(b, "r:期末复习").equals("2") && badge(b, "d:李雷").equals("2")
                && !b.findElements(By.cssSelector("#message-list li.file.verified img.thumbnail")).isEmpty());
        say(page, "好的, 马上来!");
        waitForMessage(page, "小红", "好的, 马上来!");
        assertThat(page.findElements(By.cssSelector("#message-list a[href^='https://example.com/']")))
                .allSatisfy(link -> assertThat(link.getAttribute("rel")).isEqualTo("noopener noreferrer"))
                .hasSize(1);
        assertThat(page.findElements(By.cssSelector("#message-list li.day"))).as("a day separator").isNotEmpty();
        screenshot(page, "web-page.png");
        darkMode(page);
        screenshot(page, "web-page-dark.png");

        page.manage().window().setSize(new Dimension(390, 844));
        waiting(page).until(b -> b.findElement(By.id("back-button")).isDisplayed());
        // the drawer slides away (a 0.2 s transition): photograph the phone once it is gone
        waiting(page).until(b -> "hidden".equals(((ChromeDriver) b).executeScript(
                "return getComputedStyle(document.querySelector('.members')).visibility")));
        screenshot(page, "web-page-phone-dark.png");
        ((ChromeDriver) page).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", "light"))));
        page.findElement(By.id("back-button")).click();
        waiting(page).until(b -> b.findElement(By.id("sidebar")).isDisplayed());
        screenshot(page, "web-page-phone.png");
    }

    private static void darkMode(WebDriver page) {
        String light = (String) js(page, "return getComputedStyle(document.documentElement).backgroundColor");
        ((ChromeDriver) page).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        waiting(page).until(b -> !js(b, "return getComputedStyle(document.documentElement).backgroundColor").equals(light));
    }

    private static byte[] pngBytes() throws IOException {
        BufferedImage image = new BufferedImage(240, 120, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x2f6fde));
        g.fillRect(0, 0, 240, 120);
        g.setColor(Color.WHITE);
        for (int row = 0; row < 4; row++) {
            g.fillRect(16, 16 + row * 26, 208, 16);
        }
        g.dispose();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static void assertNoAlert(WebDriver page) {
        try {
            page.switchTo().alert();
            throw new AssertionError("the page opened an alert()");
        } catch (NoAlertPresentException expected) {
            // errors are shown inline
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
