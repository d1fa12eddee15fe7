package dev.orders.local.drill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.local.metrics.dashboard.DashboardBrowserTest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The drill report's charts in a real browser (chromium, as {@link DashboardBrowserTest}): the Markdown's images
 * load, and each SVG draws its series and the shaded fault band with a visible size.
 */
@Tag("browser")
class DrillReportBrowserTest {

    @TempDir
    static Path folder;

    @TempDir
    static Path profile;

    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        DashboardBrowserTest.ensureChromium();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(DashboardBrowserTest.CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile,
                "--window-size=900,700",
                "--allow-file-access-from-files");
        browser = new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(DashboardBrowserTest.CHROMEDRIVER.toFile())
                        .usingAnyFreePort()
                        .build(),
                options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void each_chart_renders_its_series_and_the_fault_band() {
        DrillReport.write(
                folder, "http://127.0.0.1:1", Instant.now(), Duration.ofSeconds(1), List.of(DrillReportTest.passing()));
        browser.get(folder.resolve("slow-dependency-concurrency.svg").toUri().toString());
        Object sizes = ((JavascriptExecutor) browser).executeScript("""
                const line = document.querySelector('polyline.series').getBBox();
                const band = document.querySelector('rect.fault').getBBox();
                return [line.width, line.height, band.width, band.height, document.querySelectorAll('text').length];""");
        @SuppressWarnings("unchecked")
        List<Number> n = (List<Number>) sizes;
        assertThat(n.get(0).doubleValue()).as("the series spans the chart").isGreaterThan(300);
        assertThat(n.get(1).doubleValue()).as("and rises from 1 to 5").isGreaterThan(50);
        assertThat(n.get(2).doubleValue()).as("the fault band is drawn").isGreaterThan(100);
        assertThat(n.get(3).doubleValue()).isGreaterThan(100);
        assertThat(n.get(4).intValue()).as("title, axes and legend").isGreaterThan(10);
    }
}
