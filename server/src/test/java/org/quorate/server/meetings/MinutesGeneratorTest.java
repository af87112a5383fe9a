package org.quorate.server.meetings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quorate.protocol.TallyCount;

class MinutesGeneratorTest {
  private final MinutesGenerator generator = new MinutesGenerator(WorkingDays.LONDON);

  static Instant at(String time) {
    return Instant.parse("2026-12-08T" + time + ":00Z");
  }

  static MinutesRecord record(String title, String reason) {
    MinutesRecord.Vote vote = new MinutesRecord.Vote("Should the Change Board approve MP215?",
        List.of(new TallyCount("approve", 5), new TallyCount("reject", 1), new TallyCount("abstain", 1)), "carried", true,
        "quorate: 7 of 9 voting members present; more than half (5) required", "Interim rule: simple majority.", null);
    MinutesRecord.Action action = new MinutesRecord.Action(1, "Publish the Change Board decision on MP215", "Sam Secretariat (SECAS)",
        LocalDate.parse("2026-12-15"), 5, "open");
    MinutesRecord.Item mp215 = new MinutesRecord.Item(1, title, "MP215", true, "/rooms/3?from=4&to=19", "/rooms/9",
        List.of(new MinutesRecord.QuoracyPoint(at("10:05"), true, "quorate: 7 of 9 voting members present; more than half (5) required"),
            new MinutesRecord.QuoracyPoint(at("10:40"), false, "inquorate: 4 of 9 voting members present; more than half (5) required, 1 more needed")),
        List.of(vote), List.of(new MinutesRecord.Decision("MP215 approved.", reason, vote)), List.of(action),
        List.of(new MinutesRecord.Question("Will Affiliates need to re-register?", null, 2, true)));
    MinutesRecord.Item aob = new MinutesRecord.Item(2, "Any other business", null, false, null, null, List.of(), List.of(), List.of(), List.of(),
        List.of());
    return new MinutesRecord("Change Board, December 2026", "Change Board", at("10:00"), at("10:02"), at("11:00"), "closed",
        List.of("Sam Secretariat (SECAS)"),
        List.of(new MinutesRecord.Proceeding(at("10:02"), "open", "Sam Secretariat (SECAS)", null),
            new MinutesRecord.Proceeding(at("10:41"), "adjourned", "Sam Secretariat (SECAS)", "inquorate: 4 of 9 voting members present"),
            new MinutesRecord.Proceeding(at("10:50"), "open", "Sam Secretariat (SECAS)", null),
            new MinutesRecord.Proceeding(at("11:00"), "closed", "Sam Secretariat (SECAS)", "Any other business carried over")),
        List.of(new MinutesRecord.Attendee("Alice Large (Northwind)", "member", null, "Large Supplier Representative",
                "Northwind Energy Supply Ltd", "remote", at("10:01"), at("11:00")),
            new MinutesRecord.Attendee("Rory Representative", "alternate", "Kate Kestrel", "Small Supplier Representative",
                "Kestrel Energy Ltd", "in_room", at("10:03"), at("10:40"))),
        List.of("Bella Brightwater"), "Interim rule: more than half of the voting members present.",
        List.of(new MinutesRecord.Paper("MP215 Modification Report", "https://example.org/mp215.pdf", Instant.parse("2026-11-20T09:00:00Z"), false,
                null, null, null),
            new MinutesRecord.Paper("MP215 Legal text", null, Instant.parse("2026-11-21T09:00:00Z"), false, "mp215_legal_text.docx", 2,
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
            new MinutesRecord.Paper("Late annex", null, Instant.parse("2026-12-04T09:00:00Z"), true, "annex.pdf", null, null)),
        List.of(mp215, aob),
        List.of(new MinutesRecord.Ruling(at("10:20"), "reorder", "Kate Kestrel", "Respond to the point just made", "Sam Secretariat (SECAS)")),
        List.of(action));
  }

  @Test
  void theDraftOfARecordedMeetingMatchesTheExpectedDocument() throws IOException {
    String expected;
    try (InputStream in = getClass().getResourceAsStream("/meetings/generator-minutes.md")) {
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(generator.markdown(record("MP215 Clarifying the Party Category of Affiliates", "Better facilitates objective (a)."))).isEqualTo(expected);
  }

  @Test
  void userTextCannotBecomeMarkupInTheMarkdownOrTheHtml() {
    MinutesRecord hostile = record("# Heading <script>alert(1)</script> [x](javascript:alert(1)) | cell", "**loud** _x_ `code` \n# new line");
    String md = generator.markdown(hostile);
    assertThat(md).contains("### 1. \\# Heading \\<script\\>alert(1)\\</script\\> \\[x\\](javascript:alert(1)) \\| cell (MP215)");
    assertThat(md).contains("Reason: \\*\\*loud\\*\\* \\_x\\_ \\`code\\` \\# new line");
    String html = generator.html(hostile);
    assertThat(html).doesNotContain("<script").doesNotContain("href=\"javascript").doesNotContain("<strong>loud");
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
  }

  @Test
  void theHtmlCarriesTheSameContentAsTheMarkdown() {
    String html = generator.html(record("MP215", "Because."));
    assertThat(html).contains("<h1>Minutes: Change Board, December 2026</h1>")
        .contains("<a href=\"https://example.org/mp215.pdf\">MP215 Modification Report</a>")
        .contains("<td>Rory Representative</td><td>alternate for Kate Kestrel</td>")
        .contains("<strong>late</strong>")
        .contains("<strong>carried</strong>");
  }
}
