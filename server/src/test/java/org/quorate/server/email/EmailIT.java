package org.quorate.server.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.OpenApiDocument;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/** Email through a real SMTP server (GreenMail): what is sent, to whom, and what never leaves Quorate. */
class EmailIT {
  static GreenMail smtp;
  static int smtpPort;
  static TestServer server;

  @BeforeAll
  static void start() {
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    smtpPort = smtp.getSmtp().getPort();
    server = TestServer.startWithEmail("smtp://127.0.0.1:" + smtpPort + "?starttls=disabled&from=quorate@example.org");
  }

  @AfterAll
  static void stop() {
    server.close();
    smtp.stop();
  }

  @Test
  void aMentionInAGreenRoomIsEmailedAtOnceWithItsTextALinkToTheThreadAndOneClickUnsubscribeHeaders() throws Exception {
    long kate = chooses("kate", "immediate");
    long room = room("green", "Firmware regional waves", kate);
    long message = mention("admin", room, kate, "Kate, can Kestrel take the first regional wave in May?");

    MimeMessage mail = awaitMailTo("kate", m -> m.getSubject().contains("mentioned you"));
    assertThat(mail.getSubject()).isEqualTo("[Quorate] Ada Admin (SECAS) mentioned you in Firmware regional waves");
    assertThat(mail.getFrom()[0].toString()).contains("quorate@example.org");
    String body = text(mail);
    assertThat(body).contains("> Kate, can Kestrel take the first regional wave in May?")
        .contains(server.baseUrl() + "/#/rooms/" + room + "/thread/" + message)
        .contains(server.baseUrl() + "/#/settings/email");
    assertThat(mail.getHeader("List-Unsubscribe")[0]).startsWith("<" + server.baseUrl() + "/api/email/unsubscribe?user=" + kate + "&sig=");
    assertThat(mail.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
  }

  @Test
  void aMentionInAnAmberRoomSaysOnlyThatSomethingHappenedWithALinkAndNoAmberTextLeaves() throws Exception {
    long penny = chooses("penny", "immediate");
    long room = room("amber", "Substation outage planning", penny);
    mention("admin", room, penny, "Penny: the Pennine outage window is 3-5 March, keep this in the room");

    MimeMessage mail = awaitMailTo("penny", m -> true);
    assertThat(mail.getSubject()).isEqualTo("[Quorate] A mention for you");
    assertThat(text(mail)).contains("Its room's content stays in Quorate").contains(server.baseUrl() + "/#/rooms/" + room);
    assertThat(mail.getSubject() + text(mail)).doesNotContain("Ada Admin");
    for (MimeMessage any : smtp.getReceivedMessages()) {
      assertThat(any.getSubject() + text(any)).doesNotContain("outage window").doesNotContain("Substation outage planning");
    }
  }

  @Test
  void theDailyDigestListsTheFollowedRoomsNewsLeavesAmberTextOutAndOmitsRoomsTheReaderLostMeanwhile() throws Exception {
    long eric = chooses("eric", "digest");
    long green = room("green", "Metering data quality", eric);
    long amber = room("amber", "Incident review", eric);
    long lost = room("amber", "Board candidates", eric);
    ApiClient ericApi = server.as("eric");
    for (long r : List.of(green, amber, lost)) {
      assertThat(ericApi.put("/api/rooms/" + r + "/follow", Map.of("following", true)).status()).isEqualTo(200);
    }
    try (WsClient admin = ws("admin")) {
      admin.post(green, "Proposal: publish monthly read-success rates per region");
      admin.post(amber, "Root cause: a certificate expired at the head end");
      admin.post(lost, "Shortlist: three names under embargo");
    }
    assertThat(server.as("admin").delete("/api/rooms/" + lost + "/members/" + eric).status()).isEqualTo(200);

    assertThat(server.server().features().email().queueDigestsDue(Instant.now().plus(Duration.ofDays(1)).plusSeconds(60))
        .await()).isGreaterThanOrEqualTo(1);
    MimeMessage digest = awaitMailTo("eric", m -> m.getSubject().contains("digest"));
    String body = text(digest);
    assertThat(digest.getSubject()).isEqualTo("[Quorate] Your daily digest: 2 updates in 2 rooms");
    assertThat(body).contains("Metering data quality (" + server.baseUrl() + "/#/rooms/" + green + ")")
        .contains("- Ada Admin (SECAS) started a thread: Proposal: publish monthly read-success rates per region")
        .contains("1 update in a room whose content stays in Quorate: " + server.baseUrl() + "/#/rooms/" + amber)
        .doesNotContain("certificate expired").doesNotContain("Incident review")
        .doesNotContain("/#/rooms/" + lost + "\n").doesNotContain("Shortlist");
  }

  @Test
  void theUnsubscribeLinkWorksWithOnePostWithoutSigningInAndAForgedOneIsRefused() throws Exception {
    long gary = chooses("gary", "immediate");
    long room = room("white", "Gas meter firmware", gary);
    mention("admin", room, gary, "Gary, please confirm the gas meter schedule");
    MimeMessage mail = awaitMailTo("gary", m -> true);
    String link = mail.getHeader("List-Unsubscribe")[0].replaceAll("^<|>$", "");

    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> forged = http.send(oneClick(link.replace("user=" + gary, "user=" + server.userId("kate"))),
        HttpResponse.BodyHandlers.ofString());
    assertThat(forged.statusCode()).isEqualTo(404);
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(link)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.body()).contains("<button type=\"submit\">Unsubscribe</button>");
    assertThat(server.as("gary").get("/api/me/email").json().get("mode").asText()).isEqualTo("immediate");

    HttpResponse<String> done = http.send(oneClick(link), HttpResponse.BodyHandlers.ofString());
    assertThat(done.statusCode()).isEqualTo(200);
    assertThat(done.body()).contains("no more email");
    assertThat(server.as("gary").get("/api/me/email").json().get("mode").asText()).isEqualTo("none");
    assertThat(server.as("kate").get("/api/me/email").json().get("mode").asText()).isNotEqualTo("none");
  }

