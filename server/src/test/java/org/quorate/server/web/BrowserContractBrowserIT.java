package org.quorate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.quorate.server.testing.Contract;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;

/**
 * The browser's own traffic is held to the published contract, as the Java test clients' is:
 * every browser test ends with its browsers' frames and {@code /api} answers checked ({@link Browsers}).
 */
@DemoServer
class BrowserContractBrowserIT {
  @RegisterExtension
  static final Browsers browsers = new Browsers();

  static TestServer server;

  @Test
  void aFrameThePageSendsThatTheDocumentForbidsIsReportedWithItsTypePathAndSchemaError() {
    Browser alice = browsers.launch("alice", server.baseUrl()).signIn("alice").openRoom("MP210 Enduring");
    // A malformed command sent from the page, over a socket of its own to the app's endpoint: a
    // room must be a number, and a subscribe command has no 'colour'.
    alice.driver().executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        const ws = new WebSocket(`ws://${location.host}/ws`);
        ws.onopen = () => ws.send(JSON.stringify({type: 'subscribe', id: 'injected-1', room: 'twelve', colour: 'red'}));
        ws.onmessage = () => { ws.close(); done(true); };
        ws.onclose = () => done(false);
        """);

    BrowserTraffic traffic = alice.checkTraffic();
    List<String> violations = Contract.get().drain();

    assertThat(violations).as("the injected frame, and nothing the app itself did")
        .isNotEmpty()
        .allSatisfy(v -> assertThat(v).startsWith("browser alice sent command subscribe at $"));
    assertThat(violations).anySatisfy(v -> assertThat(v).contains("$.room").contains("twelve"));
    assertThat(violations).anySatisfy(v -> assertThat(v).contains("colour"));
    // The rest of the page's traffic was read and checked too: sign-in, the room list, the room's frames.
    assertThat(traffic.framesSent()).as("frames sent").isGreaterThan(2);
    assertThat(traffic.framesReceived()).as("frames received").isGreaterThan(2);
    assertThat(traffic.answers()).as("/api answers").isGreaterThan(0);
    assertThat(traffic.unchecked()).as("answers whose bodies could not be read").isEmpty();
  }

  @Test
  void anAnswerWithAStatusTheDocumentDoesNotListIsReported() {
    Browser alice = browsers.launch("alice", server.baseUrl()).signIn("alice");
    Object statuses = alice.driver().executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        const token = JSON.parse(sessionStorage.getItem(Object.keys(sessionStorage)[0])).token;
        const h = {Accept: 'application/json', Authorization: `Bearer ${token}`, 'Content-Type': 'application/json'};
        Promise.all([
          fetch('/api/notifications/read', {method: 'POST', headers: h, body: '{'}),
          fetch('/api/logout', {method: 'POST', headers: h, body: '[1]'}),
          fetch('/api/calendar/nope', {headers: h}),
          fetch('/api/notifications?limit=abc', {headers: h}),
        ]).then(rs => Promise.all(rs.map(r => r.text().then(t => r.status + ' ' + t)))).then(done, e => done(String(e)));
        """);

    System.out.println("STATUSES " + statuses);
    alice.checkTraffic();
    List<String> violations = Contract.get().drain();

    assertThat(violations).as("answers " + statuses).isEmpty();
  }
}
