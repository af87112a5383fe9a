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

/**
 * JUnit extension owning the browsers a test opens: skips the class only when Chromium is not
 * installed, saves a screenshot and the console of every open browser when a test fails
 * ({@code target/browser-screenshots/<Class>.<test>-<browser>.png}), and closes them after each test.
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
    for (Browser b : open) {
      try {
        b.close();
      } catch (RuntimeException e) {
        System.err.println("could not close browser " + b.name() + ": " + e);
      }
    }
    open.clear();
  }
}
