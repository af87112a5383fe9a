package org.quorate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.quorate.protocol.ErrorCode;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;

/**
 * The client's pure modules (Markdown, timeline, error texts) exercised inside the real browser
 * engine the users have, by importing the very files the server serves.
 */
@DemoServer
class ClientModulesBrowserIT {
  @RegisterExtension
  static final Browsers browsers = new Browsers();

  static TestServer server;
  static Browser page;

  Browser page() {
    Browser b = browsers.launch("modules", server.baseUrl()).open("/");
    b.await(ExpectedConditions.presenceOfElementLocated(By.id("username")));
    return b;
  }

  /** Runs an async function body in the page with the given modules imported as m0, m1, ...; returns its result. */
  static Object run(Browser b, List<String> modules, String body) {
    String imports = String.join(", ", modules.stream().map(m -> "import('" + m + "')").toList());
    Object result = b.driver().executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "Promise.all([" + imports + "]).then(async ([m0, m1, m2]) => { " + body + " })"
            + ".then(done, e => done('FAILED: ' + e + ' ' + e.stack));");
    assertThat(String.valueOf(result)).doesNotStartWith("FAILED");
    return result;
  }

  @Test
  void everyTypedErrorCodeHasItsOwnPlainExplanation() {
    Browser b = page();
    String codes = Arrays.stream(ErrorCode.values()).map(c -> "'" + c.wire() + "'").reduce((x, y) -> x + "," + y).orElseThrow();
    @SuppressWarnings("unchecked")
    Map<String, String> texts = (Map<String, String>) run(b, List.of("/js/protocol/errors.js"),
        "const out = {}; for (const code of [" + codes + "]) out[code] = m0.describeError({code, message: 'detail', field: 'body'});"
            + " return out;");
    assertThat(texts).hasSize(ErrorCode.values().length);
    texts.forEach((code, text) -> assertThat(text).as(code).isNotBlank().doesNotStartWith("The server refused this"));
    assertThat(texts.values()).doesNotHaveDuplicates();
    assertThat(texts.get("invalid")).isEqualTo("Please check the message text: detail.");
  }

  @Test
  void markdownRendersTheSafeSubsetAndEverythingElseAsText() {
    Browser b = page();
    Map<String, String> cases = new java.util.LinkedHashMap<>();
    cases.put("**b** *i* `c`", "<p><strong>b</strong> <em>i</em> <code>c</code></p>");
    cases.put("<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>");
    cases.put("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
    cases.put("[click](javascript:alert(1))", "<p>[click](javascript:alert(1))</p>");
    cases.put("[x](JaVaScRiPt:alert(1))", "<p>[x](JaVaScRiPt:alert(1))</p>");
    cases.put("[x](java\tscript:alert(1))", "<p>[x](java\tscript:alert(1))</p>");
    cases.put("[x](data:text/html,<b>hi</b>)", "<p>[x](data:text/html,&lt;b&gt;hi&lt;/b&gt;)</p>");
    cases.put("[x](vbscript:msgbox)", "<p>[x](vbscript:msgbox)</p>");
    cases.put("[SEC](https://example.org/a_(b))",
        "<p><a href=\"https://example.org/a_(b)\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">SEC</a></p>");
    cases.put("[**Panel** papers](https://example.org/p)",
        "<p><a href=\"https://example.org/p\" rel=\"noopener noreferrer nofollow\" target=\"_blank\"><strong>Panel</strong> papers</a></p>");
    cases.put("write to [SECAS](mailto:secas@example.org)",
        "<p>write to <a href=\"mailto:secas@example.org\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">SECAS</a></p>");
    cases.put("see https://example.org/x.", "<p>see <a href=\"https://example.org/x\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">"
        + "https://example.org/x</a>.</p>");
    cases.put("2 * 3 * 4", "<p>2 * 3 * 4</p>");
    cases.put("```\n<b>x</b>\n```", "<pre><code>&lt;b&gt;x&lt;/b&gt;</code></pre>");
    cases.put("- one\n- **two**", "<ul><li>one</li><li><strong>two</strong></li></ul>");
    cases.put("> quoted\nnext", "<blockquote><p>quoted</p></blockquote><p>next</p>");
    cases.put("line one\nline two", "<p>line one<br>line two</p>");
    cases.put("`<i>code</i>` and \\*stars\\*", "<p><code>&lt;i&gt;code&lt;/i&gt;</code> and *stars*</p>");
    cases.put("@kate and @nobody", "<p><span class=\"mention\" title=\"Kate Kestrel\">@kate</span> and @nobody</p>");

    StringBuilder js = new StringBuilder("const out = {}; const opts = {mention: (n) => n === 'kate' ? {className: 'mention', label: 'Kate Kestrel'} : null};"
        + " const render = (t) => { const d = document.createElement('div'); d.append(m0.renderMarkdown(t, opts)); return d.innerHTML; };");
    int i = 0;
    for (String input : cases.keySet()) {
      js.append("out['c").append(i++).append("'] = render(").append(toJs(input)).append(");");
    }
    js.append("return out;");
    @SuppressWarnings("unchecked")
    Map<String, String> rendered = (Map<String, String>) run(b, List.of("/js/render/markdown.js"), js.toString());
    i = 0;
    for (Map.Entry<String, String> c : cases.entrySet()) {
      assertThat(rendered.get("c" + i++)).as("rendering of %s", c.getKey()).isEqualTo(c.getValue());
    }
    assertThat(b.alertPresent()).isFalse();
  }

  /**
   * Decision state from events arriving in any order (history pages, live, late) and from a REST
   * read: the newest state always wins, an older event never rolls a tally back, and a decision
   * opened before the loaded history shows at the top until its decision_opened arrives.
   */
  @Test
  void decisionStateKeepsTheNewestTallyWhateverOrderEventsAndTheRestReadArriveIn() {
    Browser b = page();
    String body = """
        const tl = new m0.RoomTimeline(7);
        const post = (seq, id) => ({type: 'message_posted', room: 7, seq, message_id: id, author: {id: 1, display_name: 'A'},
          body: 'm' + id, thread_root: null, mentions: [], created_at: '2026-01-01T00:00:00Z', deleted: false});
        const quoracy = (n) => ({quorate: n >= 4, participating: n, required: 4, base: 6, comparison: 'more_than',
          postal_ballots_counted: 0, composition: [], sentence: n + ' of 6', forecast: null, clause: ''});
        const tally = (n) => ({approve: n, reject: 0, abstain: 0, eligible: 6, not_voted: 6 - n, by_category: []});
        const ballot = (seat, choice) => ({seat_id: seat, voter: {id: seat, display_name: 'V' + seat}, cast_by: {id: seat},
          choice, reason: choice ? 'because ' + seat : null, objectives: [], motion_version: 1, counted: choice != null});
        const cast = (seq, seat, choice, approvals) => ({type: 'ballot_cast', room: 7, seq, decision_id: 9,
          ballot: ballot(seat, choice), changed: false, tally: tally(approvals), quoracy: quoracy(approvals)});
        const st = () => m1.decisionOf(tl, 9);
        const out = {};
        // The newest page holds two ballots of a decision opened before it.
        tl.applyHistory([post(19, 19), cast(20, 1, 'approve', 1), cast(21, 2, 'approve', 2)], true);
        out.beforeRest = {approve: st().tally.approve, order: tl.order.slice()};
        // The REST read sent at seq 21 already counts a third ballot whose event is still on its way.
        m1.mergeDecisionViews(tl, [{id: 9, group_id: 9, item: 'MP1', question: 'Q?', kind: 'asynchronous', visibility: 'open',
          body: 'PANEL', status: 'open', outcome: null, explanation: null, motion_text: 'Q?', motion_version: 1,
          closes_at: '2030-01-01T17:00:00Z', working_days_left: 3, reasons_required: false, rules: 'PANEL v1', electorate: 6,
          quoracy: quoracy(3), tally: tally(3), ballots: [ballot(1, 'approve'), ballot(2, 'approve'), ballot(3, 'approve')],
          my_ballot: null, can_vote: true}], 21);
        out.afterRest = {approve: st().tally.approve, seats: st().ballots.size, order: tl.order.slice(), days: st().workingDaysLeft};
        tl.apply(cast(22, 3, 'approve', 3), {live: true});
        // An older page: the decision_opened and the first ballot it ever had.
        tl.applyHistory([post(4, 4), {type: 'decision_opened', room: 7, seq: 5, decision_id: 9, group_id: 9, item: 'MP1',
          question: 'Q?', kind: 'asynchronous', visibility: 'open', body: 'PANEL', modification_id: 'MP1', motion_text: 'Q?',
          motion_version: 1, closes_at: '2030-01-01T17:00:00Z', reasons_required: false, electorate: 6, rules: 'PANEL v1',
          quoracy: quoracy(0), by: {id: 2, display_name: 'Sam'}}, cast(6, 1, 'approve', 1)], false);
        out.afterHistory = {approve: st().tally.approve, participating: st().quoracy.participating, order: tl.order.slice()};
        tl.apply(cast(23, 3, null, 2), {live: true});
        out.afterWithdrawal = {approve: st().tally.approve, seats: [...st().ballots.keys()]};
        tl.apply({type: 'decision_closed', room: 7, seq: 24, decision_id: 9, outcome: 'carried', explanation: 'carried — 2 of 2',
          rules: 'PANEL v1', tally: tally(2), quoracy: quoracy(2), ballots: [ballot(1, 'approve'), ballot(3, 'approve'),
          ballot(3, null), ballot(2, 'approve')], follow_up: null, reason: null, by: null}, {live: true});
        out.closed = {status: st().status, outcome: st().outcome, seats: [...st().ballots.keys()].sort(), order: tl.order.slice()};
        return out;
        """;
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> r = (Map<String, Map<String, Object>>) run(b, List.of("/js/timeline.js", "/js/events/decisions.js",
        "/js/events/messages.js"), body);
    assertThat(r.get("beforeRest").get("approve")).isEqualTo(2L);
    assertThat(r.get("beforeRest").get("order")).asList().containsExactly("m:19");
    assertThat(r.get("afterRest")).containsEntry("approve", 3L).containsEntry("seats", 3L).containsEntry("days", 3L);
    assertThat(r.get("afterRest").get("order")).asList().containsExactly("d:9", "m:19");
    assertThat(r.get("afterHistory")).containsEntry("approve", 3L).containsEntry("participating", 3L);
    assertThat(r.get("afterHistory").get("order")).asList().containsExactly("m:4", "d:9", "m:19");
    assertThat(r.get("afterWithdrawal")).containsEntry("approve", 2L);
    assertThat(r.get("afterWithdrawal").get("seats")).asList().containsExactlyInAnyOrder(1L, 2L);
    assertThat(r.get("closed")).containsEntry("status", "closed").containsEntry("outcome", "carried");
    assertThat(r.get("closed").get("seats")).asList().containsExactly(1L, 2L);
    assertThat(r.get("closed").get("order")).asList().containsExactly("m:4", "d:9", "m:19", "e:24");
  }

  @Test
  void theTimelineDropsDuplicatesAppliesLateEventsToOlderMessagesAndStartsAgainOnResync() {
    Browser b = page();
    String body = """
        const tl = new m0.RoomTimeline(7);
        const post = (seq, id, text, root = null) => ({type: 'message_posted', room: 7, seq, message_id: id, author: {id: 1, display_name: 'A'},
          body: text, thread_root: root, mentions: [], created_at: '2026-01-01T00:00:00Z', deleted: false});
        // The newest page: an edit and a deletion of message 1, whose post is older than the page.
        tl.applyHistory([post(3, 3, 'three'), {type: 'message_edited', room: 7, seq: 4, message_id: 1, body: 'one, edited', revision: 1},
          post(5, 5, 'reply to one', 1), post(6, 6, 'six'), {type: 'tea_break_called', room: 7, seq: 7}], true);
        const first = tl.takeChanges();
        const duplicate = tl.apply(post(6, 6, 'six again'));
        // The older page brings message 1: the waiting edit applies, and the reply folds under it.
        tl.applyHistory([post(1, 1, 'one'), post(2, 2, 'two')], false);
        const second = tl.takeChanges();
        const before = {order: tl.order.slice(), lastSeq: tl.lastSeq, resume: tl.resumeSeq(), one: tl.messages.get(1).body,
          replies: tl.repliesOf(1).map(m => m.body), duplicate, hasMore: tl.hasMore,
          firstAdded: [...first.added], secondRemoved: [...second.removed]};
        // An event type this client does not know yet is kept as a neutral line, not dropped and not fatal.
        await import('/js/render/items.js');
        const unknown = m2.rendererFor(tl.items.get('e:7').kind)(tl.items.get('e:7'), {}).textContent;
        before.unknown = unknown;
        tl.resync(40, [post(39, 39, 'thirty-nine')]);
        const after = tl.takeChanges();
        return {before, afterOrder: tl.order.slice(), reset: after.reset, resume: tl.resumeSeq(), hasMore: tl.hasMore};
        """;
    @SuppressWarnings("unchecked")
    Map<String, Object> r = (Map<String, Object>) run(b, List.of("/js/timeline.js", "/js/events/messages.js", "/js/events/registry.js"), body);
    @SuppressWarnings("unchecked")
    Map<String, Object> before = (Map<String, Object>) r.get("before");
    assertThat(before.get("duplicate")).isEqualTo(false);
    assertThat(before.get("firstAdded")).asList().containsExactly("m:3", "r:5", "m:6", "e:7");
    assertThat(before.get("order")).asList().containsExactly("m:1", "m:2", "m:3", "m:6", "e:7");
    assertThat(before.get("secondRemoved")).asList().containsExactly("r:5");
    assertThat(before.get("one")).isEqualTo("one, edited");
    assertThat(before.get("replies")).asList().containsExactly("reply to one");
    assertThat(before.get("lastSeq")).isEqualTo(7L);
    assertThat(before.get("resume")).isEqualTo(7L);
    assertThat(before.get("hasMore")).isEqualTo(false);
    assertThat(before.get("unknown")).isEqualTo("Room update (tea break called) — this page does not show it in detail yet.");
    assertThat(r.get("reset")).isEqualTo(true);
    assertThat(r.get("afterOrder")).asList().containsExactly("m:39");
    assertThat(r.get("resume")).isEqualTo(40L);
    assertThat(r.get("hasMore")).isEqualTo(true);
  }

  private static String toJs(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
