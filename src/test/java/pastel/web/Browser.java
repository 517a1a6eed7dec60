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
    private final boolean camera;

    Browser(String language, boolean camera) throws Exception {
        this.camera = camera;
        profile = Files.createTempDirectory("pastel-chromium-");
        downloads = Files.createDirectories(profile.resolve("downloads"));
        var options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                // Two browsers side by side: neither may be treated as hidden (no frames, paused video).
                "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
                "--disable-background-timer-throttling",
                "--window-size=390,844", "--lang=" + language, "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language,
                "download.default_directory", downloads.toString(), "download.prompt_for_download", false));
        if (camera) {
            options.addArguments("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                    "--use-file-for-fake-video-capture=" + fakeCamera());
        } else {
            options.addArguments("--deny-permission-prompts");
        }
        var logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        var service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    }

    /// A moving test picture for the fake camera (ffmpeg's testsrc2, 2 s looped), made once per run.
    private static synchronized Path fakeCamera() throws Exception {
        var file = Path.of(System.getProperty("java.io.tmpdir"), "pastel-fake-camera.y4m");
        if (!Files.exists(file)) {
            var part = Path.of(file + ".part");
            var done = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=s=640x480:r=15:d=2",
                    "-pix_fmt", "yuv420p", "-f", "yuv4mpegpipe", part.toString()).inheritIO().start().waitFor();
            if (done != 0) throw new IllegalStateException("ffmpeg could not make the fake camera's video");
            Files.move(part, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    WebElement find(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    void type(String css, String text) {
        var element = find(css);
        element.clear();
        element.sendKeys(text);
    }

    /// Clicks the element once it is clickable, scrolled to the middle of the window first (the
    /// fixed tab bar would otherwise receive clicks meant for the bottom of a page).
    void click(String css) {
        var element = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css)));
        driver.executeScript("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'})", element);
        element.click();
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
        // The grant replaces the page's permissions: a camera page keeps its camera and microphone
        // (without them Chromium mutes the running capture, and photos come out black).
        var permissions = camera ? List.of("geolocation", "videoCapture", "audioCapture") : List.of("geolocation");
        driver.executeCdpCommand("Browser.grantPermissions", Map.of("permissions", permissions));
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

    /// Visible texts whose colour against their background is under WCAG AA (4.5:1, or 3:1 for
    /// large text). Backgrounds are the first opaque one up the tree; texts over images are skipped.
    @SuppressWarnings("unchecked")
    List<String> lowContrastTexts() {
        return (List<String>) driver.executeScript("""
                const rgb = (c) => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
                  const p = m[1].split(',').map(Number); return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
                const lum = ({r, g, b}) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
                  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
                const background = (el) => {
                  for (let e = el; e; e = e.parentElement) {
                    const style = getComputedStyle(e);
                    if (style.backgroundImage !== 'none') return null;
                    const c = rgb(style.backgroundColor);
                    if (c && c.a > 0.9) return c;
                  }
                  return {r: 255, g: 255, b: 255, a: 1};
                };
                const faded = (el) => { for (let e = el; e; e = e.parentElement) if (Number(getComputedStyle(e).opacity) < 0.9) return true; return false; };
                const found = [];
                for (const el of document.body.querySelectorAll('*')) {
                  const text = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent.trim()).join('');
                  if (!text || !el.getClientRects().length || faded(el)) continue;
                  const style = getComputedStyle(el);
                  if (style.visibility === 'hidden') continue;
                  const fg = rgb(style.color); const bg = background(el);
                  if (!fg || !bg) continue;
                  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
                  const ratio = (a + 0.05) / (b + 0.05);
                  const size = parseFloat(style.fontSize); const bold = Number(style.fontWeight) >= 700;
                  const needed = size >= 24 || (size >= 18.66 && bold) ? 3 : 4.5;
                  if (ratio < needed) found.push(`${ratio.toFixed(2)} ${el.tagName.toLowerCase()}.${el.className} "${text.slice(0, 30)}"`);
                }
                return found;""");
    }

    /// axe-core (npm, tools/npm) run on the page as it is: the serious and critical violations,
    /// each as "rule-id: target (impact)". The script is injected through the driver, so the
    /// page's strict CSP is untouched.
    @SuppressWarnings("unchecked")
    List<String> axeViolations() throws Exception {
        var script = Path.of("tools", "npm", "node_modules", "axe-core", "axe.min.js");
        if (!Files.exists(script)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) throw new AssertionError("axe-core is not installed in tools/npm");
            return List.of();
        }
        driver.executeScript(Files.readString(script));
        return (List<String>) driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']}).then((r) => done(r.violations
                  .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                  .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} (${v.impact}) ${n.failureSummary}`))))
                  .catch((e) => done([`axe failed: ${e}`]));""");
    }

    /// What Chrome's installability check says of the page (empty: installable).
    @SuppressWarnings("unchecked")
    List<Object> installabilityErrors() {
        var answer = driver.executeCdpCommand("Page.getInstallabilityErrors", Map.of());
        return (List<Object>) answer.get("installabilityErrors");
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
