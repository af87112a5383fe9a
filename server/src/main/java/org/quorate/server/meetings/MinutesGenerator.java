package org.quorate.server.meetings;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.quorate.protocol.TallyCount;

/**
 * Draft minutes from the meeting's record, as Markdown (and, through {@link MarkdownHtml}, HTML).
 * Pure and deterministic: the same record always gives the same text. Every piece of user text is
 * Markdown-escaped, so a title or reason can never become a heading, a link or markup.
 */
public final class MinutesGenerator {
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
  private static final Map<String, String> RULINGS = Map.of(
      "reorder", "speaking order changed",
      "mute", "muted in the meeting room",
      "unmute", "unmuted",
      "remove", "removed from the meeting",
      "early_close", "meeting closed before every item was taken",
      "room_locked", "room locked to members",
      "room_unlocked", "room unlocked",
      "chair_handover", "chair handed over");

  private final ZoneId zone;

  public MinutesGenerator(ZoneId zone) {
    this.zone = zone;
  }

  public String markdown(MinutesRecord r) {
    StringBuilder out = new StringBuilder();
    out.append("# Minutes: ").append(md(r.title())).append("\n\n");
    out.append("- Body: ").append(md(r.bodyName())).append('\n');
    out.append("- Scheduled start: ").append(dateTime(r.scheduledStart())).append(" (").append(zone.getId()).append(")\n");
    out.append("- Opened: ").append(r.openedAt() == null ? "not opened" : dateTime(r.openedAt()));
    out.append("; closed: ").append(r.closedAt() == null ? "not closed" : dateTime(r.closedAt())).append('\n');
    out.append("- Chaired by: ").append(r.chairs().isEmpty() ? "nobody" : r.chairs().stream().map(MinutesGenerator::md)
        .collect(Collectors.joining(", then "))).append('\n');
    out.append("- Meeting state: ").append(r.state()).append(". These minutes were drafted from the meeting's record.\n\n");

    proceedings(out, r);
    attendance(out, r);
    papers(out, r);
    out.append("## Agenda\n\n");
    if (r.items().isEmpty()) {
      out.append("No agenda items.\n\n");
    }
    r.items().forEach(item -> item(out, item));
    rulings(out, r);
    actions(out, r);
    return out.toString();
  }

  public String html(MinutesRecord r) {
    return MarkdownHtml.document("Minutes: " + r.title(), markdown(r));
  }

  private void proceedings(StringBuilder out, MinutesRecord r) {
    out.append("## Proceedings\n\n");
    if (r.proceedings().isEmpty()) {
      out.append("The meeting was not opened.\n\n");
      return;
    }
    String previous = null;
    for (MinutesRecord.Proceeding p : r.proceedings()) {
      String what = switch (p.state()) {
        case "open" -> "adjourned".equals(previous) ? "Resumed" : "Opened";
        case "adjourned" -> "Adjourned";
        case "closed" -> "Closed";
        default -> md(p.state());
      };
      out.append("- ").append(time(p.at())).append(' ').append(what).append(" by ").append(md(p.by()))
          .append(p.reason() == null ? "." : ": " + md(p.reason())).append('\n');
      previous = p.state();
    }
    out.append('\n');
  }

  private void attendance(StringBuilder out, MinutesRecord r) {
    out.append("## Attendance\n\n");
    if (r.attendance().isEmpty()) {
      out.append("Nobody attended.\n\n");
    } else {
      out.append("| Name | Capacity | Seat | Party | Attended | Joined | Left |\n");
      out.append("| --- | --- | --- | --- | --- | --- | --- |\n");
      for (MinutesRecord.Attendee a : r.attendance()) {
        String capacity = a.onBehalfOf() == null ? a.capacity() : a.capacity() + " for " + a.onBehalfOf();
        row(out, md(a.name()), md(capacity), md(orDash(a.seat())), md(orDash(a.party())),
            a.mode().equals("in_room") ? "in the room" : "remotely", time(a.joinedAt()), a.leftAt() == null ? "-" : time(a.leftAt()));
      }
      out.append('\n');
    }
    out.append("Voting seats never filled (neither the member nor an appointed alternate or proxy attended): ")
        .append(r.unfilledVotingSeats().isEmpty() ? "none"
            : r.unfilledVotingSeats().stream().map(MinutesGenerator::md).collect(Collectors.joining(", "))).append(".\n\n");
    out.append("Quoracy rule applied: ").append(md(r.quoracyRule())).append("\n\n");
  }

  private void papers(StringBuilder out, MinutesRecord r) {
    out.append("## Papers\n\n");
    if (r.papers().isEmpty()) {
      out.append("No papers were published.\n\n");
      return;
    }
    for (MinutesRecord.Paper p : r.papers()) {
      out.append("- ").append(p.link() == null ? md(p.title()) : "[" + md(p.title()) + "](" + p.link() + ")");
      if (p.version() != null) {
        // The minutes name the exact file before the meeting: a reader can check a copy against its SHA-256.
        out.append(" (").append(md(p.fileName())).append(", version ").append(p.version()).append(", SHA-256 `").append(p.sha256())
            .append("`)");
      }
      out.append(", published ").append(dateTime(p.publishedAt()));
      if (p.late()) {
        out.append(" (**late**: published fewer than 5 Working Days before the meeting)");
      }
      out.append('\n');
    }
    out.append('\n');
  }