  @Test
  void whenTheMailServerIsDownThePostStillSucceedsAndTheEmailArrivesOnceItIsBack() throws Exception {
    long oscar = chooses("oscar", "immediate");
    long room = room("green", "Test environment booking", oscar);
    smtp.stop();
    try {
      long message = mention("admin", room, oscar, "Oscar, the test lab is free on Thursday");
      assertThat(message).isPositive();
      // The sender tried, failed, and scheduled a retry instead of giving up.
      await().atMost(Duration.ofSeconds(20)).until(() -> failedAttempts(oscar) >= 1);
    } finally {
      smtp = new GreenMail(ServerSetupTest.SMTP.withPort(smtpPort));
      smtp.start();
    }
    MimeMessage mail = awaitMailTo("oscar", m -> true);
    assertThat(text(mail)).contains("the test lab is free on Thursday");
  }

  @Test
  void afterARestartNothingIsSentTwice() throws Exception {
    long bella = chooses("bella", "immediate");
    long room = room("green", "Co-operative tariffs", bella);
    mention("admin", room, bella, "Bella, first question before the restart");
    awaitMailTo("bella", m -> text(m).contains("first question"));

    server.restart();
    mention("admin", room, bella, "Bella, second question after the restart");
    awaitMailTo("bella", m -> text(m).contains("second question"));
    assertThat(mailsTo("bella").stream().filter(m -> text(m).contains("first question")).count()).isEqualTo(1);
  }

  @Test
  void aDecisionThatNeedsYourBallotAndItsClosingReminderAreEmailedAtOnceWithTheDecisionsRoomLink() throws Exception {
    chooses("alice", "immediate");
    long decision;
    try (WsClient secas = ws("secas")) {
      Map<String, Object> open = new java.util.HashMap<>(Map.of("type", "open_decision", "body", "WG_MP210",
          "question", "Recommend regional firmware waves?", "kind", "asynchronous", "modification_id", "MP210"));
      open.put("closes_at", Instant.now().plus(Duration.ofHours(2)).toString());
      JsonNode ack = secas.request(open);
      assertThat(WsClient.type(ack)).as(ack.toString()).isEqualTo("ack");
      decision = ack.get("message_id").asLong();
    }
    MimeMessage needed = awaitMailTo("alice", m -> m.getSubject().contains("needs your ballot"));
    assertThat(text(needed)).contains("Recommend regional firmware waves?");
    assertThat(decision).isPositive();

    server.server().features().closing().remindNow().await();
    MimeMessage reminder = awaitMailTo("alice", m -> m.getSubject().contains("Reminder"));
    assertThat(reminder.getSubject()).startsWith("[Quorate] Reminder: a decision closes soon and you have not voted in ");
    assertThat(text(reminder)).contains("/#/rooms/");
  }

