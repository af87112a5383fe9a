package org.quorate.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quorate.server.web.MeetingPage.item;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;

/** Meeting papers in real Chromium: the chair uploads a file in the meeting view; a member downloads the same bytes. */
@DemoServer
class MeetingPapersBrowserIT {
  @RegisterExtension
  static final Browsers browsers = new Browsers();

  static TestServer server;

  @Test
  void theChairUploadsAPaperForAnAgendaItemAndAMemberDownloadsExactlyThatFile(@TempDir Path files, @TempDir Path downloads)
      throws Exception {
    ApiClient secasApi = server.as("secas");
    long board = MeetingPage.bodyId(secasApi, "CHANGE_BOARD");
    long meeting = MeetingPage.schedule(secasApi, board, "Change Board, papers",
        List.of(item("MP215 Clarifying the Party Category of Affiliates", "MP215"), item("Any other business", null))).get("id").asLong();
    byte[] pdf = ("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n").getBytes(StandardCharsets.ISO_8859_1);
    Path report = Files.write(files.resolve("mp215-report.pdf"), pdf);
    Path renamed = Files.write(files.resolve("diagram.pdf"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0});

    MeetingPage chair = MeetingPage.open(browsers.launch("secas", server.baseUrl()).signIn("secas"), "Change Board", meeting);
    chair.awaitText("#meeting-papers-section", "No papers yet.");
    // A file is judged by its content: an image named .pdf is refused, and the form says why.
    chair.choose("paper-target", "A new paper for item 1: MP215 Clarifying the Party Category of Affiliates");
    chair.type("paper-title", "MP215 Modification Report");
    chair.browser().driver().findElement(By.id("paper-file")).sendKeys(renamed.toString());
    chair.press("#paper-upload", "Upload");
    chair.awaitText("#paper-upload-error", "is not a PDF, Word (DOCX), Excel (XLSX), plain text or CSV file");

    chair.browser().driver().findElement(By.id("paper-file")).sendKeys(report.toString());
    chair.press("#paper-upload", "Upload");
    chair.awaitText("#meeting-papers-section", "(mp215-report.pdf, version 1,");
    chair.awaitText("#meeting-agenda-section", "MP215 Modification Report");

    MeetingPage kate = MeetingPage.open(browsers.launch("kate", server.baseUrl()).signIn("kate"), "Change Board", meeting);
    kate.browser().driver().executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
    assertThat(kate.browser().driver().findElements(By.id("paper-upload"))).as("members do not upload papers").isEmpty();
    WebElement download = kate.browser().await(ExpectedConditions.elementToBeClickable(
        By.cssSelector("#meeting-papers-section .paper-download")));
    assertThat(download.getText()).isEqualTo("MP215 Modification Report");
    kate.browser().script("arguments[0].scrollIntoView({block: 'center'})", download);
    download.click();
    Path saved = downloads.resolve("mp215-report.pdf");
    byte[] got = kate.browser().await(Duration.ofSeconds(15), d -> {
      try {
        byte[] b = Files.isRegularFile(saved) ? Files.readAllBytes(saved) : null;
        return b != null && b.length == pdf.length ? b : null;
      } catch (java.io.IOException e) {
        return null;
      }
    });
    assertThat(Arrays.equals(got, pdf)).as("the downloaded file has exactly the uploaded bytes").isTrue();
  }
}