  private void item(StringBuilder out, MinutesRecord.Item item) {
    out.append("### ").append(item.position() == null ? "Before the first agenda item" : item.position() + ". " + md(item.title()));
    if (item.modificationId() != null) {
      out.append(" (").append(md(item.modificationId())).append(')');
    }
    out.append("\n\n");
    List<String> lines = new ArrayList<>();
    if (!item.taken()) {
      lines.add("Not taken at this meeting.");
    }
    if (!item.quoracy().isEmpty()) {
      lines.add("Quoracy: " + item.quoracy().stream().map(q -> (q.quorate() ? "quorate" : "inquorate") + " at " + time(q.at())
          + " (" + md(q.explanation()) + ")").collect(Collectors.joining("; ")));
    }
    List<String> links = new ArrayList<>();
    if (item.discussionLink() != null) {
      links.add("[discussion in the meeting room](" + item.discussionLink() + ")");
    }
    if (item.modificationLink() != null) {
      links.add("[" + md(item.modificationId()) + " room](" + item.modificationLink() + ")");
    }
    if (!links.isEmpty()) {
      lines.add("Discussion: " + String.join("; ", links));
    }
    item.votes().forEach(v -> lines.add("Vote: " + vote(v)));
    item.decisions().forEach(d -> lines.add("Decision: " + md(d.text()) + (d.reason() == null ? "" : " Reason: " + md(d.reason()))
        + (d.vote() == null ? "" : " (on the vote \"" + md(d.vote().question()) + "\")")));
    item.actions().forEach(a -> lines.add("Action " + a.number() + ": " + md(a.text()) + " (owner: " + md(a.owner()) + "; due "
        + a.due() + ", " + a.dueWorkingDays() + " Working Days; " + a.status() + ")"));
    item.questions().forEach(q -> lines.add("Question from the floor (" + (q.asker() == null ? "anonymous" : md(q.asker())) + ", "
        + q.votes() + (q.votes() == 1 ? " up-vote" : " up-votes") + (q.taken() ? ", taken by the chair" : ", not taken") + "): "
        + md(q.text())));
    if (lines.isEmpty()) {
      lines.add("Nothing was recorded.");
    }
    lines.forEach(l -> out.append("- ").append(l).append('\n'));
    out.append('\n');
  }

  private String vote(MinutesRecord.Vote v) {
    StringBuilder s = new StringBuilder("\"").append(md(v.question())).append("\": ");
    if (v.tally() == null) {
      return s.append("not closed.").toString();
    }
    s.append(v.tally().stream().map((TallyCount t) -> md(t.option()) + " " + t.votes()).collect(Collectors.joining(", ")));
    s.append("; **").append(md(v.outcome().replace('_', ' '))).append("**. At the close: ").append(md(v.explanation())).append('.');
    if (v.closeReason() != null) {
      s.append(" Closed because: ").append(md(v.closeReason()));
    }
    return s.append(" Rule: ").append(md(v.rule())).toString();
  }

  private void rulings(StringBuilder out, MinutesRecord r) {
    out.append("## Chair's rulings\n\n");
    if (r.rulings().isEmpty()) {
      out.append("None.\n\n");
      return;
    }
    out.append("| Time | Ruling | Concerning | Reason | By |\n| --- | --- | --- | --- | --- |\n");
    for (MinutesRecord.Ruling ru : r.rulings()) {
      row(out, time(ru.at()), RULINGS.getOrDefault(ru.kind(), md(ru.kind())), md(orDash(ru.subject())), md(orDash(ru.reason())), md(ru.by()));
    }
    out.append('\n');
  }

  private void actions(StringBuilder out, MinutesRecord r) {
    out.append("## Actions\n\n");
    if (r.actions().isEmpty()) {
      out.append("None.\n");
      return;
    }
    out.append("| # | Action | Owner | Due | Status |\n| --- | --- | --- | --- | --- |\n");
    for (MinutesRecord.Action a : r.actions()) {
      row(out, Integer.toString(a.number()), md(a.text()), md(a.owner()), a.due().toString(), a.status());
    }
  }

  private static void row(StringBuilder out, String... cells) {
    out.append("| ").append(String.join(" | ", cells)).append(" |\n");
  }

  private static String orDash(String s) {
    return s == null || s.isBlank() ? "-" : s;
  }

  private String dateTime(Instant at) {
    return DATE_TIME.format(at.atZone(zone));
  }

  private String time(Instant at) {
    return TIME.format(at.atZone(zone));
  }

  /**
   * User text as literal Markdown: one line, with every character that could start markup
   * backslash-escaped (CommonMark treats a backslash before ASCII punctuation as that character).
   */
  static String md(String text) {
    if (text == null) {
      return "";
    }
    String line = text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    StringBuilder s = new StringBuilder(line.length() + 8);
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      // Brackets are escaped, so parentheses can never complete a link and stay readable.
      boolean entity = c == '&' && i + 1 < line.length() && (Character.isLetterOrDigit(line.charAt(i + 1)) || line.charAt(i + 1) == '#');
      if ("\\`*_[]<>#|~".indexOf(c) >= 0 || entity) {
        s.append('\\');
      }
      s.append(c);
    }
    return s.toString();
  }
}
