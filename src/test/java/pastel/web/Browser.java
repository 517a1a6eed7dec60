package pastel.web;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/// Debian's headless Chromium driven through chromedriver, with the browser console captured so
/// a test can fail on any error.
final class Browser implements AutoCloseable {
    final ChromeDriver driver;
    final WebDriverWait wait;
    private final Path profile;
    final Path downloads;

    Browser(String language, boolean camera) throws Exception {
        profile = Files.createTempDirectory("pastel-chromium-");
        downloads = Files.createDirectories(profile.resolve("downloads"));
        var options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--window-size=390,844", "--lang=" + language, "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language,
                "download.default_directory", downloads.toString(), "download.prompt_for_download", false));
        if (camera) {
            options.addArguments("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream");
        } else {
            options.addArguments("--deny-permission-prompts");
        }
        var logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        var service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(10));
    }

    WebElement find(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    void type(String css, String text) {
        var element = find(css);
        element.clear();
        element.sendKeys(text);
    }

    void click(String css) {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    void waitForText(String css, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    /// Saves a screenshot under target/screenshots at phone and laptop sizes.
    void screenshots(String name) throws Exception {
        var folder = Path.of("target", "screenshots");
        Files.createDirectories(folder);
        for (var size : List.of(new int[] {390, 844}, new int[] {1280, 800})) {
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(size[0], size[1]));
            Thread.sleep(150);
            Files.write(folder.resolve(name + "-" + size[0] + "x" + size[1] + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        }
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
    }

    /// Grants the page the position (lat, lon), as a phone's location service would.
    void atPosition(double lat, double lon) {
        driver.executeCdpCommand("Browser.grantPermissions", Map.of("permissions", List.of("geolocation")));
        driver.executeCdpCommand("Emulation.setGeolocationOverride", Map.of("latitude", lat, "longitude", lon, "accuracy", 10));
    }

    /// Form controls on the page without an accessible name (label, aria-label or text).
    @SuppressWarnings("unchecked")
    List<String> unlabelledControls() {
        return (List<String>) driver.executeScript("""
                return [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button')]
                  .filter((e) => !(e.labels?.length || e.getAttribute('aria-label') || e.getAttribute('aria-labelledby')
                                   || e.textContent.trim()))
                  .map((e) => e.outerHTML.slice(0, 120));""");
    }

    /// Console errors so far (SEVERE entries of the browser log).
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(entry -> entry.getMessage()).toList();
    }

    @Override
    public void close() {
        driver.quit();
        try (var paths = Files.walk(profile)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception ignored) {
            // a temp profile left behind is harmless
        }
    }
}
