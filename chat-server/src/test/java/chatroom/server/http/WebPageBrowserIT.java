package chatroom.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.testing.Browsers;
import chatroom.server.testing.ServerFixture;
import chatroom.server.testing.WireClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page in a real headless Chromium (Debian's chromium and chromium-driver; nothing is
 * downloaded): two pages and a TCP client chat with each other, user text is never HTML, and a
 * page survives a server restart and resumes without a gap or a duplicate. Saves a screenshot to
 * {@code target/screenshots/}.
 */
class WebPageBrowserIT {

    @TempDir
    Path dataDir;

    private ServerFixture fixture;
    private final List<WebDriver> browsers = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        Assumptions.assumeTrue(Browsers.available(),
                "needs Debian's chromium and chromium-driver (.ci/run installs them)");
        int httpPort = freePort(); // fixed, so the pages find the server again after the restart
        fixture = new ServerFixture(dataDir, b -> b.httpPort(httpPort).rate(1000).burst(1000));
    }

    @AfterEach
    void stop() {
        for (WebDriver browser : browsers) {
            assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
                    .extracting(LogEntry::getMessage)
                    .as("nothing of the page is blocked by its Content-Security-Policy")
                    .noneMatch(message -> message.contains("Content Security Policy"));
        }
        browsers.forEach(WebDriver::quit);
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void twoPagesAndATcpClient_chat_userTextStaysText_andAPageResumesAfterARestart() throws IOException {
        WebDriver alice = page();
        WebDriver bob = page();
        signUp(alice, "小明");
        signUp(bob, "bob");
        WireClient terminal = fixture.user("终端");

        say(alice, "大家好, from a page");
        waitForMessage(bob, "小明", "大家好, from a page");
        assertThat(terminal.messageIn("lobby").path("text").asText()).isEqualTo("大家好, from a page");
        say(bob, "hello 小明");
        waitForMessage(alice, "bob", "hello 小明");

        String hostile = "<script>window.pwned = true</script><img src=x onerror=\"window.pwned=true\"><b>bold?</b>";
        terminal.ok("send", "room", "lobby", "text", hostile);
        for (WebDriver browser : List.of(alice, bob)) {
            waitForMessage(browser, "终端", hostile);
            assertThat(((JavascriptExecutor) browser).executeScript("return window.pwned === true")).isEqualTo(false);
            assertThat(browser.findElements(By.cssSelector("#message-list b, #message-list img, #message-list script")))
                    .as("user text is never HTML").isEmpty();
        }
        screenshot(alice, "chat-page.png");

        fixture.restart();
        WireClient after = fixture.connect();
        after.login("终端", "password-终端");
        after.ok("send", "room", "lobby", "text", "while you were away 1");
        after.ok("send", "room", "lobby", "text", "while you were away 2");

        waitForMessage(alice, "终端", "while you were away 2");
        waitForMessage(alice, "终端", "while you were away 1");
        say(alice, "back again");
        waitForMessage(bob, "小明", "back again");
        List<Long> seqs = seqs(alice);
        long latest = after.ok("join", "room", "lobby").path("seq").asLong();
        assertThat(seqs).as("every lobby message once, in order, none missing").hasSize((int) latest)
                .isSorted().doesNotHaveDuplicates();
        assertThat(seqs.get(seqs.size() - 1)).isEqualTo(latest);
    }

    @Test
    void unreadCounts_directMessages_topic_olderHistoryOnScroll_invitations_andAPhoneLayout() throws IOException {
        WireClient terminal = fixture.user("终端");
        terminal.ok("join", "room", "历史");
        for (int i = 1; i <= 80; i++) {
            terminal.ok("send", "room", "历史", "text", "old message " + i);
        }
        WebDriver page = page();
        signUp(page, "小红");
        WebElement joinInput = page.findElement(By.id("join-input"));
        joinInput.sendKeys("历史");
        joinInput.sendKeys(Keys.ENTER);
        waiting(page).until(b -> b.findElement(By.id("conversation-title")).getText().equals("# 历史"));
        waitForMessage(page, "终端", "old message 80");
        assertThat(seqs(page)).as("the latest page of history first").hasSize(50).startsWith(31L);
        ((JavascriptExecutor) page).executeScript("document.getElementById('messages').scrollTop = 0");
        waitForMessage(page, "终端", "old message 1");
        assertThat(seqs(page)).hasSize(80);

        terminal.ok("topic", "room", "历史", "topic", "期末复习 <i>not italic</i>");
        waiting(page).until(b -> b.findElement(By.id("conversation-topic")).getText()
                .equals("期末复习 <i>not italic</i>"));

        page.findElement(By.cssSelector("#room-list li[data-key='r:lobby']")).click();
        terminal.ok("send", "room", "历史", "text", "unread one");
        terminal.ok("send", "room", "历史", "text", "unread two");
        waiting(page).until(b -> b.findElements(By.cssSelector("#room-list li[data-key='r:历史'] .unread")).stream()
                .anyMatch(badge -> badge.getText().equals("2")));

        terminal.ok("send", "to", "小红", "text", "私信给你");
        waiting(page).until(b -> !b.findElements(By.cssSelector("#dm-list li[data-key='d:终端']")).isEmpty());
        page.findElement(By.cssSelector("#dm-list li[data-key='d:终端']")).click();
        waitForMessage(page, "终端", "私信给你");
        say(page, "收到");
        assertThat(terminal.event(e -> "收到".equals(e.path("text").asText())).path("with").asText()).isEqualTo("小红");

        terminal.ok("join", "room", "私密", "private", true);
        terminal.ok("invite", "room", "私密", "user", "小红");
        waiting(page).until(b -> !b.findElements(By.cssSelector("#room-list li[data-key='r:私密']")).isEmpty());

        page.manage().window().setSize(new org.openqa.selenium.Dimension(390, 800));
        waiting(page).until(b -> b.findElement(By.id("back-button")).isDisplayed()
                && !b.findElement(By.id("sidebar")).isDisplayed());
        screenshot(page, "chat-page-phone.png");
        page.findElement(By.id("back-button")).click();
        waiting(page).until(b -> b.findElement(By.id("sidebar")).isDisplayed());
    }

    private WebDriver page() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Browsers.CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1100,750", "--lang=zh-CN");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        WebDriver driver = new ChromeDriver(Browsers.driverService(), options);
        browsers.add(driver);
        driver.get("http://127.0.0.1:" + fixture.server().httpPort() + "/");
        return driver;
    }

    private static WebDriverWait waiting(WebDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(20), Duration.ofMillis(50));
    }

    private static void signUp(WebDriver browser, String name) {
        waiting(browser).until(b -> b.findElement(By.id("auth-user")).isDisplayed());
        browser.findElement(By.id("auth-user")).sendKeys(name);
        browser.findElement(By.id("auth-password")).sendKeys("password-" + name);
        browser.findElement(By.id("register-button")).click();
        waiting(browser).until(b -> b.findElement(By.id("chat")).isDisplayed()
                && b.findElement(By.id("conversation-title")).getText().equals("# lobby"));
    }

    private static void say(WebDriver browser, String text) {
        WebElement input = browser.findElement(By.id("send-input"));
        input.sendKeys(text);
        input.sendKeys(Keys.ENTER);
    }

    /** The shown messages as "from\ttext" (read in one script call: the list is redrawn as messages arrive). */
    @SuppressWarnings("unchecked")
    private static List<String> shown(WebDriver browser) {
        return (List<String>) ((JavascriptExecutor) browser).executeScript("return [...document.querySelectorAll("
                + "'#message-list li.message')].map(m => m.querySelector('.from').textContent + '\\t'"
                + " + m.querySelector('.text').textContent)");
    }

    private static void waitForMessage(WebDriver browser, String from, String text) {
        waiting(browser).until(b -> shown(b).contains(from + "\t" + text));
    }

    @SuppressWarnings("unchecked")
    private static List<Long> seqs(WebDriver browser) {
        return ((List<Object>) ((JavascriptExecutor) browser).executeScript("return [...document.querySelectorAll("
                + "'#message-list li.message')].map(m => Number(m.dataset.seq))")).stream()
                .map(n -> ((Number) n).longValue()).toList();
    }

    private static void screenshot(WebDriver browser, String name) throws IOException {
        Path shots = Files.createDirectories(Path.of("target", "screenshots"));
        Path file = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, shots.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
