package dev.orders.local.metrics.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orders.local.Http;
import dev.orders.local.LocalPlatform;
import dev.orders.local.lambda.LambdaObserver;
import dev.orders.local.metrics.Observability;
import dev.orders.local.store.Faults;
import dev.orders.local.template.SamTemplate;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The dashboard in a real browser (Debian's chromium, driven through chromedriver): the template's widgets fill
 * with live data from orders placed through the API, and an alarm's state changes on screen. Saves
 * {@code target/dashboard.png} (a laptop's 1440×900 view) and {@code target/dashboard-full.png} for a reviewer.
 * Installs chromium when it is missing and the test runs as root; otherwise it is skipped, saying why.
 */
@Tag("browser")
public class DashboardBrowserTest {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** One invocation of OrderApiFunction through its live alias, as the local Lambda reports it to the metrics. */
    static LambdaObserver.Report orderApi(boolean error, Duration duration) {
        return new LambdaObserver.Report(
                "OrderApiFunction", "OrderApiFunction:live", "1", true, error, duration, false, false, false);
    }

    @TempDir
    static Path data;

    @TempDir
    static Path profile;

    static LocalPlatform platform;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        ensureChromium();
        platform = LocalPlatform.open(
                        data,
                        Faults.none(),
                        SamTemplate.bundled(),
                        new Observability.Settings(60, Map.of("AlarmEmail", "ops@example.com")))
                .start(0);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile,
                "--window-size=1440,900",
                "--hide-scrollbars");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (platform != null) {
            platform.close();
        }
    }

    public static void ensureChromium() throws Exception {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            System.err.println("DashboardBrowserTest: installing chromium and chromium-driver with apt-get");
            Process install = new ProcessBuilder(
                            "sh",
                            "-c",
                            "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver")
                    .inheritIO()
                    .start();
            if (!install.waitFor(15, TimeUnit.MINUTES)) {
                install.destroyForcibly();
            }
        }
        if (!(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))) {
            System.err.println(
                    "DashboardBrowserTest SKIPPED: no chromium/chromedriver in /usr/bin and they could not be installed "
                            + "(run as root, or: sudo apt-get install chromium chromium-driver)");
        }
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromium-driver are not installed and cannot be installed here");
    }

    static Object script(String js) {
        return ((JavascriptExecutor) browser).executeScript(js);
    }

    static long points(String title) {
        Object n = script("const w = document.querySelector(`[data-title=\"" + title
                + "\"]`); return w ? Number(w.dataset.points || 0) : -1;");
        return ((Number) n).longValue();
    }

    /** Read in one script: the alarm list is redrawn every poll, so an element found earlier may be gone. */
    static String alarmOnScreen(String name) {
        return (String) script("const a = document.querySelector(`[data-alarm=\"" + name
                + "\"]`); return a ? a.dataset.state : null;");
    }

    @Test
    void the_templates_widgets_fill_with_live_data_and_an_alarm_turns_red_on_screen() throws Exception {
        browser.get(platform.url() + "/");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> ((Number) script("return window.__dashboard.updates")).longValue() > 0);
        assertThat(browser.findElements(By.cssSelector(".widget"))).hasSize(9);
        assertThat(browser.findElement(By.cssSelector("[data-title=\"API requests and errors\"]"))
                        .isDisplayed())
                .isTrue();
        assertThat(script("return document.getElementById('no-deployment').textContent"))
                .isEqualTo("no deployments yet");

        Http http = new Http(platform.url());
        String token = LocalPlatform.issuer(data).token("dora", Duration.ofMinutes(10));
        for (int i = 0; i < 12; i++) {
            assertThat(http.placeOrder(token, "browser-" + i, Http.ORDER).statusCode())
                    .isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> points("API requests and errors") > 0 && points("Function duration p95 (ms)") > 0);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> ((Number) script("return document.querySelectorAll('#events tr').length")).intValue() > 1);
        // the Count series of "API requests and errors" adds up to every request sent (once the next poll has them)
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ((Number)
                                        script(
                                                "return window.__dashboard.data.widgets[0].series[0].values.reduce((a, b) => a + b, 0)"))
                                .doubleValue()
                        >= 12);

        for (int i = 0; i < 4; i++) {
            platform.observability().lambda().completed(orderApi(true, Duration.ofMillis(30)));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> "ALARM".equals(alarmOnScreen("OrderApiErrorsAlarm")));
        await().atMost(Duration.ofSeconds(20)).until(() -> points("Function errors") > 0);
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.copy(
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                target.resolve("dashboard.png"),
                StandardCopyOption.REPLACE_EXISTING);
        long height = ((Number) script("return document.documentElement.scrollHeight")).longValue();
        browser.manage().window().setSize(new Dimension(1440, (int) Math.min(4000, height + 40)));
        Thread.sleep(500); // the charts redraw at the new size on their next frame
        File full = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(full.toPath(), target.resolve("dashboard-full.png"), StandardCopyOption.REPLACE_EXISTING);
        browser.manage().window().setSize(new Dimension(1440, 900));

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    platform.observability().lambda().completed(orderApi(false, Duration.ofMillis(30)));
                    return "OK".equals(alarmOnScreen("OrderApiErrorsAlarm"));
                });
    }

    @Test
    void an_injected_fault_shows_in_its_panel_until_it_is_removed() {
        browser.get(platform.url() + "/");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> script("return document.getElementById('no-faults')") != null);
        String id = platform.faults()
                .add("""
                {"target":"port","dependency":"store","effect":"latency","latency":"p50:200ms,p99:2s","duration":"30m"}""".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .id();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Boolean.TRUE.equals(script("const r = document.querySelector(`[data-fault=\"" + id
                        + "\"]`); return r != null && r.textContent.includes('store: latency p50:200ms,p99:2s');")));
        platform.faults().remove(id);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> script("return document.getElementById('no-faults')") != null);
    }
}