  @Test
  void aChairsRulingAboutYouInTheAmberPanelRoomIsEmailedAtOnceWithoutItsReason() throws Exception {
    chooses("arthur", "immediate");
    org.quorate.server.meetings.MeetingTestKit kit = new org.quorate.server.meetings.MeetingTestKit(server);
    long panel = kit.bodyId("PANEL");
    long room = kit.roomOfBody(panel);
    long meeting = kit.createMeeting(kit.admin(), panel, "SEC Panel", "2030-07-02T10:00:00Z",
        List.of(org.quorate.server.meetings.MeetingTestKit.item("Business", null))).get("id").asLong();
    try (WsClient chair = kit.connect("chair", room); WsClient arthur = kit.connect("arthur", room)) {
      org.quorate.server.meetings.MeetingTestKit.ok(chair, "set_meeting_state", "meeting", meeting, "state", "open");
      org.quorate.server.meetings.MeetingTestKit.ok(chair, "mute_participant", "meeting", meeting, "user", kit.userId("arthur"),
          "muted", true, "reason", "Speaking out of turn");
    }
    MimeMessage ruling = awaitMailTo("arthur", m -> m.getSubject().contains("ruling"));
    // The Panel's room is Amber: the email says a ruling happened, links to the room, and quotes nothing.
    assertThat(ruling.getSubject()).isEqualTo("[Quorate] A chair's ruling for you");
    assertThat(text(ruling)).contains(server.baseUrl() + "/#/rooms/" + room).doesNotContain("Speaking out of turn")
        .doesNotContain("SEC Panel");
  }

  @Test
  void preferencesNeedAnAddressToSendAndAreRefusedWithTheField() {
    ApiClient connie = server.as("connie");
    OpenApiDocument openApi = OpenApiDocument.load();
    JsonNode off = openApi.check("GET", "/api/me/email", connie.get("/api/me/email"));
    assertThat(off.get("enabled").asBoolean()).isTrue();
    assertThat(off.get("mode").asText()).isEqualTo("none");
    ApiClient.Response refused = connie.put("/api/me/email", Map.of("mode", "digest"));
    openApi.check("PUT", "/api/me/email", refused);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("field").asText()).isEqualTo("address");
    assertThat(connie.put("/api/me/email", Map.of("mode", "weekly", "address", "c@example.org")).status()).isEqualTo(400);
    JsonNode saved = openApi.check("PUT", "/api/me/email", connie.put("/api/me/email",
        Map.of("mode", "digest", "address", "connie@example.org")));
    assertThat(saved.get("address").asText()).isEqualTo("connie@example.org");
  }

  // ---- helpers ----

  /** How often the outbox has tried the user's unsent email, read from the outbox itself. */
  static int failedAttempts(long user) {
    return server.server().pool().preparedQuery("SELECT coalesce(max(attempts), 0) AS n FROM email_outbox "
            + "WHERE user_id = $1 AND done_at IS NULL AND last_error IS NOT NULL")
        .execute(io.vertx.sqlclient.Tuple.of(user)).await().iterator().next().getInteger("n");
  }

  interface MailMatch {
    boolean test(MimeMessage m) throws Exception;
  }

  static long chooses(String user, String mode) {
    ApiClient api = server.as(user);
    JsonNode saved = api.put("/api/me/email", Map.of("address", user + "@example.org", "mode", mode)).json();
    assertThat(saved.get("mode").asText()).isEqualTo(mode);
    return api.get("/api/me").json().get("id").asLong();
  }

  static long room(String classification, String name, long member) {
    return server.as("admin").post("/api/rooms", Map.of("name", name, "classification", classification, "member_ids",
        List.of(member))).json().get("id").asLong();
  }

  static long mention(String author, long room, long who, String body) {
    try (WsClient ws = ws(author)) {
      JsonNode ack = ws.request(Map.of("type", "post_message", "room", room, "body", body,
          "mentions", List.of(Map.of("kind", "user", "ref", String.valueOf(who)))));
      assertThat(WsClient.type(ack)).as(ack.toString()).isEqualTo("ack");
      return ack.get("message_id").asLong();
    }
  }

  static WsClient ws(String user) {
    return WsClient.connect(server.port(), server.as(user).token());
  }

  static HttpRequest oneClick(String link) {
    return HttpRequest.newBuilder(URI.create(link)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build();
  }

  static List<MimeMessage> mailsTo(String user) {
    return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
      try {
        return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(user + "@example.org"));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  static MimeMessage awaitMailTo(String user, MailMatch match) {
    return await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(user).stream().filter(m -> {
      try {
        return match.test(m);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).findFirst().orElse(null), m -> m != null);
  }

  static String text(MimeMessage m) {
    try {
      return String.valueOf(m.getContent()).replace("\r\n", "\n");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
