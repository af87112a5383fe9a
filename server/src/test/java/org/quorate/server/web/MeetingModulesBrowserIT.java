package org.quorate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;

/**
 * The meeting modules' pure parts in the real browser engine: the minutes renderer (the same subset
 * as the server's MarkdownHtml, built as DOM, never as markup), the meeting stream's quoracy turns,
 * and the rules the meeting view uses to decide what to offer.
 */
@DemoServer
class MeetingModulesBrowserIT {
  @RegisterExtension
  static final Browsers browsers = new Browsers();

  static TestServer server;

  Browser page() {
    Browser b = browsers.launch("modules", server.baseUrl()).open("/");
    b.await(ExpectedConditions.presenceOfElementLocated(By.id("username")));
    return b;
  }

  @Test
  void minutesRenderHeadingsListsTablesBoldAndSafeLinksAndEverythingElseAsText() {
    Browser b = page();
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("# Minutes: Change Board\n\n- Body: Change Board\n- Chaired by: **Sam**",
        "<h3>Minutes: Change Board</h3><ul><li>Body: Change Board</li><li>Chaired by: <strong>Sam</strong></li></ul>");
    cases.put("## Attendance\n\n| Name | Seat |\n| --- | --- |\n| Alice \\| Northwind | Large Supplier |",
        "<h4>Attendance</h4><div class=\"minutes-table\"><table><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Seat</th></tr></thead>"
            + "<tbody><tr><td>Alice | Northwind</td><td>Large Supplier</td></tr></tbody></table></div>");
    cases.put("line one\nline two", "<p>line one line two</p>");
    cases.put("- [report](https://example.org/r.pdf) and [discussion](/rooms/7?from=3&to=9)",
        "<ul><li><a href=\"https://example.org/r.pdf\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">report</a> and "
            + "<a href=\"#/rooms/7\">discussion</a></li></ul>");
    cases.put("<img src=x onerror=alert(1)> <script>alert(1)</script>",
        "<p>&lt;img src=x onerror=alert(1)&gt; &lt;script&gt;alert(1)&lt;/script&gt;</p>");
    cases.put("[x](javascript:alert(1)) [y](//evil.example/a) [z](data:text/html,hi)",
        "<p>[x](javascript:alert(1)) [y](//evil.example/a) [z](data:text/html,hi)</p>");
    cases.put("**unclosed bold", "<p><strong>unclosed bold</strong></p>");
    cases.put("####### seven hashes", "<p>####### seven hashes</p>");
    cases.put("\\*\\*not bold\\*\\*", "<p>**not bold**</p>");
    for (var c : cases.entrySet()) {
      Object html = ClientModulesBrowserIT.run(b, List.of("/js/render/minutes.js"),
          "const d = document.createElement('div'); d.append(m0.renderMinutes(" + js(c.getKey()) + ")); return d.innerHTML;");
      assertThat(html).as(c.getKey()).isEqualTo(c.getValue());
    }
    assertThat(b.alertPresent()).isFalse();
  }

  @Test
  void theStreamShowsQuoracyOnlyWhereItTurnsEvenWhenOlderEventsArriveLater() {
    Browser b = page();
    // Events 5..8 arrive live first, then an older page brings 2..4 (as a history page would).
    Object shown = ClientModulesBrowserIT.run(b, List.of("/js/timeline.js", "/js/events/meetings.js"),
        "const tl = new m0.RoomTimeline(1);"
            + "const q = (seq, quorate) => ({type: 'quoracy_changed', room: 1, seq, meeting_id: 9, quorate, present: seq, base: 9,"
            + " required: 5, explanation: 'x', rule: 'r', at: '2030-03-05T10:00:00Z'});"
            + "[q(5, true), q(6, true), q(7, false), q(8, true)].forEach(e => tl.apply(e, {live: true}));"
            + "const before = tl.order.join(',');"
            + "tl.applyHistory([q(2, false), q(3, false), q(4, true)], false);"
            + "return before + ' | ' + tl.order.join(',');");
    assertThat(shown).isEqualTo("mt:5,mt:7,mt:8 | mt:4,mt:7,mt:8");
  }

  @Test
  void theMeetingRulesOfferTheChairToTheBodysChairCoChairsAndModeratorsAndCountTheSpeakingTimeDown() {
    Browser b = page();
    Object result = ClientModulesBrowserIT.run(b, List.of("/js/meeting-model.js"),
        "const v = {body_chair_id: 3, co_chairs: [8], acting_chair: {id: 8}, present: [{user_id: 4, left_at: null}]};"
            + "const now = Date.parse('2030-03-05T10:00:00Z');"
            + "return [m0.mayTakeChair(v, {id: 3, roles: []}), m0.mayTakeChair(v, {id: 8, roles: []}),"
            + " m0.mayTakeChair(v, {id: 2, roles: ['moderator', 'chair']}), m0.mayTakeChair(v, {id: 4, roles: ['member']}),"
            + " m0.isActingChair(v, {id: 8}), m0.isActingChair(v, {id: 3}), m0.isPresent(v, 4), m0.isPresent(v, 5),"
            + " m0.countdown('2030-03-05T10:02:05Z', now).text, m0.countdown('2030-03-05T10:00:00.400Z', now).text,"
            + " m0.countdown('2030-03-05T09:59:00Z', now).text, m0.countdown(null, now),"
            + " JSON.stringify(m0.parseAgenda('MP215 Clarifying Affiliates\\n\\n  Any other business \\ndp230 postal votes')),"
            + " JSON.stringify(m0.parseOptions(' approve, reject ,, abstain '))].join(' | ');");
    assertThat(result).isEqualTo("true | true | true | false | true | false | true | false | 2:05 left | 0:01 left | Time is up | "
        + " | [{\"title\":\"MP215 Clarifying Affiliates\",\"modification_id\":\"MP215\"},{\"title\":\"Any other business\"},"
        + "{\"title\":\"dp230 postal votes\",\"modification_id\":\"DP230\"}] | [\"approve\",\"reject\",\"abstain\"]");
  }

  private static String js(String text) {
    StringBuilder out = new StringBuilder("'");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\'' -> out.append("\\'");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
    return out.append("'").toString();
  }
}
