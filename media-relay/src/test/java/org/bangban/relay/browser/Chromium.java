package org.bangban.relay.browser;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real headless Chromium driven by Selenium with fake camera, microphone and screen: Debian's
 * /usr/bin/chromium and /usr/bin/chromedriver, nothing downloaded, a fresh profile and HOME.
 */
public final class Chromium implements AutoCloseable {

    public static final String BINARY = "/usr/bin/chromium";
    public static final String DRIVER = "/usr/bin/chromedriver";

    private final Path home;
    private final ChromeDriver driver;

    private Chromium(Path home, ChromeDriver driver) {
        this.home = home;
        this.driver = driver;
    }

    public static boolean installed() {
        return Files.isExecutable(Path.of(BINARY)) && Files.isExecutable(Path.of(DRIVER));
    }

    /** Starts a browser; {@code extraArgs} are added to the standard flags. */
    public static Chromium start(List<String> extraArgs) {
        if (!installed()) {
            throw new IllegalStateException("Chromium is not installed: run `apt-get install -y chromium chromium-driver`"
                    + " (the .ci/run script does)");
        }
        System.setProperty("webdriver.chrome.driver", DRIVER);
        try {
            Path home = Files.createTempDirectory("bangban-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(BINARY);
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                    "--allow-loopback-in-peer-connection", "--disable-features=WebRtcHideLocalIpsWithMdns",
                    "--auto-accept-this-tab-capture", "--auto-select-desktop-capture-source=Entire screen",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-quic", "--user-data-dir=" + home.resolve("profile"));
            options.addArguments(extraArgs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(Path.of(DRIVER).toFile())
                    .withEnvironment(java.util.Map.of("HOME", home.toString()))
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            return new Chromium(home, driver);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    /** Runs an async script: the last argument passed to it is the callback. */
    public Object async(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    /**
     * Calls {@code window.peer(peer).<method>(args...)} and waits for its promise; an exception in
     * the page comes back as an {@link IllegalStateException} with the page's message.
     */
    public Object call(String peer, String method, Object... args) {
        String script = "const done = arguments[arguments.length - 1];"
                + "const args = Array.prototype.slice.call(arguments, 0, arguments.length - 1);"
                + "Promise.resolve().then(() => window.peer('" + peer + "')." + method + "(...args))"
                + ".then(r => done({ok: r === undefined ? null : r}),"
                + " e => done({error: String(e && e.stack || e)}));";
        Object result = async(script, args);
        if (result instanceof java.util.Map<?, ?> map) {
            if (map.containsKey("error")) {
                throw new IllegalStateException("page error in " + peer + "." + method + ": " + map.get("error"));
            }
            return map.get("ok");
        }
        throw new IllegalStateException("unexpected reply from " + peer + "." + method + ": " + result);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp dir left behind is harmless
            }
        }
    }
}
