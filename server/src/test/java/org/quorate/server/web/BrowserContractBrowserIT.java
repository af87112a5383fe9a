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
    // A sign-in body over the 2 MiB limit: the server answers 413, which POST /api/login does not list.
    Object status = alice.driver().executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        fetch('/api/login', {method: 'POST', headers: {Accept: 'application/json', 'Content-Type': 'application/json'},
            body: JSON.stringify({username: 'x'.repeat(3 * 1024 * 1024), password: 'p'})})
          .then(r => r.text().then(() => done(r.status)), e => done(String(e)));
        """);

    alice.checkTraffic();
    List<String> violations = Contract.get().drain();

    assertThat(status).isEqualTo(413L);
    assertThat(violations).singleElement().asString()
        .startsWith("POST /api/login 413: the status is not documented for this operation");
  }
}
