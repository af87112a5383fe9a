package org.quorate.server.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.quorate.server.testing.TestServer;

/**
 * One headless Debian Chromium, driven by the Debian chromedriver given explicitly (no driver
 * download), with a fresh profile; helpers phrased as what a user does and sees in Quorate.
 */
public final class Browser implements AutoCloseable {
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  public static final Duration WAIT = Duration.ofSeconds(15);

  private final String name;
  private final String baseUrl;
  private final Path profile;
  private final ChromeDriver driver;
  private final BrowserTraffic traffic;

  private Browser(String name, String baseUrl, Dimension size) {
    this.name = name;
    this.baseUrl = baseUrl;
    try {
      this.profile = Files.createTempDirectory("quorate-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
        .usingAnyFreePort()
        .build();
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    // DevTools network events (WebSocket frames, answers) for the contract check; page and trace events are not needed.
    logs.enable(LogType.PERFORMANCE, Level.ALL);
    ChromeOptions options = new ChromeOptions()
        .setBinary(CHROMIUM.toString())
        .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
            "--user-data-dir=" + profile, "--window-size=" + size.getWidth() + "," + size.getHeight(), "--lang=en-GB");
    options.setCapability("goog:loggingPrefs", logs);
    options.setExperimentalOption("perfLoggingPrefs", Map.of("enableNetwork", true, "enablePage", false));
    this.driver = new ChromeDriver(service, options);
    this.traffic = new BrowserTraffic(name, driver, baseUrl);
    // The viewport itself gets the size (a window size would include the browser's own frame);
    // phone widths also get a touch, mobile-style viewport.
    boolean phone = size.getWidth() < 600;
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", size.getWidth(), "height", size.getHeight(),
        "deviceScaleFactor", 1, "mobile", phone));
  }

  static Browser launch(String name, String baseUrl, Dimension size) {
    return new Browser(name, baseUrl, size);
  }

  public String name() {
    return name;
  }

  public ChromeDriver driver() {
    return driver;
  }

  // ---- what a user does ----

  public Browser open(String path) {
    // A page load drops the answers' bodies the browser kept: check what the last page saw first.
    traffic.check();
    driver.get(baseUrl + path);
    return this;
  }

  public Browser signIn(String username) {
    open("/");
    WebElement user = await(ExpectedConditions.elementToBeClickable(By.id("username")));
    user.sendKeys(username);
    driver.findElement(By.id("password")).sendKeys(TestServer.DEMO_PASSWORD, Keys.ENTER);
    await(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".room-link")));
    return this;
  }

  /** Opens the room whose name starts with the given text, from the room list. */
  public Browser openRoom(String namePrefix) {
    WebElement drawer = driver.findElement(By.cssSelector(".nav-toggle"));
    if (drawer.isDisplayed() && !"true".equals(drawer.getAttribute("aria-expanded"))) {
      drawer.click();
    }
    By link = By.xpath("//a[contains(@class,'room-link')][starts-with(normalize-space(.), '" + namePrefix + "')]");
    click(link);
    await(ExpectedConditions.attributeToBe(link, "aria-current", "page"));
    awaitOnline();
    // The room is ready when its first page has arrived (or it is known to be empty).
    await(d -> !d.findElements(By.cssSelector(".room .load-older, .room .room-start")).isEmpty());
    return this;
  }

  public Browser awaitOnline() {
    await(d -> "online".equals(script("return document.documentElement.dataset.connection")));
    return this;
  }

  /** Types into the room's message box and presses Enter. */
  public Browser post(String text) {
    WebElement box = await(ExpectedConditions.elementToBeClickable(By.cssSelector(".room .composer-text")));
    typeInto(box, text);
    box.sendKeys(Keys.ENTER);
    return this;
  }

  public Browser replyInThread(String text) {
    WebElement box = await(ExpectedConditions.elementToBeClickable(By.cssSelector(".thread .composer-text")));
    typeInto(box, text);
    box.sendKeys(Keys.ENTER);
    return this;
  }

  /** Multi-line text: Shift+Enter between lines, as a user would. */
  private static void typeInto(WebElement box, String text) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        box.sendKeys(Keys.chord(Keys.SHIFT, Keys.ENTER));
      }
      box.sendKeys(lines[i]);
    }
  }

  // ---- what a user sees ----

  /** The stream's message (top-level, not pending) whose body is exactly this text. */
  public WebElement awaitMessage(String text) {
    return await(d -> messagesWithText(".room .messages > li.msg", text).stream().findFirst().orElse(null));
  }

  public WebElement awaitThreadReply(String text) {
    return await(d -> messagesWithText(".thread .replies > li.msg", text).stream().findFirst().orElse(null));
  }

  public List<WebElement> messagesWithText(String css, String text) {
    return driver.findElements(By.cssSelector(css)).stream()
        .filter(li -> li.findElements(By.cssSelector(".msg-body")).stream().anyMatch(b -> b.getText().strip().equals(text)))
        .toList();
  }

  public int countInStream(String text) {
    return messagesWithText(".room .messages > li.msg", text).size();
  }

  public boolean alertPresent() {
    try {
      driver.switchTo().alert();
      return true;
    } catch (NoAlertPresentException e) {
      return false;
    }
  }

  public Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  /**
   * Clicks what {@code by} finds once it is clickable, scrolled to the middle of the view. The page
   * redraws parts of itself as events arrive, so an element found a moment before the click may be
   * gone (stale) or covered: it is then found again and clicked, until {@link #WAIT}.
   */
  public void click(By by) {
    new WebDriverWait(driver, WAIT, Duration.ofMillis(50))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .ignoring(org.openqa.selenium.ElementClickInterceptedException.class)
        .until(d -> {
          WebElement e = ExpectedConditions.elementToBeClickable(by).apply(d);
          if (e == null) {
            return false;
          }
          script("arguments[0].scrollIntoView({block: 'center'})", e);
          e.click();
          return true;
        });
  }

  public <T> T await(ExpectedCondition<T> condition) {
    // The page redraws parts of itself as data arrives: an element read mid-redraw is simply read again.
    return new WebDriverWait(driver, WAIT, Duration.ofMillis(50))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
  }

  public <T> T await(Duration timeout, ExpectedCondition<T> condition) {
    return new WebDriverWait(driver, timeout, Duration.ofMillis(50))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
  }

  // ---- evidence ----

  /**
   * Checks what this browser sent and received since the last call against the published
   * contract ({@link BrowserTraffic}); the mismatches go to {@link org.quorate.server.testing.Contract}.
   */
  BrowserTraffic checkTraffic() {
    traffic.check();
    return traffic;
  }

  public byte[] screenshot() {
    return driver.getScreenshotAs(OutputType.BYTES);
  }

  public void saveScreenshot(Path file) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, screenshot());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The browser console so far (errors, warnings, logs), for failure reports. */
  public String consoleLog() {
    try {
      return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
          .map(LogEntry::toString).collect(Collectors.joining("\n"));
    } catch (RuntimeException e) {
      return "(console log unavailable: " + e.getMessage() + ")";
    }
  }

  public Map<String, Object> describe() {
    return Map.of("name", name, "url", String.valueOf(driver.getCurrentUrl()));
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteQuietly(profile);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp profile left behind is harmless
    }
  }
}
