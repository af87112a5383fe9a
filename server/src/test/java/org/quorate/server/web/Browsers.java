package org.quorate.server.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.Dimension;
import org.quorate.server.testing.Contract;

/**
 * JUnit extension owning the browsers a test opens: skips the class only when Chromium is not
 * installed, saves a screenshot and the console of every open browser when a test fails
 * ({@code target/browser-screenshots/<Class>.<test>-<browser>.png}), checks every browser's WebSocket
 * frames and {@code /api} answers against the published contract ({@link BrowserTraffic}: the test
 * fails on any mismatch, naming the message or operation, the JSON path and the schema error), and
 * closes them after each test.
 *
 * <pre>{@code @RegisterExtension static final Browsers browsers = new Browsers();}</pre>
 */
public final class Browsers implements BeforeAllCallback, AfterTestExecutionCallback, AfterEachCallback {
  public static final Dimension LAPTOP = new Dimension(1280, 800);
  public static final Dimension PHONE = new Dimension(390, 844);
  static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");

  private final List<Browser> open = new ArrayList<>();

  @Override
  public void beforeAll(ExtensionContext context) {
    Assumptions.assumeTrue(Files.isExecutable(Browser.CHROMIUM),
        "Browser tests skipped: " + Browser.CHROMIUM + " is not installed (apt-get install chromium chromium-driver)");
  }

  public Browser launch(String name, String baseUrl) {
    return launch(name, baseUrl, LAPTOP);
  }

  public Browser launch(String name, String baseUrl, Dimension size) {
    Browser b = Browser.launch(name, baseUrl, size);
    open.add(b);
    return b;
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    if (context.getExecutionException().isEmpty()) {
      return;
    }
    String test = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
    for (Browser b : open) {
      try {
        Path png = SCREENSHOTS.resolve(test + "-" + b.name() + ".png");
        b.saveScreenshot(png);
        Files.writeString(SCREENSHOTS.resolve(test + "-" + b.name() + ".console.txt"),
            b.describe() + "\n" + b.consoleLog(), StandardCharsets.UTF_8);
        System.err.println("browser screenshot saved: " + png.toAbsolutePath());
      } catch (IOException | RuntimeException e) {
        System.err.println("could not save a screenshot of " + b.name() + ": " + e);
      }
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    // What the Java clients saw is ContractExtension's to report; what the browsers saw is reported here,
    // per browser, before they close (their traffic lives in their performance logs).
    List<String> clients = Contract.get().drain();
    List<String> violations = new ArrayList<>();
    for (Browser b : open) {
      try {
        BrowserTraffic traffic = b.checkTraffic();
        System.out.println(context.getDisplayName() + ": " + traffic.summary());
        Contract.get().drain().forEach(v -> violations.add("[browser " + b.name() + "] " + v));
      } catch (RuntimeException e) {
        violations.add("[browser " + b.name() + "] its traffic could not be read: " + e);
      }
    }
    for (Browser b : open) {
      try {
        b.close();
      } catch (RuntimeException e) {
        System.err.println("could not close browser " + b.name() + ": " + e);
      }
    }
    open.clear();
    violations.addAll(0, clients);
    if (!violations.isEmpty()) {
      throw new AssertionError(context.getDisplayName() + ": " + violations.size()
          + " frame(s) or answer(s) break the published contract (asyncapi.yaml / openapi.yaml):\n  - "
          + String.join("\n  - ", violations));
    }
  }
}
