package org.quorate.server.meetings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.OpenApiDocument;
import org.quorate.server.testing.TestServer;

/** Meeting papers as files kept in Quorate: uploaded, checked by content, versioned, downloaded by those who may read the body. */
@DemoServer
class MeetingPapersIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final byte[] PDF = ("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n").getBytes(StandardCharsets.ISO_8859_1);

  static TestServer server;

  @Test
  void anOrganiserUploadsAPdfAndAMemberDownloadsExactlyThoseBytesAsAnAttachment() throws Exception {
    long meeting = meeting("2030-05-08T09:00:00Z");
    HttpResponse<String> up = upload("secas", meeting, "MP215 Modification Report", "MP215 report (final).pdf", "application/pdf", PDF);
    assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
    JsonNode paper = OpenApiDocument.load().check("POST", "/api/meetings/{id}/papers/files",
        new ApiClient.Response(up.statusCode(), up.body(), up.headers().firstValue("Content-Type").orElse("")));
    assertThat(paper.get("media_type").asText()).isEqualTo("application/pdf");
    assertThat(paper.get("sha256").asText()).isEqualTo(sha256(PDF));
    assertThat(paper.get("size_bytes").asLong()).isEqualTo(PDF.length);
    assertThat(paper.get("version").asInt()).isEqualTo(1);
    assertThat(paper.get("late").asBoolean()).isFalse();

    HttpResponse<byte[]> down = download("kate", "/api/meetings/" + meeting + "/papers/" + paper.get("id").asLong() + "/file");
    assertThat(down.statusCode()).isEqualTo(200);
    assertThat(down.body()).isEqualTo(PDF);
    assertThat(down.headers().firstValue("Content-Type")).hasValue("application/pdf");
    assertThat(down.headers().firstValue("Content-Disposition")).hasValue(
        "attachment; filename=\"MP215 report (final).pdf\"; filename*=UTF-8''MP215%20report%20%28final%29.pdf");
    assertThat(down.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

    // Everyone who opens the meeting sees the paper with its file and version.
    JsonNode listed = server.as("kate").get("/api/meetings/" + meeting).json().get("papers").get(0);
    assertThat(listed.get("file_name").asText()).isEqualTo("MP215 report (final).pdf");
    assertThat(listed.get("versions").get(0).get("uploaded_by").asText()).isEqualTo("Sam Secretariat (SECAS)");
  }

  @Test
  void aFileIsJudgedByItsContentNotByItsNameOrTheTypeItWasSentAs() throws Exception {
    long meeting = meeting("2030-05-15T09:00:00Z");
    assertThat(typeOf(upload("secas", meeting, "Legal text", "legal.docx", "application/octet-stream", office("word/document.xml"))))
        .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    assertThat(typeOf(upload("secas", meeting, "Costs", "costs.bin", null, office("xl/workbook.xml"))))
        .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assertThat(typeOf(upload("secas", meeting, "Votes so far", "votes.csv", "text/csv", "party,vote\nKestrel,approve\n".getBytes())))
        .isEqualTo("text/csv");
    assertThat(typeOf(upload("secas", meeting, "Note", "note.txt", null, "Caf\u00e9 notes\n".getBytes(StandardCharsets.UTF_8))))
        .isEqualTo("text/plain");

    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
    assertRefused(upload("secas", meeting, "Renamed image", "diagram.pdf", "application/pdf", png), "is not a PDF");
    assertRefused(upload("secas", meeting, "Text posing as PDF", "notes.pdf", "application/pdf", "just text".getBytes()),
        "was sent as application/pdf but its content is plain text");
    assertRefused(upload("secas", meeting, "Any zip", "archive.docx", null, zip("readme.txt")), "is not a PDF");
    assertRefused(upload("secas", meeting, "Nothing", "empty.pdf", "application/pdf", new byte[0]), "is empty");

    // Refused uploads leave no paper behind.
    assertThat(server.as("kate").get("/api/meetings/" + meeting + "/papers").json()).hasSize(4);
  }

  @Test
  void anUploadOverTheSizeLimitIsRefused() throws Exception {
    long meeting = meeting("2030-05-22T09:00:00Z");
    byte[] big = new byte[20 * 1024 * 1024 + 1];
    System.arraycopy(PDF, 0, big, 0, PDF.length);
    HttpResponse<String> r = upload("secas", meeting, "Huge", "huge.pdf", "application/pdf", big);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
    assertThat(server.as("kate").get("/api/meetings/" + meeting + "/papers").json()).isEmpty();
  }

  @Test
  void aRevisedVersionBecomesCurrentAndEveryEarlierVersionStaysDownloadable() throws Exception {
    long meeting = meeting("2030-06-05T09:00:00Z");
    long paper = JSON.readTree(upload("secas", meeting, "Agenda notes", "notes.txt", "text/plain", "first draft\n".getBytes()).body())
        .get("id").asLong();
    HttpResponse<String> revised = upload("secas", "/api/meetings/" + meeting + "/papers/" + paper + "/versions?file_name=notes-v2.txt",
        "text/plain", "second draft\n".getBytes());
    assertThat(revised.statusCode()).as(revised.body()).isEqualTo(201);
    JsonNode view = OpenApiDocument.load().check("POST", "/api/meetings/{id}/papers/{paperId}/versions",
        new ApiClient.Response(revised.statusCode(), revised.body(), revised.headers().firstValue("Content-Type").orElse("")));
    assertThat(view.get("version").asInt()).isEqualTo(2);
    assertThat(view.get("file_name").asText()).isEqualTo("notes-v2.txt");
    assertThat(view.get("versions")).hasSize(2);

    String base = "/api/meetings/" + meeting + "/papers/" + paper;
    assertThat(new String(download("kate", base + "/file").body())).isEqualTo("second draft\n");
    assertThat(new String(download("kate", base + "/versions/1/file").body())).isEqualTo("first draft\n");
    assertThat(download("kate", base + "/versions/3/file").statusCode()).isEqualTo(404);

    // A member may read the papers but not revise them.
    HttpResponse<String> byMember = upload("kate", base + "/versions?file_name=mine.txt", "text/plain", "my edit\n".getBytes());
    assertThat(byMember.statusCode()).isEqualTo(403);
  }

  @Test
  void someoneWhoMayNotReadTheBodysAmberRoomCannotDownloadItsPapers() throws Exception {
    long meeting = meeting("2030-06-12T09:00:00Z");
    long paper = JSON.readTree(upload("secas", meeting, "Confidential annex", "annex.pdf", "application/pdf", PDF).body())
        .get("id").asLong();
    String path = "/api/meetings/" + meeting + "/papers/" + paper + "/file";
    assertThat(download("dcc", path).statusCode()).isEqualTo(403);
    assertThat(download("observer", path).statusCode()).isEqualTo(403);
    assertThat(download("kate", path).statusCode()).isEqualTo(200);
    assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofByteArray()).statusCode()).isEqualTo(401);
  }

  @Test
  void aPaperUploadedUnderFiveWorkingDaysBeforeTheMeetingIsFlaggedLateInTheViewAndTheMinutes() throws Exception {
    long meeting = meeting(Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS).toString());
    HttpResponse<String> up = upload("secas", meeting, "Late cost annex", "annex.pdf", "application/pdf", PDF);
    JsonNode paper = JSON.readTree(up.body());
    assertThat(paper.get("late").asBoolean()).isTrue();
    assertThat(paper.get("versions").get(0).get("late").asBoolean()).isTrue();

    String minutes = server.as("secas").get("/api/meetings/" + meeting + "/minutes/generated").body();
    assertThat(minutes).contains("- Late cost annex (annex.pdf, version 1, SHA-256 `" + sha256(PDF) + "`), published ")
        .contains("(**late**: published fewer than 5 Working Days before the meeting)");
  }

  private static long meeting(String start) {
    MeetingTestKit kit = new MeetingTestKit(server);
    return kit.createMeeting(server.as("secas"), kit.bodyId("CHANGE_BOARD"), "Change Board papers test", start,
        List.of(MeetingTestKit.item("Any other business", null))).get("id").asLong();
  }

  static HttpResponse<String> upload(String user, long meeting, String title, String fileName, String type, byte[] bytes) {
    return upload(user, "/api/meetings/" + meeting + "/papers/files?title=" + enc(title) + "&file_name=" + enc(fileName), type, bytes);
  }

  private static HttpResponse<String> upload(String user, String path, String type, byte[] bytes) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + server.as(user).token()).POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
    if (type != null) {
      b.header("Content-Type", type);
    }
    try {
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static HttpResponse<byte[]> download(String user, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).header("Authorization", "Bearer " + server.as(user).token())
        .build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String typeOf(HttpResponse<String> r) throws IOException {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body()).get("media_type").asText();
  }

  private static void assertRefused(HttpResponse<String> r, String message) throws IOException {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(JSON.readTree(r.body()).get("message").asText()).contains(message);
  }

  static byte[] office(String mainPart) {
    return zip("[Content_Types].xml", "_rels/.rels", mainPart);
  }

  private static byte[] zip(String... names) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (String name : names) {
        z.putNextEntry(new ZipEntry(name));
        z.write("<?xml version=\"1.0\"?><x/>".getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
