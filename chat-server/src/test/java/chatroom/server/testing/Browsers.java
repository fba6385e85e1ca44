package chatroom.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium pages on the chat server's web port (Debian's chromium and chromium-driver,
 * nothing downloaded), with the steps the browser tests share. Closing checks that the page's
 * Content-Security-Policy blocked nothing.
 */
public final class Browsers implements AutoCloseable {

    public static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));

    private final List<WebDriver> drivers = new ArrayList<>();
    private final Path downloads;

    public Browsers(Path downloads) {
        this.downloads = downloads;
    }

    public static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** A new browser (its own profile) showing the page; notifications are allowed. */
    public WebDriver open(int httpPort, int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + width + "," + height, "--lang=zh-CN");
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("profile.default_content_setting_values.notifications", 1);
        prefs.put("download.default_directory", downloads.toString());
        options.setExperimentalOption("prefs", prefs);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        WebDriver driver = new ChromeDriver(driverService(), options);
        drivers.add(driver);
        driver.get("http://127.0.0.1:" + httpPort + "/");
        return driver;
    }

    /**
     * Debian's chromedriver. Chromium leaves a directory for its singleton socket in TMPDIR when the
     * driver ends it, so TMPDIR is the build directory's, not /tmp.
     */
    public static ChromeDriverService driverService() {
        Path temp;
        try {
            temp = Files.createDirectories(Path.of("target", "chromium-tmp").toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .withEnvironment(Map.of("TMPDIR", temp.toString()))
                .build();
    }

    public static WebDriverWait waiting(WebDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(20), Duration.ofMillis(50));
    }

    public static Object js(WebDriver browser, String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    public static void register(WebDriver browser, String name) {
        authenticate(browser, name, By.id("register-button"));
    }

    public static void logIn(WebDriver browser, String name) {
        authenticate(browser, name, By.id("login-button"));
    }

    private static void authenticate(WebDriver browser, String name, By button) {
        waiting(browser).until(b -> b.findElement(By.id("auth-user")).isDisplayed());
        browser.findElement(By.id("auth-user")).sendKeys(name);
        browser.findElement(By.id("auth-password")).sendKeys("password-" + name);
        browser.findElement(button).click();
        waiting(browser).until(b -> b.findElement(By.id("chat")).isDisplayed()
                && !b.findElement(By.id("conversation-title")).getText().isEmpty());
    }

    public static void say(WebDriver browser, String text) {
        WebElement input = browser.findElement(By.id("send-input"));
        input.sendKeys(text);
        input.sendKeys(Keys.ENTER);
    }

    /** The sent messages shown, as "from\ttext" (read in one script call: the list is redrawn as messages arrive). */
    @SuppressWarnings("unchecked")
    public static List<String> shown(WebDriver browser) {
        return (List<String>) js(browser, "return [...document.querySelectorAll('#message-list li.message')]"
                + ".map(m => m.querySelector('.from').textContent + '\\t' + m.querySelector('.text').textContent)");
    }

    public static void waitForMessage(WebDriver browser, String from, String text) {
        waiting(browser).until(b -> shown(b).contains(from + "\t" + text));
    }

    /** The text of the unread badge of a conversation in the list, or "" when it has none. */
    public static String badge(WebDriver browser, String key) {
        return (String) js(browser, "const b = document.querySelector(`#sidebar li[data-key='${arguments[0]}'] .unread`);"
                + " return b ? b.textContent : ''", key);
    }

    public static void screenshot(WebDriver browser, String name) throws IOException {
        Path shots = Files.createDirectories(Path.of("target", "screenshots"));
        Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, shots.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        try {
            for (WebDriver browser : drivers) {
                assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
                        .extracting(LogEntry::getMessage)
                        .as("nothing of the page is blocked by its Content-Security-Policy")
                        .noneMatch(message -> message.contains("Content Security Policy"));
            }
        } finally {
            drivers.forEach(WebDriver::quit);
        }
    }
}
