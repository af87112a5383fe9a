package org.quorate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/** The email preferences page in real Chromium, against a server that sends to a real SMTP server (GreenMail). */
class EmailSettingsBrowserIT {
  @RegisterExtension
  static final Browsers browsers = new Browsers();

  static GreenMail smtp;
  static TestServer server;

  @BeforeAll
  static void start() {
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    server = TestServer.startWithEmail("smtp://127.0.0.1:" + smtp.getSmtp().getPort() + "?starttls=disabled&from=quorate@example.org");
  }

  @AfterAll
  static void stop() {
    server.close();
    smtp.stop();
  }

  @Test
  void choosingEmailAtOnceNeedsAnAddressIsKeptAndBringsTheNextMentionByEmailWhoseUnsubscribeButtonTurnsItOff() throws Exception {
    Browser kate = browsers.launch("kate", server.baseUrl()).signIn("kate");
    kate.click(By.id("email-settings-link"));
    kate.await(ExpectedConditions.visibilityOfElementLocated(By.id("email-settings-title")));
    kate.await(ExpectedConditions.elementSelectionStateToBe(By.id("email-mode-none"), true));
    assertThat(kate.driver().findElement(By.id("email-address")).getAttribute("value")).isEmpty();

    kate.click(By.cssSelector("label[for='email-mode-immediate']"));
    kate.click(By.id("email-save"));
    kate.await(ExpectedConditions.textToBePresentInElementLocated(By.id("email-status"), "needed"));
    assertThat(kate.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("email-address");

    kate.driver().findElement(By.id("email-address")).sendKeys("kate@example.org");
    kate.click(By.id("email-save"));
    kate.await(ExpectedConditions.textToBePresentInElementLocated(By.id("email-status"), "Saved: email at once to kate@example.org."));

    // Kept: a reload shows the saved choice.
    kate.driver().navigate().refresh();
    kate.await(ExpectedConditions.elementSelectionStateToBe(By.id("email-mode-immediate"), true));
    assertThat(kate.driver().findElement(By.id("email-address")).getAttribute("value")).isEqualTo("kate@example.org");

    long kateId = server.userId("kate");
    long room = server.as("admin").post("/api/rooms", Map.of("name", "Supplier onboarding", "classification", "green",
        "member_ids", List.of(kateId))).json().get("id").asLong();
    try (WsClient admin = WsClient.connect(server.port(), server.as("admin").token())) {
      admin.request(Map.of("type", "post_message", "room", room, "body", "Kate, can you review the onboarding checklist?",
          "mentions", List.of(Map.of("kind", "user", "ref", String.valueOf(kateId)))));
    }
    MimeMessage mail = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> smtp.getReceivedMessages().length > 0
        ? smtp.getReceivedMessages()[0] : null, m -> m != null);
    assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("kate@example.org");
    assertThat(String.valueOf(mail.getContent())).contains("Kate, can you review the onboarding checklist?");

    String unsubscribe = mail.getHeader("List-Unsubscribe")[0].replaceAll("^<|>$", "");
    kate.driver().get(unsubscribe);
    kate.click(By.cssSelector("button[type='submit']"));
    kate.await(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "You will get no more email from Quorate."));

    kate.open("/#/settings/email");
    kate.await(ExpectedConditions.elementSelectionStateToBe(By.id("email-mode-none"), true));
  }
}
